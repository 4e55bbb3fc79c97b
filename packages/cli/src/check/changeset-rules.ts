import { type ChangeBump, compareBumps, largestBump } from '@tukar/contracts';
import type { CheckProblem } from './check-problem';
import type { ContractCheckEntry } from './check-report';
import { changeList } from './contract-rules';

/**
 * Checks the pending changesets' bump for the package against each changed contract: a changeset must
 * name the package, bump at least what each contract demands and at least each contract's own version bump.
 *
 * @example
 * ```ts
 * checkChangesetBump('@example/kontrak', entries, 'minor', '.changeset', problems, warnings);
 * ```
 */
export function checkChangesetBump(
  packageName: string,
  entries: ContractCheckEntry[],
  changesetBump: ChangeBump | undefined,
  changesetShown: string,
  problems: CheckProblem[],
  warnings: CheckProblem[],
) {
  const changed = entries.filter((entry) => entry.state !== 'unchanged');
  if (changed.length === 0) return;
  for (const entry of changed) {
    const what =
      entry.state === 'new'
        ? `${entry.contract} is new`
        : entry.state === 'removed'
          ? `${entry.contract} was removed`
          : `${entry.contract} changed (${entry.previousVersion} → ${entry.version})`;
    if (changesetBump === undefined) {
      problems.push({
        code: 'changeset_missing',
        message: `${what}, demanding a ${entry.demanded} release, but no pending changeset in ${changesetShown}/ names ${packageName}`,
        file: entry.file,
        contract: entry.contract,
        hint: `run \`pnpm changeset\`, choose ${packageName} and ${entry.demanded}, and describe the change`,
      });
      continue;
    }
    if (compareBumps(changesetBump, entry.demanded) < 0) {
      const reason =
        entry.state === 'changed'
          ? changeList(entry.changes, changesetBump) || `\n    - ${entry.demanded}: status or content changed`
          : entry.state === 'new'
            ? '\n    - minor: a new contract in the package'
            : '\n    - major: consumers of the removed contract lose it';
      problems.push({
        code: 'changeset_too_small',
        message: `the pending changesets give ${packageName} a ${changesetBump} release, but ${what} and demands ${entry.demanded}:${reason}`,
        file: entry.file,
        contract: entry.contract,
        hint: `change the bump for "${packageName}" in the changeset to ${entry.demanded}`,
      });
    } else if (
      entry.versionBump &&
      entry.versionBump !== 'downgrade' &&
      compareBumps(changesetBump, entry.versionBump) < 0
    ) {
      problems.push({
        code: 'version_changeset_mismatch',
        message: `${entry.contract} version ${entry.previousVersion} → ${entry.version} is a ${entry.versionBump} bump, but the pending changesets give ${packageName} only a ${changesetBump} release`,
        file: entry.file,
        contract: entry.contract,
        hint: `make the changeset ${entry.versionBump}, or lower the contract's version to the ${largestBump([entry.demanded, 'patch'])} bump it needs`,
      });
    }
  }
  const fileBumps = changed.map((entry) =>
    entry.versionBump && entry.versionBump !== 'downgrade'
      ? largestBump([entry.versionBump, entry.demanded])
      : entry.demanded,
  );
  const largest = largestBump(fileBumps);
  if (changesetBump !== undefined && compareBumps(changesetBump, largest) > 0) {
    warnings.push({
      code: 'changeset_larger_than_contracts',
      message: `the pending changesets give ${packageName} a ${changesetBump} release, more than any contract change demands (${largest})`,
      hint: 'fine when other files of the package changed; otherwise lower the changeset',
    });
  }
}
