import type { Caller, RequestContext } from './request-context';
import { callerOf } from './request-context';
import { mayReadReport } from './routes/validation-reports';
import type { ContractVersionRow, DatasetRow, Store } from './store';

// What a client may learn about datasets and contracts it cannot read (hub README, "Metadata"):
// - `publik`: everything; its records are open to every authenticated client.
// - `terbatas`: its existence and its contract (the interchange document, needed to apply for access)
//   are known to every authenticated client; the dataset itself (record count, last change, sequence)
//   and its records need a grant: listDatasets leaves it out, getDataset and the record reads answer 403
//   naming the grant to ask for.
// - `rahasia`: nothing. To a client that is not an admin and holds no grant (read or write) on it, the
//   dataset and its contract do not exist: every request about them answers exactly as for a dataset or
//   contract that was never created (404 with the same detail), lists leave them out, and no other answer
//   (a report's verdict, a version's status) tells it apart from a missing one.

/** Whether the caller holds a grant (read or write) on the dataset with this id. */
async function holdsGrant(caller: Caller, datasetId: string): Promise<boolean> {
  return (await caller.grants()).some((grant) => grant.datasetId === datasetId);
}

/**
 * Whether the caller may know that a dataset or contract of this classification exists: admins always;
 * everyone for `publik` and `terbatas`; for `rahasia`, only a holder of a grant on the dataset (whose id
 * is the contract's id).
 *
 * @example
 * ```ts
 * const visible = await mayKnowOf(caller, 'disdukcapil.penduduk', 'rahasia'); // false without a grant
 * ```
 */
export async function mayKnowOf(
  caller: Caller,
  datasetId: string,
  classification: DatasetRow['classification'],
): Promise<boolean> {
  if (caller.client.role === 'admin' || classification !== 'rahasia') return true;
  return holdsGrant(caller, datasetId);
}

/** A contract's classification for metadata: `rahasia` when any of its versions is. */
function contractClassification(versions: readonly ContractVersionRow[]): DatasetRow['classification'] {
  if (versions.some((v) => v.document.classification === 'rahasia')) return 'rahasia';
  return versions.some((v) => v.document.classification === 'terbatas') ? 'terbatas' : 'publik';
}

/**
 * Whether the caller may know of a contract, given its stored versions: as {@link mayKnowOf}, the
 * contract classified by its most restrictive version. No versions: nothing to hide.
 */
export async function mayKnowContract(
  caller: Caller,
  contractId: string,
  versions: readonly ContractVersionRow[],
): Promise<boolean> {
  if (versions.length === 0) return true;
  return mayKnowOf(caller, contractId, contractClassification(versions));
}

/**
 * The store as the caller of a request may know it: `getDataset`, `getContractVersion` and
 * `listContractVersions` find nothing of a `rahasia` dataset or contract the caller may not know of, and
 * `getValidationReport` nothing of a report it may not read. A route that looks things up through this
 * view answers about hidden things exactly as about missing ones (same status, same detail), without
 * knowing the rule. Other methods are the store's own.
 *
 * @example
 * ```ts
 * const dataset = await requireDataset(knownStore(ctx), ctx.datasetId as string); // 404 when hidden
 * ```
 */
export function knownStore(ctx: RequestContext): Store {
  const { store } = ctx.core;
  const caller = callerOf(ctx);
  const view = Object.create(store) as Store;
  view.getDataset = async (id) => {
    const row = await store.getDataset(id);
    return row && (await mayKnowOf(caller, row.id, row.classification)) ? row : undefined;
  };
  view.listContractVersions = async (contractId) => {
    const versions = await store.listContractVersions(contractId);
    return (await mayKnowContract(caller, contractId, versions)) ? versions : [];
  };
  view.getContractVersion = async (contractId, version) => {
    const row = await store.getContractVersion(contractId, version);
    if (!row || caller.client.role === 'admin') return row;
    const versions = await store.listContractVersions(contractId);
    return (await mayKnowContract(caller, contractId, versions)) ? row : undefined;
  };
  view.getValidationReport = async (id) => {
    const row = await store.getValidationReport(id);
    return row && (await mayReadReport(store, caller, row)) ? row : undefined;
  };
  return view;
}
