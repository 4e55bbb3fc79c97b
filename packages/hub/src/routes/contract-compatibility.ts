import {
  type CompatibilityViolation,
  type Contract,
  checkCompatibility,
  compareVersions,
  contractSchema,
} from '@tukar/contracts';
import type { ContractVersionRow, DatasetRow } from '../store';

/** A stored document with the defaults a contract file gets (`compatibility`, `provider.latencyBudgetMs`…). */
function asContract(document: ContractVersionRow['document']): Contract {
  const parsed = contractSchema.safeParse(document);
  return parsed.success ? parsed.data : (document as Contract);
}

/** What the agree step judged a new version against, and what it found. */
export interface AgreeVerdict {
  compatible: boolean;
  /** The refused changes, each naming the version it breaks (`against`). */
  violations: CompatibilityViolation[];
  /** Every earlier version the new one was judged against, lowest first. */
  checked: string[];
  /** Of `checked`, the versions a dataset is still pinned to. */
  pinned: string[];
}

/**
 * Judges a version about to be agreed under its compatibility mode against:
 * - the latest agreed (or deprecated) version below it — every one of them for a `_transitive` mode;
 * - every version below it that a dataset of the contract is still pinned to, whatever the mode (such a
 *   dataset moves to the new version later, and its records were written under the pinned one).
 *
 * @example
 * ```ts
 * const verdict = agreeVerdict(next, await store.listContractVersions(next.contractId), await store.listDatasets());
 * if (!verdict.compatible) console.log(verdict.violations.map((v) => `${v.rule} against ${v.against}`));
 * ```
 */
export function agreeVerdict(
  next: ContractVersionRow,
  versions: readonly ContractVersionRow[],
  datasets: readonly DatasetRow[],
): AgreeVerdict {
  const document = asContract(next.document);
  const mode = document.compatibility ?? 'backward';
  const below = (row: { version: string }) => compareVersions(row.version, next.version) < 0;
  const agreed = versions.filter((v) => (v.status === 'agreed' || v.status === 'deprecated') && below(v));
  const result = checkCompatibility(
    document,
    agreed.map((v) => asContract(v.document)),
    mode,
  );
  const pinnedVersions = new Set(
    datasets
      .filter((d) => d.contractId === next.contractId && below({ version: d.contractVersion }))
      .map((d) => d.contractVersion),
  );
  // A pinned version the mode did not reach (any version below the latest, for a plain mode).
  const judged = new Set(result.checked);
  const violations = [...result.violations];
  for (const version of [...pinnedVersions].sort(compareVersions)) {
    const row = versions.find((v) => v.version === version);
    if (judged.has(version) || !row) continue;
    judged.add(version);
    violations.push(...checkCompatibility(asContract(row.document), document, mode).violations);
  }
  const checked = [...judged].sort(compareVersions);
  return {
    compatible: violations.length === 0,
    violations,
    checked,
    pinned: checked.filter((v) => pinnedVersions.has(v)),
  };
}
