import { HUB_LIMITS, type PushResult, type RecordError } from '@tukar/spec';
import { HubClientOptionsError } from './client-options-error';
import type { RecordValidator } from './dataset-types';
import type { HubContext } from './hub-context';
import { HubError } from './hub-error';

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
 *   onProgress: (p) => console.log(`${p.records} of ${p.total ?? '?'} records committed`),
 *   signal: AbortSignal.timeout(10 * 60_000), // give up after 10 minutes
 * };
 * await hub.pushRecords('dinkes.puskesmas', records, options);
 * ```
 */
export interface PushRecordsOptions {
  /** Records per request (default 1000, at most the hub's limit of 5000). A batch is also cut early to stay under the hub's body limit. */
  batchSize?: number;
  /** Called after each committed batch with the running totals. */
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
  /** The dataset's change sequence after the last committed batch (`null` before the first). */
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
 * is the position in the records you passed, not in the batch.
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
  readonly committed: PushRecordsResult;
  /** Position in the input of the failed batch's first record. */
  readonly batchOffset: number;

  constructor(cause: HubError, committed: PushRecordsResult, batchOffset: number) {
    const errors: RecordError[] = cause.errors.map((e) => ({ ...e, index: e.index + batchOffset }));
    super(
      cause.code,
      `batch of records ${batchOffset}… refused; ${committed.records} records before it were committed`,
      {
        status: cause.status,
        requestId: cause.requestId,
        ...(cause.operation === undefined ? {} : { operation: cause.operation }),
        ...(cause.detail === undefined ? {} : { detail: cause.detail }),
        errors,
        problem: cause.problem,
        cause,
      },
    );
    this.committed = committed;
    this.batchOffset = batchOffset;
  }
}

const DEFAULT_BATCH_SIZE = 1000;
/** Room left in the body limit for the envelope `{"upsert":[…]}`. */
const ENVELOPE_BYTES = 64;

/** Implementation of `hub.pushRecords`; see {@link HubClient.pushRecords}. */
export async function pushRecords(
  hub: HubContext,
  datasetId: string,
  records: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
  options: PushRecordsOptions = {},
): Promise<PushRecordsResult> {
  const batchSize = checkBatchSize(options.batchSize);
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
  const maxBytes = HUB_LIMITS.maxBodyBytes - ENVELOPE_BYTES;

  let parts: string[] = [];
  let bytes = 0;
  let position = 0;
  const invalid: RecordError[] = [];
  const flush = async () => {
    if (parts.length === 0) return;
    const offset = position - parts.length;
    if (invalid.length > 0) {
      const cause = new HubError('validation_failed', 'invalid records, batch not sent', { errors: invalid });
      throw new PushRecordsError(cause, { ...totals, receipts: [...totals.receipts] }, offset);
    }
    const body = `{"upsert":[${parts.join(',')}]}`;
    const count = parts.length;
    parts = [];
    bytes = 0;
    await sendBatch(hub, datasetId, body, count, offset, totals, options.signal);
    options.onProgress?.({ ...totals, receipts: [...totals.receipts], total });
  };

  for await (const record of records) {
    options.signal?.throwIfAborted();
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new HubClientOptionsError(
        'invalid_argument',
        `records[${position}]`,
        `is ${record === null ? 'null' : Array.isArray(record) ? 'an array' : typeof record}, not a record object; ${totals.records} records before it were committed`,
      );
    }
    const json = JSON.stringify(record);
    const size = utf8Length(json);
    if (size > maxBytes) {
      throw new HubClientOptionsError(
        'invalid_argument',
        `records[${position}]`,
        `is ${size} bytes as JSON, over the hub's body limit of ${HUB_LIMITS.maxBodyBytes} bytes`,
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

async function sendBatch(
  hub: HubContext,
  datasetId: string,
  body: string,
  count: number,
  offset: number,
  totals: PushRecordsResult,
  signal: AbortSignal | undefined,
): Promise<void> {
  let result: PushResult;
  try {
    result = await hub.unwrap(
      hub.api.POST('/v1/datasets/{datasetId}/records', {
        params: { path: { datasetId }, header: { 'Idempotency-Key': crypto.randomUUID() } },
        body: {},
        bodySerializer: () => body,
        signal,
      }),
    );
  } catch (error) {
    if (error instanceof HubError) {
      throw new PushRecordsError(error, { ...totals, receipts: [...totals.receipts] }, offset);
    }
    throw error;
  }
  totals.batches++;
  totals.records += count;
  totals.created += result.created;
  totals.updated += result.updated;
  totals.unchanged += result.unchanged;
  totals.deleted += result.deleted;
  totals.seq = result.seq;
  if (result.receipt !== undefined) totals.receipts.push(result.receipt);
}

function checkBatchSize(value: number | undefined): number {
  if (value === undefined) return DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(value) || value < 1 || value > HUB_LIMITS.maxBatchSize) {
    throw new HubClientOptionsError(
      'invalid_argument',
      'options.batchSize',
      `must be an integer from 1 to ${HUB_LIMITS.maxBatchSize} (the hub's batch limit), got ${String(value)}`,
    );
  }
  return value;
}

function isIterable(value: unknown): value is Iterable<unknown> | AsyncIterable<unknown> {
  return (
    value != null &&
    (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function' ||
      typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') &&
    typeof value !== 'string'
  );
}

/** UTF-8 byte length of a string without encoding it. */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 2; // a surrogate pair: 4 bytes for 2 code units
      i++;
    } else {
      bytes += 2;
    }
  }
  return bytes;
}
