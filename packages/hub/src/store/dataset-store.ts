import type { Schemas } from '@tukar/spec';
import type { BatchInput, BatchOutcome, IdempotencyRecord } from './batch';
import type { AfterPage } from './pages';

/**
 * A dataset, with the pinned contract's classification and update frequency copied at pin time.
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * const dataset = await store.getDataset('dinkes.puskesmas');
 * if (dataset) {
 *   console.log(`${dataset.id}: ${dataset.contractId}@${dataset.contractVersion} (${dataset.classification})`);
 *   console.log(`${dataset.recordCount} records, change #${dataset.lastSeq} at ${dataset.lastChangeAt ?? 'never'}`);
 * }
 * await store.close();
 * ```
 */
export interface DatasetRow {
  id: string;
  contractId: string;
  contractVersion: string;
  classification: Schemas['Classification'];
  updateFrequency: Schemas['UpdateFrequency'];
  createdAt: string;
  /** Sequence of the dataset's last change; 0 when nothing was ever written. */
  lastSeq: number;
  recordCount: number;
  lastChangeAt: string | null;
}

/**
 * One stored record; `json` is its canonical JSON text (keys sorted), so equal records compare equal.
 *
 * @example
 * ```ts
 * import { loadContract } from '@tukar/contracts';
 * import { mockHub } from '@tukar/mock';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
 * const puskesmas = loaded.contract;
 * const hub = await mockHub({ contracts: [puskesmas], records: { 'dinkes.puskesmas': puskesmas.examples ?? [] } });
 * const row = await hub.store.getRecord('dinkes.puskesmas', 'P3207010101'); // the key: primary-key value(s)
 * if (row) console.log(row.seq, row.updatedAt, JSON.parse(row.json).nama); // 1 '2025-…' 'Puskesmas Ciamis'
 * ```
 */
export interface RecordRow {
  key: string;
  seq: number;
  updatedAt: string;
  json: string;
}

/**
 * One entry of a dataset's changes feed; `json` is `null` for a delete (tombstone).
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * for (const change of await store.listChanges('dinkes.puskesmas', 0, 100)) {
 *   if (change.op === 'delete') console.log(`#${change.seq} ${change.at} deleted ${change.key}`);
 *   else console.log(`#${change.seq} ${change.at} wrote ${change.key}: ${change.json}`);
 * }
 * ```
 */
export interface ChangeRow {
  seq: number;
  op: 'upsert' | 'delete';
  key: string;
  at: string;
  json: string | null;
}

/**
 * Changes of a dataset as the hub sends them: the JSON items of a changes page, written by the store (by
 * the database itself, on SQLite and PostgreSQL) so that the hub passes the stored text on without
 * reading each change into an object. Each item is `{"seq":…,"op":…,"key":…,"at":…,"record":…}`, with no
 * `record` for a delete.
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * const slice = await store.changeItems('dinkes.puskesmas', 0, 100);
 * const text = typeof slice.items === 'string' ? slice.items : new TextDecoder().decode(slice.items);
 * const changes = JSON.parse(`[${text}]`); // the first 100 changes
 * console.log(changes.length === slice.count, slice.more ? 'more follow' : 'that is all');
 * ```
 */
export interface ChangeItems {
  /**
   * The items, joined by commas (empty when there are none): as text, or as the bytes of its UTF-8 (the
   * SQLite store: the database's own bytes, which the hub sends without making a string of them).
   */
  items: string | Uint8Array;
  /** How many items `items` holds: the changes `since + 1` to `since + count` (sequences are dense). */
  count: number;
  /** Whether a change follows the last of them. */
  more: boolean;
}

/**
 * The datasets and records part of a {@link Store}: datasets, their records, their changes feed, and the
 * one write path of a batch.
 *
 * @example
 * ```ts
 * import type { DatasetStore } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * async function freshness(store: DatasetStore, id: string): Promise<string> {
 *   const dataset = await store.getDataset(id);
 *   return dataset ? `${dataset.recordCount} records, last change ${dataset.lastChangeAt ?? 'never'}` : 'missing';
 * }
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * console.log(await freshness(store, 'dinkes.puskesmas'));
 * ```
 */
export interface DatasetStore {
  getDataset(id: string): Promise<DatasetRow | undefined>;
  /** Every dataset, ordered by id. */
  listDatasets(): Promise<DatasetRow[]>;
  createDataset(row: DatasetRow): Promise<boolean>;
  /** Re-pins a dataset from `fromVersion` to another contract version. */
  repinDataset(
    id: string,
    fromVersion: string,
    to: Pick<DatasetRow, 'contractVersion' | 'classification' | 'updateFrequency'>,
  ): Promise<boolean>;
  applyBatch(batch: BatchInput): Promise<BatchOutcome>;
  /** What the batch stored under an idempotency key did, if any. */
  getIdempotencyRecord(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  getRecord(datasetId: string, key: string): Promise<RecordRow | undefined>;
  /** Records ordered by key (byte order), after `page.after`. */
  listRecords(datasetId: string, page: AfterPage): Promise<RecordRow[]>;
  /** Changes with `seq > since`, in order. */
  listChanges(datasetId: string, since: number, limit: number): Promise<ChangeRow[]>;
  /** The changes with `seq > since`, at most `limit`, as the JSON items of a changes page. */
  changeItems(datasetId: string, since: number, limit: number): Promise<ChangeItems>;
}
