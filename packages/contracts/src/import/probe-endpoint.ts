import type { Pagination, ProviderSpec } from '../contract-schema';
import { ImportError } from './import-error';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function at(body: unknown, path: string): unknown {
  let current = body;
  for (const part of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

const RECORD_PATHS = [
  'data',
  'items',
  'results',
  'records',
  'rows',
  'content',
  'data.data',
  'data.items',
  'result',
  'result.data',
  'hasil',
  'payload',
];
const NEXT_PATHS = [
  'links.next',
  'next',
  'next_page_url',
  'meta.next',
  'pagination.next',
  'paging.next',
  'data.next_page_url',
];
const CURSOR_PATHS = [
  'next_cursor',
  'nextCursor',
  'meta.next_cursor',
  'meta.nextCursor',
  'pagination.next_cursor',
  'cursor.next',
];
const LAST_PAGE_PATHS = [
  'last_page',
  'meta.last_page',
  'total_pages',
  'totalPages',
  'meta.total_pages',
  'meta.totalPages',
  'pagination.total_pages',
  'data.last_page',
];
const TOTAL_PATHS = ['total', 'meta.total', 'count', 'meta.count', 'pagination.total', 'total_count'];

const isRecordList = (value: unknown): value is Json[] =>
  Array.isArray(value) && value.length > 0 && value.every(isObject);

/** Where the records sit in a response body: `undefined` for a bare array. */
function findRecords(body: unknown): { path?: string; records: Json[] } | undefined {
  if (Array.isArray(body)) return { records: body.filter(isObject) };
  for (const path of RECORD_PATHS) {
    const value = at(body, path);
    if (isRecordList(value)) return { path, records: value };
  }
  if (isObject(body)) {
    for (const [key, value] of Object.entries(body))
      if (isRecordList(value)) return { path: key, records: value };
  }
  return undefined;
}

function detectPagination(body: unknown, url: URL, pageSize: number): Pagination {
  const next = NEXT_PATHS.find((path) => typeof at(body, path) === 'string');
  if (next) return { next };
  const cursor = CURSOR_PATHS.find((path) => typeof at(body, path) === 'string');
  if (cursor) return { style: 'cursor', cursorParam: 'cursor', nextCursor: cursor };
  const lastPage = LAST_PAGE_PATHS.find((path) => typeof at(body, path) === 'number');
  if (lastPage) {
    const limitParam = ['per_page', 'limit', 'size', 'page_size'].find((p) => url.searchParams.has(p));
    return {
      style: 'page',
      pageParam: 'page',
      firstPage: 1,
      totalPages: lastPage,
      ...(limitParam ? { limitParam, limit: pageSize } : {}),
    };
  }
  const total = TOTAL_PATHS.find((path) => typeof at(body, path) === 'number');
  if (total && typeof at(body, total) === 'number' && (at(body, total) as number) > pageSize) {
    return { style: 'offset', offsetParam: 'offset', limitParam: 'limit', limit: pageSize, total };
  }
  return { style: 'none' };
}

/**
 * What probing an endpoint found: the `provider` section and the records read (up to `maxRecords`).
 *
 * @example
 * ```ts
 * import type { EndpointProbe } from '@tukar/contracts';
 *
 * declare const probe: EndpointProbe;
 * console.log(probe.provider.pagination, `${probe.records.length} records from ${probe.pages} pages`);
 * ```
 */
export interface EndpointProbe {
  readonly provider: ProviderSpec;
  readonly records: Record<string, unknown>[];
  readonly pages: number;
}

/**
 * Options of {@link probeEndpoint}.
 *
 * @example
 * ```ts
 * import type { ProbeOptions } from '@tukar/contracts';
 *
 * const options: ProbeOptions = { maxRecords: 5000, headers: { authorization: `Bearer ${process.env.OPD_TOKEN}` } };
 * ```
 */
export interface ProbeOptions {
  readonly fetch?: typeof fetch;
  readonly headers?: Record<string, string>;
  /** Stop after this many records. Default 10,000. */
  readonly maxRecords?: number;
  /** Stop after this many pages. Default 200. */
  readonly maxPages?: number;
}

async function getJson(
  url: URL,
  options: ProbeOptions,
): Promise<{ body: unknown; ms: number; contentType: string }> {
  const started = Date.now();
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { accept: 'application/json', ...options.headers },
    });
  } catch (cause) {
    throw new ImportError(
      'connection_failed',
      `cannot reach ${url.origin}${url.pathname}: ${(cause as Error).message}`,
      { cause },
    );
  }
  if (!response.ok) {
    throw new ImportError(
      'connection_failed',
      `${url.origin}${url.pathname} answered HTTP ${response.status}: expected 200 with JSON records`,
    );
  }
  const text = await response.text();
  try {
    return {
      body: JSON.parse(text),
      ms: Date.now() - started,
      contentType: response.headers.get('content-type')?.split(';')[0] ?? 'application/json',
    };
  } catch (cause) {
    throw new ImportError('invalid_input', `${url.origin}${url.pathname} did not answer JSON`, { cause });
  }
}

function nextUrl(
  current: URL,
  body: unknown,
  pagination: Pagination,
  page: number,
  offset: number,
): URL | undefined {
  switch (pagination.style) {
    case 'none':
      return undefined;
    case 'page': {
      const last = pagination.totalPages ? at(body, pagination.totalPages) : undefined;
      if (typeof last === 'number' && page >= last) return undefined;
      const url = new URL(current);
      url.searchParams.set(pagination.pageParam, String(page + 1));
      return url;
    }
    case 'offset': {
      const total = pagination.total ? at(body, pagination.total) : undefined;
      if (typeof total === 'number' && offset >= total) return undefined;
      const url = new URL(current);
      url.searchParams.set(pagination.offsetParam, String(offset));
      url.searchParams.set(pagination.limitParam, String(pagination.limit));
      return url;
    }
    case 'cursor': {
      const cursor = at(body, pagination.nextCursor);
      if (typeof cursor !== 'string' || cursor === '') return undefined;
      const url = new URL(current);
      url.searchParams.set(pagination.cursorParam, cursor);
      return url;
    }
    default: {
      const link = at(body, pagination.next);
      return typeof link === 'string' && link !== '' ? new URL(link, current) : undefined;
    }
  }
}

/**
 * Probes an OPD endpoint for `tukar contract init --endpoint`: finds where the records sit in the body
 * (`data`, `items`, `results`… or a bare array), which pagination it uses (a next link such as Laravel's
 * `links.next` / `next_page_url`, page numbers with a last page, offset with a total, a cursor, or none)
 * and the page size, then follows it to read up to `maxRecords` records as a sample.
 *
 * @example
 * ```ts
 * import { inferFromRecords, probeEndpoint } from '@tukar/contracts';
 *
 * const probe = await probeEndpoint('https://simpus.dinkes.ciamiskab.go.id/api/puskesmas');
 * const result = inferFromRecords(probe.records, { name: 'puskesmas' });
 * const contract = { ...result.contract, provider: probe.provider };
 * ```
 */
export async function probeEndpoint(
  address: string | URL,
  options: ProbeOptions = {},
): Promise<EndpointProbe> {
  const maxRecords = options.maxRecords ?? 10_000;
  const maxPages = options.maxPages ?? 200;
  const first = new URL(address);
  const { body, ms, contentType } = await getJson(first, options);
  const found = findRecords(body);
  if (!found) {
    throw new ImportError(
      'invalid_input',
      `${first.origin}${first.pathname} answered JSON without a list of records (looked at ${RECORD_PATHS.join(', ')})`,
    );
  }
  const pagination = detectPagination(body, first, found.records.length);
  const records = [...found.records];
  let pages = 1;
  let page =
    pagination.style === 'page'
      ? Number(first.searchParams.get(pagination.pageParam) ?? pagination.firstPage)
      : 1;
  let current = first;
  let currentBody = body;
  let slowest = ms;
  while (records.length < maxRecords && pages < maxPages) {
    const url = nextUrl(current, currentBody, pagination, page, records.length);
    if (!url) break;
    const next = await getJson(url, options);
    const more =
      found.path === undefined
        ? Array.isArray(next.body)
          ? next.body.filter(isObject)
          : []
        : at(next.body, found.path);
    if (!Array.isArray(more) || more.length === 0) break;
    records.push(...more.filter(isObject));
    slowest = Math.max(slowest, next.ms);
    pages++;
    page++;
    current = url;
    currentBody = next.body;
  }
  const provider: ProviderSpec = {
    path: `${first.pathname}${first.search}`,
    method: 'GET',
    ...(found.path ? { records: found.path } : {}),
    pagination,
    contentType,
    latencyBudgetMs: Math.min(600_000, Math.max(2_000, Math.ceil((slowest * 4) / 1000) * 1000)),
  };
  return { provider, records: records.slice(0, maxRecords), pages };
}
