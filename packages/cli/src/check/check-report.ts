import type { ChangeBump, ContractChange, ContractDiff } from '@tukar/contracts';
import type { CheckProblem } from './check-problem';
import type { PublishedBase } from './published-contracts';

/**
 * How one contract compares with its last published version.
 *
 * @example
 * ```ts
 * import { checkContractsPackage } from '@tukar/cli';
 *
 * const outcome = await checkContractsPackage({ dir: 'kontrak-kabupaten' });
 * const puskesmas = outcome.ok
 *   ? outcome.report.contracts.find((entry) => entry.contract === 'dinkes.puskesmas')
 *   : undefined;
 * if (puskesmas?.state === 'changed') {
 *   console.log(`${puskesmas.previousVersion} → ${puskesmas.version}, demands ${puskesmas.demanded}`);
 *   for (const change of puskesmas.changes) console.log(`  ${change.rule}: ${change.message}`);
 * }
 * ```
 */
export interface ContractCheckEntry {
  contract: string;
  /** File relative to the package directory (the published one for a removed contract). */
  file: string;
  state: 'unchanged' | 'changed' | 'new' | 'removed';
  previousVersion?: string;
  version?: string;
  /** Minimum bump of the package this contract's change demands. */
  demanded: ChangeBump;
  /** How the contract's own `version` moved. */
  versionBump?: ContractDiff['versionBump'];
  changes: ContractChange[];
}

/**
 * Outcome of a check that ran.
 *
 * @example
 * ```ts
 * import { checkContractsPackage } from '@tukar/cli';
 *
 * const outcome = await checkContractsPackage({ dir: 'kontrak-kabupaten' });
 * if (outcome.ok) {
 *   const { report } = outcome;
 *   console.log(`${report.packageName}: release demanded ${report.demanded}, changesets give ${report.changesetBump ?? 'none'}`);
 *   for (const warning of report.warnings) console.warn(warning.message);
 *   process.exitCode = report.passed ? 0 : 1;
 * }
 * ```
 */
export interface CheckReport {
  /** `true` when there are no problems (warnings allowed). */
  passed: boolean;
  packageName: string;
  base: PublishedBase;
  contracts: ContractCheckEntry[];
  changesets: Array<{ file: string; bump: ChangeBump | undefined; summary: string }>;
  /** Minimum bump of the package, the largest any contract demands. */
  demanded: ChangeBump;
  /** The bump the pending changesets give the package; `undefined` when none names it. */
  changesetBump: ChangeBump | undefined;
  problems: CheckProblem[];
  warnings: CheckProblem[];
}
