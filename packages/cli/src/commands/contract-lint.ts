import { loadContract } from '@tukar/contracts';
import { defineCommand, EXIT, UsageError } from '../command';
import { findContractFiles } from '../contract-files';
import { displayPath, formatProblem, type PrintableProblem } from '../format-problem';

/** One file's outcome in `tukar contract lint --json`. */
export interface LintFileResult {
  file: string;
  ok: boolean;
  contract?: string;
  version?: string;
  problems: PrintableProblem[];
  warnings: PrintableProblem[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `tukar contract lint FILE...` */
export const contractLintCommand = defineCommand({
  name: 'lint',
  summary: 'check contract files: structure, JSON Schema, formats, examples',
  usage: '[options] <file|dir>...',
  description: `
Loads each contract (SOP step 2: the written data and database structure) and reports every
problem as "file:line:column  code  message" with a hint. Directories are searched recursively
for *.yaml, *.yml and *.json files with a top-level "contract:" key; node_modules and
dot-directories are skipped. Warnings are printed but do not fail the run.`,
  options: {
    json: { type: 'boolean', description: 'print a machine-readable result on stdout' },
  },
  examples: [
    'tukar contract lint contracts',
    'tukar contract lint contracts/dinkes.puskesmas.yaml',
    'tukar contract lint --json contracts > lint.json',
  ],
  exitCodes: [
    [EXIT.ok, 'every contract is valid (warnings allowed)'],
    [EXIT.failure, 'at least one contract has problems'],
    [EXIT.usage, 'usage error: unknown flag, no path given, a path that does not exist, no contract found'],
  ],
  async run({ io, values, positionals, colors, commandPath }) {
    if (positionals.length === 0) {
      throw new UsageError(
        'bad_arguments',
        `no file or directory given.\nRun '${commandPath} --help' for usage.`,
      );
    }
    const found = await findContractFiles(positionals, io.cwd);
    if (found.missing.length > 0) {
      throw new UsageError('missing_path', `not found: ${found.missing.join(', ')} (relative to ${io.cwd})`);
    }
    if (found.empty.length > 0 && found.files.length === 0) {
      throw new UsageError(
        'missing_path',
        `no contract files in ${found.empty.join(', ')}: expected *.yaml, *.yml or *.json files with a top-level "contract:" key`,
      );
    }
    const results: LintFileResult[] = [];
    for (const file of found.files) {
      const shown = displayPath(file, io.cwd);
      const loaded = await loadContract(file);
      results.push(
        loaded.ok
          ? {
              file: shown,
              ok: true,
              contract: loaded.contract.contract,
              version: loaded.contract.version,
              problems: [],
              warnings: loaded.warnings,
            }
          : { file: shown, ok: false, problems: loaded.problems, warnings: [] },
      );
    }
    const problemCount = results.reduce((sum, result) => sum + result.problems.length, 0);
    const warningCount = results.reduce((sum, result) => sum + result.warnings.length, 0);
    const failed = results.filter((result) => !result.ok).length;
    if (values.json) {
      const summary = { files: results.length, failed, problems: problemCount, warnings: warningCount };
      io.stdout.write(`${JSON.stringify({ ok: failed === 0, files: results, summary }, null, 2)}\n`);
      return failed === 0 ? EXIT.ok : EXIT.failure;
    }
    const c = colors.stdout;
    for (const result of results) {
      for (const problem of result.problems) io.stdout.write(formatProblem(problem, result.file, c));
      for (const warning of result.warnings)
        io.stdout.write(formatProblem(warning, result.file, c, 'warning'));
    }
    const warnings = warningCount > 0 ? `, ${plural(warningCount, 'warning')}` : '';
    if (failed === 0) {
      io.stdout.write(
        `${c.green('✔')} ${plural(results.length, 'contract')} checked: no problems${warnings}\n`,
      );
      return EXIT.ok;
    }
    io.stdout.write(
      `${c.red('✖')} ${plural(problemCount, 'problem')} in ${failed} of ${plural(results.length, 'file')}${warnings}\n`,
    );
    return EXIT.failure;
  },
});
