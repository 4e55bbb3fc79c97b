import type { TypedChange, TypedStoredRecord } from './dataset-types';
import type { GetRecordOptions } from './get-record';
import type { ListRecordsOptions, PullChangesOptions } from './iterators';
import type { DeleteRecordsOptions, PushRecordsOptions, PushRecordsResult } from './push-records';

/**
 * The record helpers of one dataset, bound to its id (`hub.dataset('dinkes.puskesmas')`) and, with the
 * `Datasets` map of `tukar types`, typed by it: `R` is the dataset's record, `K` its key. Each method is
 * the client's method of the same name with the id filled in.
 *
 * @example
 * ```ts
 * import { createHubClient, type DatasetHandle } from '@tukar/client';
 * import { type Datasets, type DinkesPuskesmasKey, type DinkesPuskesmasRecord, primaryKeys } from './tukar-types.generated';
 *
 * const hub = createHubClient<Datasets>({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY!, primaryKeys });
 * const puskesmas: DatasetHandle<DinkesPuskesmasRecord, DinkesPuskesmasKey> = hub.dataset('dinkes.puskesmas');
 * const row = await puskesmas.getRecord({ kode_puskesmas: 'P3207010101' });
 * console.log(row.record.nama);
 * ```
 */
export interface DatasetHandle<R = Record<string, unknown>, K = Record<string, unknown>> {
  /** The dataset id the methods are bound to. */
  readonly id: string;
  /** `hub.pushRecords(id, records, options)`. */
  pushRecords(
    records: Iterable<R> | AsyncIterable<R>,
    options?: PushRecordsOptions,
  ): Promise<PushRecordsResult>;
  /** `hub.deleteRecords(id, keys, options)`. */
  deleteRecords(
    keys: Iterable<K> | AsyncIterable<K>,
    options?: DeleteRecordsOptions,
  ): Promise<PushRecordsResult>;
  /** `hub.getRecord(id, key, options)`. */
  getRecord(key: K, options?: GetRecordOptions): Promise<TypedStoredRecord<R>>;
  /** `hub.listRecords(id, options)`. */
  listRecords(
    options?: ListRecordsOptions,
  ): AsyncIterable<TypedStoredRecord<R>> & { readonly cursor: string | undefined };
  /** `hub.pullChanges(id, options)`. */
  pullChanges(options?: PullChangesOptions): AsyncIterable<TypedChange<R>>;
}

/** The client's record helpers, which `hub.dataset(id)` binds to one dataset. */
export type DatasetHelper = 'pushRecords' | 'deleteRecords' | 'getRecord' | 'listRecords' | 'pullChanges';

/**
 * Implementation of `hub.dataset(id)`: each of the client's record helpers (`helpers`: name → function
 * taking the dataset id first) with `id` filled in.
 */
export function bindDataset(
  helpers: Record<string, (datasetId: string, ...rest: never[]) => unknown>,
  id: string,
): DatasetHandle {
  const handle: Record<string, unknown> = { id };
  for (const name in helpers) handle[name] = helpers[name]?.bind(undefined, id);
  return handle as unknown as DatasetHandle;
}
