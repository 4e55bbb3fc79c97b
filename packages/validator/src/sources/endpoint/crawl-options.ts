import {
  type ContractInput as ContractDocumentInput,
  type ProviderSpec,
  providerSchema,
} from '@tukar/contracts';
import { version } from '../../../package.json';
import { ValidatorConfigError } from '../../config-error';
import type { CheckerOptions } from '../../engine/record-checker';
import type { FetchFunction, PageRequestOptions } from '../http-fetch';

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
export interface Crawl {
  provider: ProviderSpec;
  firstUrl: URL;
  request: PageRequestOptions;
  concurrency: number;
  delayMs: number;
  maxPages: number;
}

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
