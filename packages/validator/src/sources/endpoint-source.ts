import { createHash } from 'node:crypto';
import {
  type ContractInput as ContractDocumentInput,
  type ProviderSpec,
  providerSchema,
} from '@tukar/contracts';
import { version } from '../../package.json';
import { ValidatorConfigError } from '../config-error';
import type { CheckerOptions, RecordChecker } from '../engine/record-checker';
import { jsonErrorReason } from '../parse/json-error';
import type { HttpStats } from '../report';
import { describeShape, getDotPath } from './dot-path';
import { type FetchFunction, fetchPage, type PageAnswer, type PageRequestOptions } from './http-fetch';
import { maskUrl } from './mask-url';

/**
 * The `provider` settings a caller may override (same fields and defaults as the contract's section).
 *
 * @example
 * ```ts
 * import { type ProviderOverrides, validateEndpoint } from '@tukar/validator';
 *
 * // The OPD's staging system serves the records at another path, 500 a page.
 * const provider: ProviderOverrides = {
 *   path: '/v2/puskesmas',
 *   records: 'data',
 *   pagination: { style: 'page', limitParam: 'per_page', limit: 500, totalPages: 'meta.last_page' },
 *   latencyBudgetMs: 5_000,
 * };
 * const report = await validateEndpoint('contracts/dinkes.puskesmas.yaml', { baseUrl: 'http://127.0.0.1:8090', provider });
 * ```
 */
export type ProviderOverrides = Partial<NonNullable<ContractDocumentInput['provider']>>;

/**
 * Options of crawling a live OPD endpoint ({@link validateEndpoint}).
 *
 * @example
 * ```ts
 * import { type EndpointOptions, validateEndpoint } from '@tukar/validator';
 *
 * const options: EndpointOptions = {
 *   baseUrl: 'https://simpus.dinkes.semarangkota.example.go.id',
 *   headers: { 'x-api-key': process.env.SIMPUS_API_KEY ?? '' },
 *   concurrency: 2, // spare the OPD's server during office hours
 *   delayMs: 200,
 *   timeoutMs: 10_000,
 *   signal: AbortSignal.timeout(15 * 60_000),
 * };
 * const report = await validateEndpoint('contracts/dinkes.puskesmas.yaml', options);
 * ```
 */
export interface EndpointOptions extends CheckerOptions {
  /** The OPD system's base URL, e.g. `https://simpus.dinkes.example.go.id`; the provider `path` is appended. */
  baseUrl: string;
  /** Overrides of the contract's `provider` section (`pagination` replaces the contract's as a whole). */
  provider?: ProviderOverrides;
  /** Headers sent with every request (authorization, API keys). */
  headers?: Record<string, string>;
  /** Pages fetched at once when the number of pages is known (page and offset styles with a total; default 4). */
  concurrency?: number;
  /** Time limit of one request, headers and body, in ms (default 30 000). */
  timeoutMs?: number;
  /** Repeats of a request after a network error, a timeout, a 5xx or a 429 (default 2). */
  retries?: number;
  /** First backoff before a repeat in ms, doubled each time (default 500). */
  retryDelayMs?: number;
  /** Pause before each request after the first, in ms, to spare the OPD system (default 0). */
  delayMs?: number;
  /** Most pages read (default 10 000). */
  maxPages?: number;
  /** Largest response body in bytes (default 50 MiB). */
  maxPageBytes?: number;
  /** A `fetch` to use instead of the global one. */
  fetch?: FetchFunction;
  /** Stops the crawl; the report covers what was read. */
  signal?: AbortSignal;
}

/** Settings of a crawl with every default applied. */
interface Crawl {
  provider: ProviderSpec;
  firstUrl: URL;
  request: PageRequestOptions;
  concurrency: number;
  delayMs: number;
  maxPages: number;
}

/** What reading one page gave. */
interface PageOutcome {
  /** The body parsed as JSON (undefined when there was no usable answer). */
  body?: unknown;
  parsed: boolean;
  /** Records found on the page (-1 when they were not found). */
  records: number;
  /** The earlier page this page's body repeats (its records were not checked again). */
  repeatOf?: number;
}

/** Pages of unknown-total pagination that may fail one after another before the crawl gives up. */
const MAX_FAILED_PAGES_IN_A_ROW = 3;
/** Page digests remembered for loop detection. */
const MAX_DIGESTS = 100_000;

const positive = (name: string, value: number | undefined, fallback: number, min = 1): number => {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min) {
    throw new ValidatorConfigError(
      'invalid_option',
      `${name} must be a number ≥ ${min}, got ${String(value)}`,
    );
  }
  return value;
};

/**
 * Resolves the provider settings (contract section, then overrides) and every crawl option, or throws a
 * {@link ValidatorConfigError} that says which setting is wrong.
 */
export function resolveCrawl(contractProvider: ProviderSpec | undefined, options: EndpointOptions): Crawl {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    base = new URL('invalid:');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new ValidatorConfigError(
      'invalid_option',
      `the endpoint base URL ${JSON.stringify(options.baseUrl)} is not an absolute http(s) URL`,
    );
  }
  const merged = { ...(contractProvider ?? {}), ...(options.provider ?? {}) };
  if (merged.path === undefined) {
    throw new ValidatorConfigError(
      'provider_missing',
      'the contract has no `provider` section: say where the records are with a path (--path /api/…)',
    );
  }
  const parsed = providerSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'provider'}: ${issue.message}`,
    );
    throw new ValidatorConfigError(
      'invalid_option',
      `the provider settings are not valid: ${problems.join('; ')}`,
    );
  }
  const provider = parsed.data;
  const firstUrl = new URL(base.href);
  firstUrl.pathname = `${base.pathname.replace(/\/+$/, '')}${provider.path}`;
  firstUrl.hash = '';
  const headers: Record<string, string> = {
    accept: `${provider.contentType}, */*;q=0.1`,
    'user-agent': `tukar-validator/${version}`,
    ...(provider.method === 'POST' ? { 'content-type': 'application/json' } : {}),
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n]/.test(value)) {
      throw new ValidatorConfigError(
        'invalid_option',
        `header ${JSON.stringify(name)} is not a valid HTTP header`,
      );
    }
    headers[name.toLowerCase()] = value;
  }
  const fetchFunction = options.fetch ?? (globalThis.fetch as FetchFunction | undefined);
  if (typeof fetchFunction !== 'function') {
    throw new ValidatorConfigError('invalid_option', 'no global fetch here: pass options.fetch');
  }
  return {
    provider,
    firstUrl,
    concurrency: Math.floor(positive('concurrency', options.concurrency, 4)),
    delayMs: positive('delayMs', options.delayMs, 0, 0),
    maxPages: Math.floor(positive('maxPages', options.maxPages, 10_000)),
    request: {
      method: provider.method,
      headers,
      timeoutMs: positive('timeoutMs', options.timeoutMs, 30_000),
      retries: Math.floor(positive('retries', options.retries, 2, 0)),
      retryDelayMs: positive('retryDelayMs', options.retryDelayMs, 500, 0),
      maxBytes: positive('maxPageBytes', options.maxPageBytes, 50 * 1024 * 1024),
      fetch: fetchFunction,
      signal: options.signal ?? new AbortController().signal,
    },
  };
}

/**
 * Crawls an OPD endpoint page by page, as the contract's `provider` section says (next link, page number,
 * offset, cursor, or one response), feeding every record to the checker and recording findings about the
 * answers (status, content type, response time, envelope, pagination). Returns the HTTP statistics.
 */
export async function crawlEndpoint(checker: RecordChecker, crawl: Crawl): Promise<HttpStats> {
  const crawler = new Crawler(checker, crawl);
  await crawler.run();
  return crawler.stats();
}

class Crawler {
  private readonly times: number[] = [];
  private requests = 0;
  private errors = 0;
  private retries = 0;
  private pages = 0;
  private bytes = 0;
  private overBudget = 0;
  private readonly stop = new AbortController();
  /** Body digests of the pages read, to notice a page served again. */
  private readonly digests = new Map<string, number>();
  private readonly request: PageRequestOptions;

  constructor(
    private readonly checker: RecordChecker,
    private readonly crawl: Crawl,
  ) {
    const outer = crawl.request.signal;
    if (outer.aborted) this.stop.abort();
    else outer.addEventListener('abort', () => this.stop.abort(), { once: true });
    this.request = { ...crawl.request, signal: this.stop.signal };
  }

  async run(): Promise<void> {
    const pagination = this.crawl.provider.pagination;
    try {
      switch (pagination.style) {
        case 'page':
        case 'offset':
          await this.numbered();
          break;
        case 'cursor':
          await this.cursor(
            pagination.cursorParam,
            pagination.nextCursor,
            pagination.limitParam,
            pagination.limit,
          );
          break;
        case 'none':
          await this.single();
          break;
        default:
          await this.nextLink(pagination.next);
      }
    } finally {
      this.stop.abort();
      if (this.crawl.request.signal.aborted) {
        this.checker.stop({ code: 'aborted', message: 'the crawl was stopped by the caller.' });
      }
    }
  }

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

  private async single(): Promise<void> {
    await this.read(1, this.crawl.firstUrl.href);
  }

  private async nextLink(nextPath: string): Promise<void> {
    const origin = this.crawl.firstUrl.origin;
    const visited = new Map<string, number>();
    let url = this.crawl.firstUrl.href;
    for (let page = 1; ; page++) {
      if (!this.mayRead(page)) return;
      visited.set(url, page);
      const outcome = await this.read(page, url);
      if (outcome.repeatOf !== undefined) return this.repeated(page, outcome.repeatOf, '');
      if (!outcome.parsed) return this.cannotContinue(page, 'there is no next link to follow');
      const next = getDotPath(outcome.body, nextPath);
      if (next === undefined || next === null || next === '') return;
      if (this.checker.full) return this.recordCap();
      if (typeof next !== 'string') {
        this.checker.finding(
          'envelope',
          `The next link \`${nextPath}\` is ${describeShape(next)}, not a URL.`,
        );
        return this.cannotContinue(page, 'the next link is not a URL');
      }
      let target: URL;
      try {
        target = new URL(next, url);
      } catch {
        this.checker.finding('envelope', `The next link \`${nextPath}\` is not a valid URL.`);
        return this.cannotContinue(page, 'the next link is not a valid URL');
      }
      if (target.origin !== origin) {
        const message = `The next link of page ${page} leads to another site (${target.origin}); it was not followed, so that the credentials stay with ${origin}.`;
        this.checker.finding('pagination_offsite', message);
        this.checker.stop({ code: 'pagination-offsite', message });
        return;
      }
      target.hash = '';
      const seen = visited.get(target.href);
      if (seen !== undefined) {
        const message = `The next link of page ${page} points back to page ${seen} (${maskUrl(target.href)}): the pagination loops.`;
        this.checker.finding('pagination_loop', message);
        this.checker.stop({ code: 'pagination-loop', message: `${message} Stopped there.` });
        return;
      }
      url = target.href;
    }
  }

  private async cursor(param: string, nextPath: string, limitParam?: string, limit?: number): Promise<void> {
    const seen = new Map<string, number>();
    let cursor: string | undefined;
    for (let page = 1; ; page++) {
      if (!this.mayRead(page)) return;
      const url = new URL(this.crawl.firstUrl.href);
      if (limitParam && limit !== undefined) url.searchParams.set(limitParam, String(limit));
      if (cursor !== undefined) url.searchParams.set(param, cursor);
      const outcome = await this.read(page, url.href);
      if (outcome.repeatOf !== undefined) return this.repeated(page, outcome.repeatOf, '');
      if (!outcome.parsed) return this.cannotContinue(page, 'there is no next cursor to follow');
      const next = getDotPath(outcome.body, nextPath);
      if (next === undefined || next === null || next === '') return;
      if (this.checker.full) return this.recordCap();
      if (typeof next !== 'string' && typeof next !== 'number') {
        this.checker.finding(
          'envelope',
          `The next cursor \`${nextPath}\` is ${describeShape(next)}, not a string.`,
        );
        return this.cannotContinue(page, 'the next cursor is not a string');
      }
      const text = String(next);
      const first = seen.get(text);
      if (first !== undefined || text === cursor) {
        const message = `Page ${page} gives the cursor of page ${first ?? page} again: the pagination loops.`;
        this.checker.finding('pagination_loop', message);
        this.checker.stop({ code: 'pagination-loop', message: `${message} Stopped there.` });
        return;
      }
      seen.set(text, page + 1);
      cursor = text;
    }
  }

  /** Page-number and offset pagination: concurrent when the total is known, else until an empty or short page. */
  private async numbered(): Promise<void> {
    const pagination = this.crawl.provider.pagination;
    if (pagination.style !== 'page' && pagination.style !== 'offset') return;
    const limit = pagination.limit;
    const urlOf = (page: number): string => {
      const url = new URL(this.crawl.firstUrl.href);
      if (pagination.style === 'page') {
        url.searchParams.set(pagination.pageParam, String(pagination.firstPage + page - 1));
        if (pagination.limitParam && limit !== undefined)
          url.searchParams.set(pagination.limitParam, String(limit));
      } else {
        url.searchParams.set(pagination.offsetParam, String((page - 1) * pagination.limit));
        url.searchParams.set(pagination.limitParam, String(pagination.limit));
      }
      return url.href;
    };
    const first = await this.read(1, urlOf(1));
    if (first.records === -1 && first.parsed) this.pageMissed(1);
    const totalPath = pagination.style === 'page' ? pagination.totalPages : pagination.total;
    const param = pagination.style === 'page' ? pagination.pageParam : pagination.offsetParam;
    const ignoredHint = ` (the server seems to ignore the \`${param}\` parameter)`;
    const total = first.parsed && totalPath ? this.totalPages(first.body, totalPath) : undefined;
    if (total !== undefined) {
      await this.window(2, total, urlOf, ignoredHint);
      return;
    }
    // Unknown total: one page at a time, until an empty page or a short one.
    if (first.records === -1) return this.cannotContinue(1, 'the number of pages is unknown');
    let previous = first;
    let failuresInARow = 0;
    for (let page = 2; ; page++) {
      if (previous.records === 0 || (limit !== undefined && previous.records > 0 && previous.records < limit))
        return;
      if (failuresInARow >= MAX_FAILED_PAGES_IN_A_ROW) {
        return this.cannotContinue(page - 1, `${failuresInARow} pages in a row failed`);
      }
      if (this.checker.full) return this.recordCap();
      if (!this.mayRead(page)) return;
      const outcome = await this.read(page, urlOf(page));
      if (outcome.records === -1) this.pageMissed(page);
      failuresInARow = outcome.records === -1 ? failuresInARow + 1 : 0;
      if (outcome.repeatOf !== undefined) return this.repeated(page, outcome.repeatOf, ignoredHint);
      if (outcome.records !== -1) previous = outcome;
    }
  }

  /** Reads pages `from`..`last` with up to `concurrency` requests at once, checking them in page order. */
  private async window(
    from: number,
    last: number,
    urlOf: (page: number) => string,
    hint: string,
  ): Promise<void> {
    const end = Math.min(last, this.crawl.maxPages);
    const pending = new Map<number, Promise<PageAnswer>>();
    let nextToStart = from;
    const fill = (upTo: number) => {
      while (nextToStart <= end && nextToStart < upTo) {
        const page = nextToStart++;
        pending.set(page, this.fetch(urlOf(page), page > 1));
      }
    };
    for (let page = from; page <= end; page++) {
      if (this.checker.full) {
        this.recordCap();
        break;
      }
      if (this.stop.signal.aborted) break;
      fill(page + this.crawl.concurrency);
      const answer = await pending.get(page)!;
      pending.delete(page);
      const outcome = this.consume(page, answer);
      if (outcome.repeatOf !== undefined) {
        this.repeated(page, outcome.repeatOf, hint);
        break;
      }
      if (outcome.records === -1) this.pageMissed(page);
    }
    this.stop.abort();
    await Promise.allSettled(pending.values());
    if (last > this.crawl.maxPages && !this.checker.full) this.capReached(last);
  }

  private totalPages(body: unknown, path: string): number | undefined {
    const pagination = this.crawl.provider.pagination;
    const value = getDotPath(body, path);
    if (value === undefined || value === null) return undefined;
    const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
      this.checker.page = 1;
      this.checker.finding(
        'envelope',
        `The total \`${path}\` is ${describeShape(value)}, not a whole number ≥ 0; pages were read until an empty one.`,
      );
      return undefined;
    }
    if (pagination.style === 'offset') return Math.ceil(number / pagination.limit);
    return number;
  }

  private mayRead(page: number): boolean {
    if (this.stop.signal.aborted) return false;
    if (page > this.crawl.maxPages) {
      this.capReached(undefined);
      return false;
    }
    return true;
  }

  private capReached(total: number | undefined): void {
    const of = total === undefined ? '' : ` of ${total.toLocaleString('en')}`;
    this.checker.stop({
      code: 'max-pages',
      message: `stopped after ${this.crawl.maxPages.toLocaleString('en')}${of} pages (the page cap).`,
    });
  }

  /** Reports a page whose body repeats an earlier page's, and stops. */
  private repeated(page: number, earlier: number, hint: string): void {
    const message = `Page ${page} is the same as page ${earlier}${hint}: the pagination loops.`;
    this.checker.finding('pagination_loop', message);
    this.checker.stop({ code: 'pagination-loop', message: `${message} Stopped there.` });
  }

  /** A page whose records could not be read: the crawl goes on, but the run is not complete. */
  private pageMissed(page: number): void {
    if (this.stop.signal.aborted) return;
    this.checker.stop({
      code: 'request-failed',
      message: `page ${page} could not be read as a page of records, so its records were not checked.`,
    });
  }

  private recordCap(): void {
    this.checker.stop({
      code: 'max-records',
      message: `stopped after ${this.checker.records.toLocaleString('en')} records (the record cap).`,
    });
  }

  private cannotContinue(page: number, why: string): void {
    this.checker.stop({
      code: 'request-failed',
      message: `page ${page} could not be read, so ${why}; later pages were not read.`,
    });
  }

  private async fetch(url: string, delay: boolean): Promise<PageAnswer> {
    if (delay && this.crawl.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.crawl.delayMs));
    }
    return fetchPage(url, this.request);
  }

  private async read(page: number, url: string): Promise<PageOutcome> {
    return this.consume(page, await this.fetch(url, page > 1));
  }

  /** Records one page's answer: statistics, findings about the answer, then its records. */
  private consume(page: number, answer: PageAnswer): PageOutcome {
    const checker = this.checker;
    const shownUrl = maskUrl(answer.url);
    checker.settle();
    checker.page = page;
    checker.url = shownUrl;
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
      const code = answer.error.code === 'body_too_large' ? 'body_too_large' : answer.error.code;
      checker.finding(code, `${method} page ${page} failed${tries}: ${answer.error.message}.`);
      return { parsed: false, records: -1 };
    }
    const status = answer.status ?? 0;
    if (status < 200 || status > 299) {
      checker.finding(
        'http_status',
        `${method} page ${page} answered ${status} ${answer.statusText ?? ''}`.trimEnd() +
          `${tries}; expected 2xx.`,
      );
      return { parsed: false, records: -1 };
    }
    const budget = this.crawl.provider.latencyBudgetMs;
    if (answer.ms > budget) {
      this.overBudget++;
      checker.finding(
        'latency',
        `Page ${page} took ${Math.round(answer.ms).toLocaleString('en')} ms, over the budget of ${budget.toLocaleString('en')} ms.`,
      );
    }
    const expected = this.crawl.provider.contentType.toLowerCase();
    const got = (answer.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (got !== expected.split(';')[0]!.trim()) {
      checker.finding(
        'content_type',
        got === ''
          ? `Page ${page} has no Content-Type; expected ${expected}.`
          : `Page ${page} has Content-Type ${got}; expected ${expected}.`,
      );
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
      const reason = jsonErrorReason(error);
      checker.finding(
        'body_not_json',
        text.trim() === ''
          ? `Page ${page} has an empty body; expected JSON.`
          : `Page ${page} is not JSON${looks}: ${reason}.`,
      );
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
      checker.finding(
        'envelope',
        `${where} of page ${page} should be the array of records, but is ${shape}.`,
      );
      return { body, parsed: true, records: -1 };
    }
    if (records.length > 0) {
      const digest = digestOf(text);
      const earlier = this.digests.get(digest);
      if (earlier !== undefined) return { body, parsed: true, records: records.length, repeatOf: earlier };
      if (this.digests.size < MAX_DIGESTS) this.digests.set(digest, page);
    }
    for (const record of records) {
      if (checker.full) {
        this.recordCap();
        break;
      }
      checker.check(record);
    }
    checker.tick(false);
    return { body, parsed: true, records: records.length };
  }
}

/** SHA-256 of the body text, to notice a page served twice. */
function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}
