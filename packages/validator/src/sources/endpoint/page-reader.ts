import { createHash } from 'node:crypto';
import { ValidatorConfigError } from '../../config-error';
import type { SourceEvent } from '../../engine/source-event';
import { jsonErrorReason } from '../../parse/json-error';
import type { HttpStats, StopReason } from '../../report';
import { describeShape, getDotPath } from '../dot-path';
import { fetchPage, type PageAnswer, type PageRequestOptions } from '../http-fetch';
import { maskUrl } from '../mask-url';
import type { Crawl } from './crawl-options';

/** What reading one page gave. */
export interface PageOutcome {
  /** The body parsed as JSON (undefined when there was no usable answer). */
  body?: unknown;
  parsed: boolean;
  /** Records found on the page (-1 when they were not found). */
  records: number;
  /** The earlier page this page's body repeats (its records were not checked again). */
  repeatOf?: number;
}

/** Page digests remembered for loop detection. */
const MAX_DIGESTS = 100_000;

const stop = (code: StopReason['code'], message: string): SourceEvent => ({
  type: 'stop',
  reason: { code, message },
});

/**
 * Reads the pages of one crawl for every pagination style: requests them (delay, retries, time limits),
 * turns each answer into source events (the page, findings about the answer, its records), notices a page
 * served twice, and keeps the HTTP statistics. The styles decide which page comes next and when the data
 * has ended.
 */
export class PageReader {
  private readonly times: number[] = [];
  private requests = 0;
  private errors = 0;
  private retries = 0;
  private pages = 0;
  private bytes = 0;
  private overBudget = 0;
  private readonly controller = new AbortController();
  /** Body digests of the pages read, to notice a page served again. */
  private readonly digests = new Map<string, number>();
  private readonly request: PageRequestOptions;

  constructor(readonly crawl: Crawl) {
    const outer = crawl.request.signal;
    if (outer.aborted) this.controller.abort();
    else outer.addEventListener('abort', () => this.controller.abort(), { once: true });
    this.request = { ...crawl.request, signal: this.controller.signal };
  }

  /** `true` once the crawl is stopped (by the caller, or because it ended). */
  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  /** Ends the crawl: requests still in flight are aborted. */
  abort(): void {
    this.controller.abort();
  }

  /** Whether page `page` may be read; at the page cap, says so. */
  *mayRead(page: number): Generator<SourceEvent, boolean> {
    if (this.aborted) return false;
    if (page > this.crawl.maxPages) {
      yield this.capReached(undefined);
      return false;
    }
    return true;
  }

  /** The stop of the page cap (`total`: the pages the endpoint has, when known). */
  capReached(total: number | undefined): SourceEvent {
    const of = total === undefined ? '' : ` of ${total.toLocaleString('en')}`;
    return stop(
      'max-pages',
      `stopped after ${this.crawl.maxPages.toLocaleString('en')}${of} pages (the page cap).`,
    );
  }

  /** A page whose body repeats an earlier page's: a finding, and the crawl stops. */
  *repeated(page: number, earlier: number, hint: string): Generator<SourceEvent> {
    const message = `Page ${page} is the same as page ${earlier}${hint}: the pagination loops.`;
    yield { type: 'finding', code: 'pagination_loop', message };
    yield stop('pagination-loop', `${message} Stopped there.`);
  }

  /** A page whose records could not be read: the crawl goes on, but the run is not complete. */
  *pageMissed(page: number): Generator<SourceEvent> {
    if (this.aborted) return;
    yield stop(
      'request-failed',
      `page ${page} could not be read as a page of records, so its records were not checked.`,
    );
  }

  /** The crawl cannot go on past `page`. */
  cannotContinue(page: number, why: string): SourceEvent {
    return stop('request-failed', `page ${page} could not be read, so ${why}; later pages were not read.`);
  }

  /** The crawl ended without proof that the data ended there. */
  endUnproven(why: string): SourceEvent {
    return stop('end-unproven', `the end of the data could not be proven: ${why}.`);
  }

  /** Requests a page (pausing first when asked, for every page but the first). */
  async fetch(url: string, page: number): Promise<PageAnswer> {
    if (page > 1 && this.crawl.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.crawl.delayMs));
    }
    return fetchPage(url, this.request);
  }

  /** Says which page comes, requests it, and gives its events; returns what the page held. */
  async *read(page: number, url: string): AsyncGenerator<SourceEvent, PageOutcome> {
    yield { type: 'page', page, url: maskUrl(url) };
    return yield* this.consume(page, await this.fetch(url, page));
  }

  /** One page's answer as events: statistics, findings about the answer, then its records. */
  *consume(page: number, answer: PageAnswer): Generator<SourceEvent, PageOutcome> {
    this.pages++;
    for (const [i, attempt] of answer.attempts.entries()) {
      this.requests++;
      if (i > 0) this.retries++;
      if (attempt.error || (attempt.status !== undefined && (attempt.status < 200 || attempt.status > 299)))
        this.errors++;
      if (attempt.error !== 'aborted') this.times.push(attempt.ms);
    }
    this.bytes += answer.bytes;
    const method = this.crawl.provider.method;
    const tries = answer.attempts.length > 1 ? ` (${answer.attempts.length} attempts)` : '';
    if (answer.error) {
      if (answer.error.code === 'aborted') return { parsed: false, records: -1 };
      if (answer.error.code === 'network_error' && this.pages === 1) {
        // No HTTP answer at all to the first request: nothing can be checked, so there is no verdict.
        throw new ValidatorConfigError(
          'unreachable',
          `the endpoint ${maskUrl(answer.url)} could not be reached or does not answer HTTP${tries}: ${answer.error.message}. Nothing was checked.`,
        );
      }
      const message = `${method} page ${page} failed${tries}: ${answer.error.message}.`;
      yield { type: 'finding', code: answer.error.code, message };
      return { parsed: false, records: -1 };
    }
    const status = answer.status ?? 0;
    if ((status === 401 || status === 403) && this.pages === 1) {
      // The first request refused: the credentials are wrong or missing, so nothing can be checked.
      throw new ValidatorConfigError(
        'endpoint_refused',
        `the endpoint ${maskUrl(answer.url)} refused the request (${status} ${answer.statusText ?? ''}`.trimEnd() +
          '): check the credentials sent (headers, bearer token). Nothing was checked.',
      );
    }
    if (status < 200 || status > 299) {
      const message =
        `${method} page ${page} answered ${status} ${answer.statusText ?? ''}`.trimEnd() +
        `${tries}; expected 2xx.`;
      yield { type: 'finding', code: 'http_status', message };
      return { parsed: false, records: -1 };
    }
    const budget = this.crawl.provider.latencyBudgetMs;
    if (answer.ms > budget) {
      this.overBudget++;
      const message = `Page ${page} took ${Math.round(answer.ms).toLocaleString('en')} ms, over the budget of ${budget.toLocaleString('en')} ms.`;
      yield { type: 'finding', code: 'latency', message };
    }
    const expected = this.crawl.provider.contentType.toLowerCase();
    const got = (answer.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (got !== expected.split(';')[0]!.trim()) {
      const message =
        got === ''
          ? `Page ${page} has no Content-Type; expected ${expected}.`
          : `Page ${page} has Content-Type ${got}; expected ${expected}.`;
      yield { type: 'finding', code: 'content_type', message };
    }
    const text = answer.body ?? '';
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      const start = text.trimStart();
      const looks = start.startsWith('<')
        ? ` (it starts with ${JSON.stringify(start.slice(0, 30))}: an HTML page?)`
        : '';
      const message =
        text.trim() === ''
          ? `Page ${page} has an empty body; expected JSON.`
          : `Page ${page} is not JSON${looks}: ${jsonErrorReason(error)}.`;
      yield { type: 'finding', code: 'body_not_json', message };
      return { parsed: false, records: -1 };
    }
    const recordsPath = this.crawl.provider.records;
    const records = recordsPath === undefined ? body : getDotPath(body, recordsPath);
    if (!Array.isArray(records)) {
      const where = recordsPath === undefined ? 'The body' : `\`${recordsPath}\``;
      const shape =
        recordsPath === undefined || records !== undefined
          ? describeShape(records)
          : `absent (the body is ${describeShape(body)})`;
      const message = `${where} of page ${page} should be the array of records, but is ${shape}.`;
      yield { type: 'finding', code: 'envelope', message };
      return { body, parsed: true, records: -1 };
    }
    if (records.length > 0) {
      const digest = createHash('sha256').update(text).digest('base64');
      const earlier = this.digests.get(digest);
      if (earlier !== undefined) return { body, parsed: true, records: records.length, repeatOf: earlier };
      if (this.digests.size < MAX_DIGESTS) this.digests.set(digest, page);
    }
    yield { type: 'records', records };
    return { body, parsed: true, records: records.length };
  }

  /** Timing and error counts of the requests so far. */
  stats(): HttpStats {
    const sorted = [...this.times].sort((a, b) => a - b);
    const at = (q: number) =>
      sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
    return {
      requests: this.requests,
      errors: this.errors,
      retries: this.retries,
      pages: this.pages,
      bytes: this.bytes,
      p50Ms: at(0.5),
      p95Ms: at(0.95),
      maxMs: sorted.length === 0 ? 0 : sorted[sorted.length - 1]!,
      latencyBudgetMs: this.crawl.provider.latencyBudgetMs,
      overBudget: this.overBudget,
    };
  }

  /** The whole number at `path` of a page body (a stated total), or undefined with a finding when it is not one. */
  *wholeNumber(body: unknown, path: string, unit: string): Generator<SourceEvent, number | undefined> {
    const value = getDotPath(body, path);
    if (value === undefined || value === null) return undefined;
    const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
      const message = `The ${unit} \`${path}\` is ${describeShape(value)}, not a whole number ≥ 0; pages were read until an empty one.`;
      yield { type: 'finding', code: 'envelope', message };
      return undefined;
    }
    return number;
  }
}
