import type { Change, StoredRecord } from '@tukar/spec';
import type { BatchSigner } from './batch-signer';
import { checkInteger, HubClientOptionsError } from './client-options-error';
import { bindDataset, type DatasetHandle, type DatasetHelper } from './dataset-handle';
import type {
  DatasetKey,
  DatasetRecord,
  DatasetTypes,
  TypedChange,
  TypedStoredRecord,
  UntypedDatasets,
} from './dataset-types';
import { type GetRecordOptions, getRecord } from './get-record';
import type { HubAnswer } from './hub-context';
import { HubError } from './hub-error';
import { requestMethodOf } from './hub-headers';
import { type ListRecordsOptions, listChanges, listRecords, type PullChangesOptions } from './iterators';
import {
  type DeleteRecordsOptions,
  type PushRecordsOptions,
  type PushRecordsResult,
  pushRecords,
} from './push-records';
import { DEFAULT_RETRY_POLICY, type ResolvedRetryPolicy, type RetryOptions } from './retry-policy';
import { createTransport, type FetchLike } from './transport';
import { createTypedCalls, type TypedCalls } from './typed-calls';

/**
 * Options of {@link createHubClient}.
 *
 * @example
 * ```ts
 * import { createHubClient, type HubClientOptions } from '@tukar/client';
 *
 * const options: HubClientOptions = {
 *   baseUrl: 'http://127.0.0.1:8080',
 *   apiKey: process.env.TUKAR_API_KEY!,
 *   timeoutMs: 10_000,
 *   retry: { retries: 5 },
 *   userAgent: 'simpus/2.3 (dinkes ciamis)',
 * };
 * const hub = createHubClient(options);
 * ```
 */
export interface HubClientOptions {
  /** The hub's origin, e.g. `https://hub.ciamiskab.example.go.id` (paths start with `/v1`). */
  baseUrl: string;
  /** The API key issued by kominfo (`tk_…`), sent as `Authorization: Bearer`. */
  apiKey: string;
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: FetchLike;
  /** Time limit of one attempt in ms, the whole answer included: headers and body (default 30 000; `Infinity` for none). */
  timeoutMs?: number;
  /** Retry settings, or `false` to never retry (default: 3 retries on network errors, 429 and 503). */
  retry?: RetryOptions | false;
  /** `User-Agent` to send (browsers may ignore it), e.g. `simpus/2.3 (dinkes ciamis)`. */
  userAgent?: string;
  /**
   * Dataset id → its primary-key fields in order: the `primaryKeys` that `tukar types` writes.
   * `getRecord` builds the hub's key with it (the key values in that order); without it, the fields of
   * the key object are taken in the order written, which is enough for a one-field key.
   */
  primaryKeys?: { readonly [datasetId: string]: readonly string[] };
  /**
   * Signs every `pushRecords`/`deleteRecords` batch (origin signature, `Tukar-Signature`): a signer from
   * `batchSigner({ key, kid })` of `@tukar/client/sign`. Needed once the administrator registered a
   * signing key for the client: the hub then refuses unsigned batches.
   */
  sign?: BatchSigner;
}

/**
 * The typed hub client: every operation of the spec through openapi-fetch's `GET`/`POST`/`PUT`/`DELETE`
 * (answers as `{ data, error, response }`, with `error` typed as the problem document), plus helpers
 * that throw {@link HubError}. With the `Datasets` map `tukar types` generates (`HubClient<Datasets>`),
 * the helpers take and return each dataset's record type; without it, records are plain objects.
 *
 * @example
 * ```ts
 * import { createHubClient, type HubClient } from '@tukar/client';
 *
 * async function countPuskesmas(hub: HubClient): Promise<number> {
 *   const dataset = await hub.unwrap(
 *     hub.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } }),
 *   );
 *   return dataset.recordCount;
 * }
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * console.log(`${await countPuskesmas(hub)} puskesmas on ${hub.baseUrl}`);
 * ```
 */
export interface HubClient<D extends { [Id in keyof D]: DatasetTypes } = UntypedDatasets> extends TypedCalls {
  /** The hub origin this client talks to. */
  readonly baseUrl: string;
  /**
   * Returns `data` of an openapi-fetch answer, or throws the answer's problem as a {@link HubError}.
   * @example
   * ```ts
   * const dataset = await hub.unwrap(hub.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } }));
   * ```
   */
  unwrap<T>(answer: Promise<HubAnswer<T>> | HubAnswer<T>): Promise<T>;
  /**
   * Pushes any number of records (an array or an (async) iterable) in batches, each with its own
   * Idempotency-Key kept across retries. Resolves with the totals; on failure throws a
   * {@link PushRecordsError} that says how many records were committed before it. With a `Datasets`
   * map, `records` must have the dataset's record type.
   */
  pushRecords: string extends keyof D
    ? (
        datasetId: string,
        records: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
        options?: PushRecordsOptions,
      ) => Promise<PushRecordsResult>
    : <Id extends keyof D & string>(
        datasetId: Id,
        records: Iterable<DatasetRecord<D, Id>> | AsyncIterable<DatasetRecord<D, Id>>,
        options?: PushRecordsOptions,
      ) => Promise<PushRecordsResult>;
  /** Every change of a dataset after `since`, in commit order, following pages to the end. */
  pullChanges: string extends keyof D
    ? (datasetId: string, options?: PullChangesOptions) => AsyncIterable<Change>
    : <Id extends keyof D & string>(
        datasetId: Id,
        options?: PullChangesOptions,
      ) => AsyncIterable<TypedChange<DatasetRecord<D, Id>>>;
  /**
   * Deletes records by key (an array or an (async) iterable of key objects: the primary-key fields), in
   * batches like `pushRecords`, and resolves with the same totals (`deleted` counts the keys the hub
   * had; a key it does not have is no error). With a `Datasets` map, the keys have the dataset's key type.
   */
  deleteRecords: string extends keyof D
    ? (
        datasetId: string,
        keys: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
        options?: DeleteRecordsOptions,
      ) => Promise<PushRecordsResult>
    : <Id extends keyof D & string>(
        datasetId: Id,
        keys: Iterable<DatasetKey<D, Id>> | AsyncIterable<DatasetKey<D, Id>>,
        options?: DeleteRecordsOptions,
      ) => Promise<PushRecordsResult>;
  /**
   * One record by its key object (the primary-key fields, e.g. `{ kode_puskesmas: 'P3207010101' }`);
   * throws a {@link HubError} `not_found` (status 404) when the dataset has no such record. A key of
   * several fields needs the client's `primaryKeys` option, or its fields written in the contract's
   * order. Key values are text or numbers. With a `Datasets` map, the key has the
   * dataset's key type and the answer's `record` its record type.
   */
  getRecord: string extends keyof D
    ? (datasetId: string, key: Record<string, unknown>, options?: GetRecordOptions) => Promise<StoredRecord>
    : <Id extends keyof D & string>(
        datasetId: Id,
        key: DatasetKey<D, Id>,
        options?: GetRecordOptions,
      ) => Promise<TypedStoredRecord<DatasetRecord<D, Id>>>;
  /**
   * The record helpers of one dataset with its id filled in: `hub.dataset('dinkes.puskesmas').pushRecords(records)`.
   * With a `Datasets` map, typed by that dataset's record and key.
   */
  dataset: string extends keyof D
    ? (datasetId: string) => DatasetHandle
    : <Id extends keyof D & string>(datasetId: Id) => DatasetHandle<DatasetRecord<D, Id>, DatasetKey<D, Id>>;
  /** Every record of a dataset in key order, following cursors to the end. */
  listRecords: string extends keyof D
    ? (
        datasetId: string,
        options?: ListRecordsOptions,
      ) => AsyncIterable<StoredRecord> & { readonly cursor: string | undefined }
    : <Id extends keyof D & string>(
        datasetId: Id,
        options?: ListRecordsOptions,
      ) => AsyncIterable<TypedStoredRecord<DatasetRecord<D, Id>>> & { readonly cursor: string | undefined };
}

/**
 * Creates a client for a Tukar exchange hub. Checks its options at once and throws
 * {@link HubClientOptionsError} before any request when one is wrong.
 *
 * @example
 * ```ts
 * import { createHubClient } from '@tukar/client';
 *
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * await hub.pushRecords('dinkes.puskesmas', records, { onProgress: (p) => console.log(p.records) });
 * for await (const change of hub.pullChanges('dinkes.puskesmas', { since: lastSeq })) save(change);
 *
 * // With the types `tukar types` generated: records checked by the compiler, and before sending.
 * import type { Datasets } from './tukar-types.generated';
 * import { validators } from './tukar-types.generated';
 * const typed = createHubClient<Datasets>({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * await typed.pushRecords('dinkes.puskesmas', records, { validate: validators });
 * ```
 */
export function createHubClient<D extends { [Id in keyof D]: DatasetTypes } = UntypedDatasets>(
  options: HubClientOptions,
): HubClient<D> {
  const resolved = resolveOptions(options);
  // Headers, timeouts and retries live in the transport (one function around fetch): the typed calls
  // build each request and hand it over.
  const api = createTypedCalls(resolved.baseUrl, createTransport(resolved));

  const unwrap = async <T>(answer: Promise<HubAnswer<T>> | HubAnswer<T>): Promise<T> => {
    const { data, error, response } = await answer;
    if (error !== undefined || !response.ok)
      throw HubError.fromResponse(response, error, requestMethodOf(response));
    return data as T;
  };
  const context = { api, unwrap, sign: options.sign };

  // The record helpers, by name: the client's methods, and those of `dataset(id)` with the id filled in.
  // The record types exist for the compiler only: at run time every dataset's records are objects.
  const helpers: Pick<HubClient, DatasetHelper> = {
    pushRecords: (datasetId, records, pushOptions) => pushRecords(context, datasetId, records, pushOptions),
    deleteRecords: (datasetId, keys, deleteOptions) =>
      pushRecords(context, datasetId, keys, deleteOptions, 'delete'),
    getRecord: (datasetId, key, getOptions) =>
      getRecord(context, datasetId, key, options.primaryKeys?.[datasetId], getOptions),
    pullChanges: (datasetId, pullOptions) => listChanges(context, datasetId, pullOptions),
    listRecords: (datasetId, listOptions) => listRecords(context, datasetId, listOptions),
  };
  const client: HubClient = {
    ...api,
    baseUrl: resolved.baseUrl,
    unwrap,
    ...helpers,
    dataset: (datasetId) => bindDataset(helpers, datasetId),
  };
  return client as unknown as HubClient<D>;
}

/** The options as given, checked, with the base URL trimmed and the defaults filled in. */
interface ResolvedOptions extends HubClientOptions {
  timeoutMs: number;
  retry: ResolvedRetryPolicy;
}

function resolveOptions(options: HubClientOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new HubClientOptionsError('invalid_option', 'options', 'pass { baseUrl, apiKey }');
  }
  const baseUrl = checkBaseUrl(options.baseUrl);
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new HubClientOptionsError(
      'invalid_option',
      'apiKey',
      'missing: pass the API key kominfo issued for your system (it starts with `tk_`)',
    );
  }
  if (/[\s]/.test(options.apiKey)) {
    throw new HubClientOptionsError(
      'invalid_option',
      'apiKey',
      'contains whitespace: copy the key without spaces or line breaks',
    );
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!(timeoutMs > 0)) {
    throw new HubClientOptionsError(
      'invalid_option',
      'timeoutMs',
      `must be a positive number of ms, got ${String(options.timeoutMs)}`,
    );
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new HubClientOptionsError('invalid_option', 'fetch', 'must be a function like the global fetch');
  }
  if (options.fetch === undefined && typeof globalThis.fetch !== 'function') {
    throw new HubClientOptionsError('invalid_option', 'fetch', 'no global fetch here: pass options.fetch');
  }
  return { ...options, baseUrl, timeoutMs, retry: resolveRetry(options.retry) };
}

function checkBaseUrl(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new HubClientOptionsError(
      'invalid_option',
      'baseUrl',
      `${JSON.stringify(value)} is not an absolute http(s) URL; write it like "https://hub.example.go.id"`,
    );
  }
  if (url.search || url.hash) {
    throw new HubClientOptionsError(
      'invalid_option',
      'baseUrl',
      `must not carry a query or fragment: ${text}`,
    );
  }
  return text.replace(/\/+$/, '');
}

function resolveRetry(retry: RetryOptions | false | undefined): ResolvedRetryPolicy {
  if (retry === false) return { ...DEFAULT_RETRY_POLICY, retries: 0 };
  const policy = { ...DEFAULT_RETRY_POLICY, ...retry };
  for (const key of ['retries', 'baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    const v = policy[key];
    if (!Number.isFinite(v) || v < 0) {
      throw new HubClientOptionsError(
        'invalid_option',
        `retry.${key}`,
        `must be a number ≥ 0, got ${String(v)}`,
      );
    }
  }
  checkInteger('invalid_option', 'retry.retries', policy.retries, 0, 10);
  return policy;
}
