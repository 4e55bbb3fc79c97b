import { type ContractChange, compareVersions } from '@tukar/contracts';
import type { Schemas } from '@tukar/spec';
import { canonicalJson } from '../canonical-json';
import { sha256Hex } from '../crypto-helpers';
import { HubProblem } from '../hub-problem';
import type { ContractVersionRow, Store } from '../store';
import { agreeVerdict } from './contract-compatibility';

/** The stored SHA-256 of a contract document: its canonical JSON without `status` (the hub keeps that). */
export function contractSha256(document: Schemas['ContractDocument']): Promise<string> {
  const { status: _status, ...content } = document;
  return sha256Hex(canonicalJson(content));
}

/** A stored version as the API shows it. */
export function toContractVersion(row: ContractVersionRow): Schemas['ContractVersion'] {
  return {
    id: row.contractId,
    version: row.version,
    status: row.status,
    sha256: row.sha256,
    publishedAt: row.publishedAt,
    statusChangedAt: row.statusChangedAt,
    document: { ...row.document, status: row.status },
  };
}

/** The highest version in one of `statuses`, optionally below `below`. */
export function latestVersion(
  rows: readonly ContractVersionRow[],
  statuses: readonly Schemas['ContractStatus'][],
  below?: string,
): ContractVersionRow | undefined {
  return rows
    .filter(
      (r) => statuses.includes(r.status) && (below === undefined || compareVersions(r.version, below) < 0),
    )
    .sort((a, b) => compareVersions(b.version, a.version))[0];
}

/** Loads a version or answers 404 naming it. */
export async function requireContractVersion(
  store: Store,
  contractId: string,
  version: string,
): Promise<ContractVersionRow> {
  const row = await store.getContractVersion(contractId, version);
  if (!row) throw new HubProblem(404, 'not_found', `Contract ${contractId} has no version ${version}.`);
  return row;
}

/**
 * Refuses (422 `contract_incompatible`) a version that breaks its compatibility mode against the latest
 * agreed (or deprecated) version below it, every such version under a `_transitive` mode, and every
 * version below it a dataset is still pinned to (see {@link agreeVerdict}).
 */
export async function requireCompatible(store: Store, next: ContractVersionRow): Promise<void> {
  const verdict = agreeVerdict(
    next,
    await store.listContractVersions(next.contractId),
    await store.listDatasets(),
  );
  if (verdict.compatible) return;
  const { violations } = verdict;
  const against = [...new Set(violations.map((v) => v.against))];
  const pinned = verdict.pinned.filter((v) => against.includes(v));
  throw new HubProblem(
    422,
    'contract_incompatible',
    `Contract ${next.contractId} ${next.version} breaks its "${next.document.compatibility}" compatibility against ${against.join(', ')}${
      pinned.length > 0 ? ` (${pinned.join(', ')} still pinned by a dataset)` : ''
    } with ${violations.length} change(s): ${violations
      .slice(0, 3)
      .map((v) => `${v.rule} at ${v.path || '/'} (against ${v.against})`)
      .join(
        '; ',
      )}. Publish it as a new major version under a new compatibility agreement, or keep the old fields.`,
    { breakingChanges: toBreakingChanges(violations) },
  );
}

/** The `breakingChanges` of a `contract_incompatible` problem: each violation with whom it breaks. */
export function toBreakingChanges(violations: readonly ContractChange[]): Schemas['BreakingChange'][] {
  return violations.map((v) => ({
    rule: v.rule,
    path: v.path,
    message: v.message,
    breaks: v.breaks,
    bump: v.bump === 'none' ? 'major' : v.bump,
  }));
}
