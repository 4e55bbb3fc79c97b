import type { Colors } from '../color';
import { formatProblem } from '../format-problem';
import type { CheckReport, ContractCheckEntry } from './check-contracts-package';
import type { PublishedBase } from './published-contracts';

/** How the base of a check reads for a person. */
export function describeBase(base: PublishedBase): string {
  if (base.kind === 'directory') return `published package in ${base.dir}`;
  if (base.ref === undefined) return 'nothing published yet (no commits)';
  if (base.reason === 'latest-tag') return `git tag ${base.ref}`;
  if (base.reason === 'head') return 'git HEAD (no release tag found)';
  return `git ${base.ref}`;
}

function entryLine(entry: ContractCheckEntry, c: Colors): string {
  const versions =
    entry.state === 'new'
      ? `${entry.version} (new)`
      : entry.state === 'removed'
        ? `${entry.previousVersion} (removed)`
        : entry.previousVersion === entry.version
          ? `${entry.version}`
          : `${entry.previousVersion} → ${entry.version}`;
  const mark = entry.state === 'unchanged' ? c.dim('·') : c.cyan('~');
  const demand = entry.state === 'unchanged' ? c.dim('unchanged') : `demands ${entry.demanded}`;
  return `  ${mark} ${entry.contract.padEnd(32)} ${versions.padEnd(22)} ${demand}  ${c.dim(entry.file)}\n`;
}

/**
 * The report of `tukar contract check` for a terminal: base, contracts, changesets, problems, verdict.
 *
 * @example
 * ```ts
 * import { checkContractsPackage, createColors, formatCheckReport } from '@tukar/cli';
 *
 * const outcome = await checkContractsPackage({ dir: 'kontrak-kabupaten' });
 * if (outcome.ok) process.stdout.write(formatCheckReport(outcome.report, createColors(process.stdout, process.env)));
 * ```
 */
export function formatCheckReport(report: CheckReport, c: Colors): string {
  let text = `${c.bold(report.packageName)}: contracts compared with ${describeBase(report.base)}\n`;
  for (const entry of report.contracts) text += entryLine(entry, c);
  const named = report.changesets.filter((changeset) => changeset.bump !== undefined);
  text +=
    named.length === 0
      ? `  changesets: none names ${report.packageName}\n`
      : `  changesets: ${named.map((changeset) => `${changeset.file} (${changeset.bump})`).join(', ')}\n`;
  if (report.problems.length + report.warnings.length > 0) text += '\n';
  for (const problem of report.problems)
    text += formatProblem(problem, problem.file ?? report.packageName, c);
  for (const warning of report.warnings)
    text += formatProblem(warning, warning.file ?? report.packageName, c, 'warning');
  const changed = report.contracts.filter((entry) => entry.state !== 'unchanged').length;
  const release = report.changesetBump ?? 'none';
  const summary = `${report.contracts.length} contracts, ${changed} changed; demanded release: ${report.demanded}, changesets: ${release}`;
  text += report.passed
    ? `\n${c.green('✔')} ${summary}\n`
    : `\n${c.red('✖')} ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}; ${summary}\n`;
  return text;
}
