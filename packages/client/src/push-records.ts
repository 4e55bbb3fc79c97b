import type { PushResult, RecordError } from '@tukar/spec';
import { checkInteger, HubClientOptionsError } from './client-options-error';
import type { RecordValidator } from './dataset-types';
import type { HubContext } from './hub-context';
import { HubError } from './hub-error';
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from './hub-limits';

/**
 * Options of `hub.pushRecords`.
 *
 * @example
 * ```ts
 * import { createHubClient, type PushRecordsOptions } from '@tukar/client';
 *
 * declare const records: Array<Record<string, unknown>>; // the puskesmas rows of your SIMPUS
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * const options: PushRecordsOptions = {
 *   batchSize: 2000,
 *   concurrency: 3,
 *   onProgress: (p) => console.log(`${p.records} of ${p.total ?? '?'} records committed`),
 *   signal: AbortSignal.timeout(10 * 60_000), // give up after 10 minutes
 * };
 * await hub.pushRecords('dinkes.puskesmas', records, options);
 * ```
 */
export interface PushRecordsOptions {
  /** Records per request (default 1000, at most the hub's limit of 5000). A batch is also cut early to stay under the hub's body limit. */
  batchSize?: number;
  /**
   * Batches sent at once (default 1, at most 8). Each has its own Idempotency-Key; results, progress
   * and receipts still come in input order. Batches in flight may commit in either order, so raise it
   * (2–4 is plenty on one hub) only when your input never carries the same key twice: with 1, "the
   * later record wins" always holds.
   */
  concurrency?: number;
  /** Called after each committed batch, in input order, with the running totals. */
  onProgress?: (progress: PushProgress) => void;
  /** Stops between batches (and aborts the batch in flight). */
  signal?: AbortSignal;
  /**
   * Checks every record before its batch is sent: the `validators` map `tukar types` generates (dataset
   * id → validator, the contract's rules in zod), or one validator. A batch with an invalid record is
   * not sent: the push throws a {@link PushRecordsError} `validation_failed` whose `errors` have the
   * same `code` and `path` as the hub's 422 answer, `index` being the position in your records.
   */
  validate?: RecordValidator | { readonly [datasetId: string]: RecordValidator };
}

/**
 * Options of `hub.deleteRecords`: those of `pushRecords` but `validate`.
 *
 * @example
 * ```ts
 * import { createHubClient, type DeleteRecordsOptions } from '@tukar/client';
 *
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * const options: DeleteRecordsOptions = { batchSize: 500, onProgress: (p) => console.log(`${p.deleted} deleted`) };
 * await hub.deleteRecords('dinkes.puskesmas', [{ kode_puskesmas: 'P3207010101' }], options);
 * ```
 */
export type DeleteRecordsOptions = Omit<PushRecordsOptions, 'validate'>;

/**
 * Running totals of a push.
 *
 * @example
 * ```ts
 * import { createHubClient, type PushRecordsResult } from '@tukar/client';
 *
 * declare const records: Array<Record<string, unknown>>; // the puskesmas rows of your SIMPUS
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * const result: PushRecordsResult = await hub.pushRecords('dinkes.puskesmas', records);
 * console.log(
 *   `${result.records} records in ${result.batches} batches: ${result.created} new, ` +
 *     `${result.updated} changed, ${result.unchanged} unchanged; dataset now at change ${result.seq}`,
 * );
 * ```
 */
export interface PushRecordsResult {
  /** Batches committed. */
  batches: number;
  /** Records sent in committed batches. */
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** The highest change sequence of the committed batches (`null` before the first). */
  seq: number | null;
  /**
   * The hub's signed receipt of each committed batch, in order (compact JWS; check one offline with
   * `verifyReceipt` and the hub's key set). Keep them: they prove what the hub accepted and when.
   */
  receipts: string[];
}

/**
 * What `onProgress` receives: the totals so far, and the input's size when it is known.
 *
 * @example
 * ```ts
 * import { createHubClient, type PushProgress } from '@tukar/client';
 *
 * declare const records: Array<Record<string, unknown>>; // the puskesmas rows of your SIMPUS
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * function report(p: PushProgress): void {
 *   const percent = p.total ? ` (${Math.round((100 * p.records) / p.total)}%)` : '';
 *   console.log(`batch ${p.batches}: ${p.records} records committed${percent}`);
 * }
 * await hub.pushRecords('dinkes.puskesmas', records, { onProgress: report });
 * ```
 */
export interface PushProgress extends PushRecordsResult {
  total: number | undefined;
}

/**
 * A push that stopped part-way. Batches before the failed one are committed (`committed` says how
 * many records); the failed batch wrote nothing (the hub is all-or-nothing per batch). `errors[i].index`
 * is the position in the records you passed, not in the batch. With `concurrency` above 1, a batch
 * after the failed one may already have been in flight, and committed: it is not counted (resuming
 * after `committed.records` sends it again, which the hub counts as `unchanged`). The error is thrown
 * once every batch in flight has settled.
 *
 * @example
 * ```ts
 * import { createHubClient, PushRecordsError } from '@tukar/client';
 *
 * declare const records: Array<Record<string, unknown>>; // the puskesmas rows of your SIMPUS
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * try {
 *   await hub.pushRecords('dinkes.puskesmas', records);
 * } catch (error) {
 *   if (!(error instanceof PushRecordsError)) throw error;
 *   console.error(`${error.committed.records} records committed; the batch from #${error.batchOffset} was refused`);
 *   for (const e of error.errors) console.error(`record #${e.index} ${e.path}: ${e.message}`);
 *   // Later, after fixing the data: resume after the committed records.
 *   await hub.pushRecords('dinkes.puskesmas', records.slice(error.committed.records));
 * }
 * ```
 */
export class PushRecordsError extends HubError {
  override readonly name: string = 'PushRecordsError';
  /** Totals of the batches committed before the failure: resume after `committed.records` records. */
  declare readonly committed: PushRecordsResult;
  /** Position in the input of the failed batch's first record. */
  declare readonly batchOffset: number;

  constructor(cause: HubError, committed: PushRecordsResult, batchOffset: number) {
    const errors: RecordError[] = cause.errors.map((e) => ({ ...e, index: e.index + batchOffset }));
    super(
      cause.code,
      `batch of records ${batchOffset}… refused; ${committed.records} records before it were committed`,
      { ...cause, errors, cause },
    );
    this.committed = committed;
    this.batchOffset = batchOffset;
  }
}

const DEFAULT_BATCH_SIZE = 1000;
const DEFAULT_CONCURRENCY = 1;
const MAX_CONCURRENCY = 8;
const OUTCOMES = ['created', 'updated', 'unchanged', 'deleted'] as const;
/** Measures each record's JSON in UTF-8 bytes, as the hub counts its body limit. */
const encoder = /* @__PURE__ */ new TextEncoder();
/** Room left in the body limit for the envelope `{"upsert":[…]}` (or `{"delete":[…]}`). */
const ENVELOPE_BYTES = 64;

/** A batch sent, not yet counted: its answer settles to an outcome and never rejects. */
interface BatchInFlight {
  offset: number;
  count: number;
  outcome: Promise<{ ok: true; result: PushResult } | { ok: false; error: unknown }>;
}

/**
 * Implementation of `hub.pushRecords`, and of `hub.deleteRecords` with `op` `delete` (the records being
 * keys, in batches the same way); see {@link HubClient.pushRecords}.
 */
export async function pushRecords(
  hub: HubContext,
  datasetId: string,
  records: Iterable<object> | AsyncIterable<object>,
  options: PushRecordsOptions = {},
  op: 'upsert' | 'delete' = 'upsert',
): Promise<PushRecordsResult> {
  const batchSize = checkInteger(
    'invalid_argument',
    'options.batchSize',
    options.batchSize ?? DEFAULT_BATCH_SIZE,
    1,
    MAX_BATCH_SIZE,
    " (the hub's batch limit)",
  );
  const concurrency = checkInteger(
    'invalid_argument',
    'options.concurrency',
    options.concurrency ?? DEFAULT_CONCURRENCY,
    1,
    MAX_CONCURRENCY,
    ' (batches sent at once)',
  );
  if (typeof datasetId !== 'string' || datasetId === '') {
    throw new HubClientOptionsError(
      'invalid_argument',
      'datasetId',
      'pass the dataset id, e.g. "dinkes.puskesmas"',
    );
  }
  if (!isIterable(records)) {
    throw new HubClientOptionsError(
      'invalid_argument',
      'records',
      'pass an array or an (async) iterable of record objects',
    );
  }
  const validator = resolveValidator(options.validate, datasetId);
  const total = Array.isArray(records) ? records.length : undefined;
  const totals: PushRecordsResult = {
    batches: 0,
    records: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    seq: null,
    receipts: [],
  };
  const maxBytes = MAX_BODY_BYTES - ENVELOPE_BYTES;
  // Batches in flight, oldest first: each is counted (and reported) only after every batch before it.
  const inFlight: BatchInFlight[] = [];

  /** Counts the oldest batch in flight, or throws its failure once the others have settled. */
  const countOldest = async () => {
    const batch = inFlight.shift() as BatchInFlight; // called only with a batch in flight
    const outcome = await batch.outcome;
    if (!outcome.ok) {
      await settleAll(inFlight.splice(0));
      throw outcome.error instanceof HubError
        ? new PushRecordsError(outcome.error, copyOf(totals), batch.offset)
        : outcome.error;
    }
    count(totals, outcome.result, batch.count);
    options.onProgress?.({ ...copyOf(totals), total });
  };

  let parts: string[] = [];
  let bytes = 0;
  let position = 0;
  const invalid: RecordError[] = [];
  const flush = async () => {
    if (parts.length === 0) return;
    const offset = position - parts.length;
    if (invalid.length > 0) {
      // The batches before this one are counted first, so `committed` is exact.
      while (inFlight.length > 0) await countOldest();
      const cause = new HubError('validation_failed', 'invalid records, batch not sent', { errors: invalid });
      throw new PushRecordsError(cause, copyOf(totals), offset);
    }
    const body = `{"${op}":[${parts.join(',')}]}`;
    inFlight.push({
      offset,
      count: parts.length,
      outcome: sendBatch(hub, datasetId, body, options.signal),
    });
    parts = [];
    bytes = 0;
    while (inFlight.length >= concurrency) await countOldest();
  };

  try {
    for await (const record of records) {
      options.signal?.throwIfAborted();
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        while (inFlight.length > 0) await countOldest(); // so the count below is exact
        throw new HubClientOptionsError(
          'invalid_argument',
          `records[${position}]`,
          `is ${record === null ? 'null' : Array.isArray(record) ? 'an array' : typeof record}, not a record object; ${totals.records} records before it were committed`,
        );
      }
      const json = JSON.stringify(record);
      const size = encoder.encode(json).length;
      if (size > maxBytes) {
        throw new HubClientOptionsError(
          'invalid_argument',
          `records[${position}]`,
          `is ${size} bytes as JSON, over the hub's body limit of ${MAX_BODY_BYTES} bytes`,
        );
      }
      if (parts.length > 0 && bytes + size + 1 > maxBytes) await flush();
      if (validator) {
        for (const issue of validator(record)) {
          const { code, path, message, keyword } = issue;
          // `index` within the batch, as the hub counts; PushRecordsError adds the batch's offset.
          invalid.push({
            index: parts.length,
            op: 'upsert',
            code,
            path,
            message,
            ...(keyword ? { keyword } : {}),
          });
        }
      }
      parts.push(json);
      bytes += size + 1;
      position++;
      if (parts.length >= batchSize) await flush();
    }
    await flush();
    while (inFlight.length > 0) await countOldest();
  } finally {
    // Whatever stopped the push, no request of it is still running when it returns or throws.
    await settleAll(inFlight.splice(0));
  }
  return totals;
}

function resolveValidator(
  validate: PushRecordsOptions['validate'],
  datasetId: string,
): RecordValidator | undefined {
  if (validate === undefined || typeof validate === 'function') return validate;
  const validator = validate[datasetId];
  if (typeof validator !== 'function') {
    throw new HubClientOptionsError('invalid_argument', 'options.validate', `has none for ${datasetId}`);
  }
  return validator;
}

/** Sends one batch with its own Idempotency-Key; the outcome says whether the hub committed it. */
async function sendBatch(
  hub: HubContext,
  datasetId: string,
  body: string,
  signal: AbortSignal | undefined,
): Promise<{ ok: true; result: PushResult } | { ok: false; error: unknown }> {
  try {
    const header: { 'Idempotency-Key': string; 'Tukar-Signature'?: string } = {
      'Idempotency-Key': crypto.randomUUID(),
    };
    if (hub.sign) header['Tukar-Signature'] = await hub.sign(datasetId, body);
    const result = await hub.unwrap(
      hub.api.POST('/v1/datasets/{datasetId}/records', {
        params: { path: { datasetId }, header },
        body: {},
        bodySerializer: () => body,
        signal,
      }),
    );
    return { ok: true, result };
  } catch (error) {
    return { ok: false, error };
  }
}

async function settleAll(batches: BatchInFlight[]): Promise<void> {
  await Promise.all(batches.map((b) => b.outcome));
}

function count(totals: PushRecordsResult, result: PushResult, records: number): void {
  totals.batches++;
  totals.records += records;
  for (const outcome of OUTCOMES) totals[outcome] += result[outcome];
  // Batches in flight commit in any order: the dataset's position is the highest sequence seen.
  totals.seq = Math.max(totals.seq ?? result.seq, result.seq);
  if (result.receipt !== undefined) totals.receipts.push(result.receipt);
}

function copyOf(totals: PushRecordsResult): PushRecordsResult {
  return { ...totals, receipts: [...totals.receipts] };
}

function isIterable(value: unknown): value is Iterable<unknown> | AsyncIterable<unknown> {
  return (
    value != null &&
    (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function' ||
      typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') &&
    typeof value !== 'string'
  );
}
