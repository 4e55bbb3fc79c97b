/**
 * Stable codes of the problems `tukar contract check` reports.
 *
 * @example
 * ```ts
 * import { checkContractsPackage } from '@tukar/cli';
 *
 * const outcome = await checkContractsPackage({ dir: 'kontrak-kabupaten' });
 * for (const problem of outcome.ok ? outcome.report.problems : []) {
 *   if (problem.code === 'changeset_missing' || problem.code === 'changeset_too_small') {
 *     console.error(`${problem.message}: run \`pnpm changeset\` and pick a larger bump`);
 *   }
 * }
 * ```
 */
export type CheckProblemCode =
  /** A contract in the package does not load (its own problems follow). */
  | 'contract_invalid'
  /** Two files in the package declare the same contract id. */
  | 'duplicate_contract'
  /** A changeset file cannot be read. */
  | 'changeset_invalid'
  /** A contract changed but no pending changeset names the package. */
  | 'changeset_missing'
  /** The pending changesets bump the package less than the contract changes demand. */
  | 'changeset_too_small'
  /** A contract's `version` is bumped more than the changesets bump the package. */
  | 'version_changeset_mismatch'
  /** A contract's `version` is not bumped as much as its changes demand. */
  | 'version_not_bumped'
  /** A contract's `version` is lower than the published one. */
  | 'version_downgrade'
  /** The content of a published agreed version changed while its version stayed the same. */
  | 'agreed_version_changed'
  /** A new contract does not start at 1.0.0 or 0.x. */
  | 'new_contract_version'
  /** Under a `_transitive` compatibility mode, a changed contract breaks an earlier published version. */
  | 'contract_incompatible'
  /** A transitive mode could be judged against the `--published` release only, not every earlier one (warning). */
  | 'transitive_history_missing'
  /** A published contract file does not load (warning: it is then treated as absent). */
  | 'published_invalid'
  /** The changesets bump the package more than any contract's version (warning). */
  | 'changeset_larger_than_contracts';

/**
 * One finding of `tukar contract check`.
 *
 * @example
 * ```ts
 * import { checkContractsPackage } from '@tukar/cli';
 *
 * const outcome = await checkContractsPackage({ dir: 'kontrak-kabupaten' });
 * if (outcome.ok) {
 *   for (const problem of outcome.report.problems) {
 *     const where = problem.line ? `${problem.file}:${problem.line}` : (problem.file ?? outcome.report.packageName);
 *     console.error(`${where}  ${problem.code}  ${problem.message}${problem.hint ? ` (${problem.hint})` : ''}`);
 *   }
 * }
 * ```
 */
export interface CheckProblem {
  code: CheckProblemCode;
  message: string;
  /** File the problem is in, relative to the package directory. */
  file?: string;
  line?: number;
  column?: number;
  /** Contract id, e.g. `dinkes.puskesmas`. */
  contract?: string;
  /** What to do about it. */
  hint?: string;
}
