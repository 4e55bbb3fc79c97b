import { isDeepStrictEqual } from 'node:util';
import {
  type ChangeBump,
  type Contract,
  type ContractChange,
  compareBumps,
  diffContracts,
  largestBump,
} from '@tukar/contracts';
import type { CheckProblem } from './check-problem';
import type { ContractCheckEntry } from './check-report';

const NEW_VERSION = /^(1\.0\.0|0\.\d+\.\d+)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** The contract without what may change on a version without a new version: its status. */
const content = ({ status: _status, $schema: _schema, ...rest }: Contract) => rest;

/** The changes of a diff that demand more than `above`, one indented line each. */
export const changeList = (changes: ContractChange[], above: ChangeBump) =>
  changes
    .filter((change) => compareBumps(change.bump, above) > 0)
    .map((change) => `\n    - ${change.bump}: ${change.message} [${change.rule}]`)
    .join('');

/**
 * Compares one contract with its last published version (none: a new contract), pushing a problem when
 * its version does not fit the change, went down, or an agreed version changed in place.
 *
 * @example
 * ```ts
 * const entry = compareContract('contracts/a.yaml', published, current, problems);
 * entry.demanded; // 'minor'
 * ```
 */
export function compareContract(
  file: string,
  previous: Contract | undefined,
  next: Contract,
  problems: CheckProblem[],
) {
  const id = next.contract;
  if (!previous) {
    if (!NEW_VERSION.test(next.version)) {
      problems.push({
        code: 'new_contract_version',
        message: `${id} is new but starts at version ${next.version}`,
        file,
        contract: id,
        hint: 'start a new contract at 1.0.0 (or 0.x while it is a draft)',
      });
    }
    const entry: ContractCheckEntry = {
      contract: id,
      file,
      state: 'new',
      version: next.version,
      demanded: 'minor',
      changes: [],
    };
    return entry;
  }
  const diff = diffContracts(previous, next);
  const contentChanged = !isDeepStrictEqual(content(previous), content(next));
  const statusChanged = previous.status !== next.status;
  const sameVersion = previous.version === next.version;
  const demanded = largestBump([diff.bump, statusChanged || contentChanged ? 'patch' : 'none']);
  const changed = contentChanged || statusChanged || !sameVersion;
  if (contentChanged && sameVersion) {
    // A draft is still being negotiated (SOP step 3) and may change in place; a published agreed one may not.
    if (previous.status !== 'draft') {
      problems.push({
        code: 'agreed_version_changed',
        message: `${id} ${next.version} is ${previous.status} and published, but its content changed without a version change${changeList(diff.changes, 'none')}`,
        file,
        contract: id,
        hint: `an agreed version is immutable: raise version by at least a ${demanded} bump from ${previous.version}, or undo the edit`,
      });
    }
  } else if (diff.versionBump === 'downgrade') {
    problems.push({
      code: 'version_downgrade',
      message: `${id} version went down from ${previous.version} to ${next.version}`,
      file,
      contract: id,
      hint: `versions only go up: use a ${largestBump([demanded, 'patch'])} bump from ${previous.version}`,
    });
  } else if (!sameVersion && !diff.versionOk) {
    problems.push({
      code: 'version_not_bumped',
      message: `${id} version ${previous.version} → ${next.version} is a ${diff.versionBump} bump, but its changes demand ${diff.bump}${changeList(diff.changes, diff.versionBump)}`,
      file,
      contract: id,
      hint: `raise version by at least a ${diff.bump} bump from ${previous.version}`,
    });
  }
  const entry: ContractCheckEntry = {
    contract: id,
    file,
    state: changed ? 'changed' : 'unchanged',
    previousVersion: previous.version,
    version: next.version,
    demanded: changed ? demanded : 'none',
    versionBump: diff.versionBump,
    changes: diff.changes,
  };
  return entry;
}
