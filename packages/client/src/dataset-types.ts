import type { Change, RecordError, StoredRecord } from '@tukar/spec';

/**
 * The types of one dataset, as `tukar types` writes them in its `Datasets` map: the record and its key
 * (the primary-key fields).
 *
 * @example
 * ```ts
 * import type { DatasetTypes } from '@tukar/client';
 *
 * type Puskesmas = { kode_puskesmas: string; nama: string };
 * type Entry = DatasetTypes & { record: Puskesmas; key: Pick<Puskesmas, 'kode_puskesmas'> };
 * ```
 */
export interface DatasetTypes {
  record: object;
  key: object;
}

/**
 * The dataset map of a client without generated types: any dataset id, records as plain objects (the
 * default of `createHubClient`, unchanged from before typed records).
 *
 * @example
 * ```ts
 * import { createHubClient, type HubClient, type UntypedDatasets } from '@tukar/client';
 *
 * const hub: HubClient<UntypedDatasets> = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: 'tk_…' });
 * ```
 */
export interface UntypedDatasets {
  [datasetId: string]: { record: Record<string, unknown>; key: Record<string, unknown> };
}

/**
 * The record type of dataset `Id` in the map `D`.
 *
 * @example
 * ```ts
 * import type { DatasetRecord } from '@tukar/client';
 * import type { Datasets } from './tukar-types.generated';
 *
 * type Puskesmas = DatasetRecord<Datasets, 'dinkes.puskesmas'>;
 * ```
 */
export type DatasetRecord<D, Id extends keyof D> = D[Id] extends { record: infer R } ? R : never;

/**
 * A stored record (`listRecords`) whose `record` has the dataset's type.
 *
 * @example
 * ```ts
 * import type { TypedStoredRecord } from '@tukar/client';
 *
 * function nama(row: TypedStoredRecord<{ nama: string }>): string {
 *   return row.record.nama;
 * }
 * ```
 */
export type TypedStoredRecord<R> = Omit<StoredRecord, 'record'> & { record: R };

/**
 * A change of the changes feed (`pullChanges`) whose `record` has the dataset's type (absent on deletes).
 *
 * @example
 * ```ts
 * import type { TypedChange } from '@tukar/client';
 *
 * function nama(change: TypedChange<{ nama: string }>): string | undefined {
 *   return change.op === 'delete' ? undefined : change.record?.nama;
 * }
 * ```
 */
export type TypedChange<R> = Omit<Change, 'record'> & { record?: R };

/**
 * Checks one record before it is sent, returning its problems in the hub's vocabulary (`code`, `path`,
 * `message`, as in a 422 answer); empty when the record is valid. The file `tukar types` writes
 * exports one per dataset as `validators`.
 *
 * @example
 * ```ts
 * import type { RecordValidator } from '@tukar/client';
 *
 * const hasNama: RecordValidator = (record) =>
 *   typeof (record as { nama?: unknown }).nama === 'string'
 *     ? []
 *     : [{ code: 'required', path: '/nama', message: 'Field "nama" is required but missing.' }];
 * ```
 */
export type RecordValidator = (
  record: unknown,
) => readonly Pick<RecordError, 'code' | 'path' | 'message' | 'keyword'>[];

/**
 * The key type of dataset `Id` in the map `D`: its primary-key fields (`getRecord`, `deleteRecords`).
 *
 * @example
 * ```ts
 * import type { DatasetKey } from '@tukar/client';
 * import type { Datasets } from './tukar-types.generated';
 *
 * const key: DatasetKey<Datasets, 'dinkes.puskesmas'> = { kode_puskesmas: 'P3207010101' };
 * ```
 */
export type DatasetKey<D, Id extends keyof D> = D[Id] extends { key: infer K } ? K : never;
