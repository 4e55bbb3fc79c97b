import type { Schemas } from '@tukar/spec';
import type { AfterPage } from './pages';

/**
 * A stored contract version; `document` is the contract as JSON.
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * for (const row of await store.listContractVersions('dinkes.puskesmas')) {
 *   console.log(`${row.version} ${row.status} since ${row.statusChangedAt}: ${row.document.title}`);
 *   console.log(`  published ${row.publishedAt}, sha256 ${row.sha256}`);
 * }
 * await store.close();
 * ```
 */
export interface ContractVersionRow {
  contractId: string;
  version: string;
  status: Schemas['ContractStatus'];
  sha256: string;
  document: Schemas['ContractDocument'];
  publishedAt: string;
  statusChangedAt: string;
}

/**
 * The contracts part of a {@link Store}: contract versions and their status.
 *
 * @example
 * ```ts
 * import type { ContractStore } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * async function agreedIds(store: ContractStore): Promise<string[]> {
 *   return store.listContractIds({ limit: 1000, status: 'agreed' });
 * }
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * console.log(await agreedIds(store));
 * ```
 */
export interface ContractStore {
  getContractVersion(contractId: string, version: string): Promise<ContractVersionRow | undefined>;
  /** Every version of a contract, in publishing order. */
  listContractVersions(contractId: string): Promise<ContractVersionRow[]>;
  /** Contract ids in ascending order, those with a version in `status` when given. */
  listContractIds(page: AfterPage & { status?: Schemas['ContractStatus'] }): Promise<string[]>;
  /**
   * Inserts a version (`expectedSha256: null`) or replaces a draft whose stored SHA-256 is
   * `expectedSha256`.
   */
  putContractVersion(row: ContractVersionRow, expectedSha256: string | null): Promise<boolean>;
  setContractVersionStatus(
    contractId: string,
    version: string,
    from: Schemas['ContractStatus'],
    to: Schemas['ContractStatus'],
    at: string,
  ): Promise<boolean>;
}
