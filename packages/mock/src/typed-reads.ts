import type { DatasetKey, DatasetRecord, TypedChange, TypedStoredRecord } from '@tukar/client';
import { type Contract, compileContract } from '@tukar/contracts';
import type { DatasetRow, Store } from '@tukar/hub';
import { MockHubError } from './mock-hub-error';

/**
 * What the tests of an OPD system read back from a mock hub, parsed and typed by dataset id: with the
 * `Datasets` map of `tukar types` (`mockHub<Datasets>(…)`), each dataset's record type. They read the
 * store directly: no request, nothing in the audit log, no rate limit.
 *
 * @example
 * ```ts
 * import { mockHub } from '@tukar/mock';
 * import type { Datasets } from './tukar-types.generated';
 *
 * const hub = await mockHub<Datasets>({ contracts: [puskesmas] });
 * // … the code under test pushes to hub.baseUrl …
 * const rows = await hub.records('dinkes.puskesmas'); // row.record: DinkesPuskesmasRecord
 * console.log(rows.map((row) => row.record));
 * ```
 */
export interface MockHubReads<D> {
  /** Every record of the dataset, in key order, as `listRecords` gives them. */
  records<Id extends keyof D & string>(datasetId: Id): Promise<TypedStoredRecord<DatasetRecord<D, Id>>[]>;
  /** The record with this key object (its primary-key fields), or `undefined` when there is none. */
  record<Id extends keyof D & string>(
    datasetId: Id,
    key: DatasetKey<D, Id>,
  ): Promise<TypedStoredRecord<DatasetRecord<D, Id>> | undefined>;
  /** The dataset's changes after `since` (default 0: all), in commit order, as `pullChanges` gives them. */
  changes<Id extends keyof D & string>(
    datasetId: Id,
    since?: number,
  ): Promise<TypedChange<DatasetRecord<D, Id>>[]>;
}

/** Rows read from the store per call while paging. */
const PAGE = 1000;

/** The typed reads over a mock hub's store. */
export function typedReads<D>(store: Store): MockHubReads<D> {
  const datasetOf = async (datasetId: string): Promise<DatasetRow> => {
    const dataset = await store.getDataset(datasetId);
    if (!dataset) {
      throw new MockHubError(
        'unknown_dataset',
        'datasetId',
        `the mock hub has no dataset ${JSON.stringify(datasetId)}; give mockHub the contract that creates it.`,
      );
    }
    return dataset;
  };
  const stored = (row: { key: string; seq: number; updatedAt: string; json: string }) => ({
    key: row.key,
    seq: row.seq,
    updatedAt: row.updatedAt,
    record: JSON.parse(row.json),
  });
  return {
    async records(datasetId) {
      const dataset = await datasetOf(datasetId);
      const rows = [];
      for (let after: string | undefined; ; ) {
        const page = await store.listRecords(dataset.id, { after, limit: PAGE });
        rows.push(...page.map(stored));
        if (page.length < PAGE) return rows;
        after = page.at(-1)?.key;
      }
    },
    async record(datasetId, key) {
      const dataset = await datasetOf(datasetId);
      const version = await store.getContractVersion(dataset.contractId, dataset.contractVersion);
      let recordKey: string;
      try {
        recordKey = compileContract(version?.document as Contract).keyOf(key);
      } catch (error) {
        throw new MockHubError(
          'invalid_option',
          'key',
          error instanceof Error ? error.message : String(error),
        );
      }
      const row = await store.getRecord(dataset.id, recordKey);
      return row && stored(row);
    },
    async changes(datasetId, since = 0) {
      const dataset = await datasetOf(datasetId);
      const changes = [];
      for (let after = since; ; ) {
        const page = await store.listChanges(dataset.id, after, PAGE);
        for (const { seq, op, key, at, json } of page) {
          changes.push(json === null ? { seq, op, key, at } : { seq, op, key, at, record: JSON.parse(json) });
        }
        if (page.length < PAGE) return changes;
        after = page.at(-1)?.seq ?? after;
      }
    },
  };
}
