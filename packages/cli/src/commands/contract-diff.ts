import { resolve } from 'node:path';
import { type Contract, diffContracts, formatDiff, loadContract } from '@tukar/contracts';
import type { Colors } from '../color';
import { defineCommand, EXIT, UsageError } from '../command';
import { displayPath, formatProblem } from '../format-problem';
import type { CliIO } from '../io';

async function loadOrReport(path: string, io: CliIO, c: Colors): Promise<Contract | undefined> {
  const full = resolve(io.cwd, path);
  const loaded = await loadContract(full);
  if (loaded.ok) return loaded.contract;
  const shown = displayPath(full, io.cwd);
  io.stderr.write(`${c.red('error')}: ${shown} does not load as a contract:\n`);
  for (const problem of loaded.problems) io.stderr.write(formatProblem(problem, shown, c));
  return undefined;
}

/** `tukar contract diff OLD NEW` */
export const contractDiffCommand = defineCommand({
  name: 'diff',
  summary: 'compare two versions of a contract: changes, whom they break, the semver bump',
  usage: '[options] <old> <new>',
  description: `
Classifies every change from OLD to NEW with a rule id, says whom it breaks (producers,
consumers) and the minimum semver bump, and checks NEW's version against it. The change is
judged under NEW's compatibility mode (backward, forward, full, none).`,
  options: {
    json: { type: 'boolean', description: 'print the diff as JSON on stdout' },
  },
  examples: [
    'tukar contract diff published/dinkes.puskesmas.yaml contracts/dinkes.puskesmas.yaml',
    'git show v1.0.0:contracts/a.yaml > /tmp/a.yaml && tukar contract diff /tmp/a.yaml contracts/a.yaml',
    'tukar contract diff --json old.yaml new.yaml',
  ],
  exitCodes: [
    [EXIT.ok, "compatible under NEW's compatibility mode and NEW's version is bumped enough"],
    [EXIT.failure, 'incompatible change, or the version is not bumped enough (or went down)'],
    [EXIT.usage, 'usage error, or a file is missing or does not load as a contract'],
  ],
  async run({ io, values, positionals, colors, commandPath }) {
    if (positionals.length !== 2) {
      throw new UsageError(
        'bad_arguments',
        `expected two contract files, OLD and NEW; got ${positionals.length}.\nRun '${commandPath} --help' for usage.`,
      );
    }
    const [oldPath, newPath] = positionals as [string, string];
    const previous = await loadOrReport(oldPath, io, colors.stderr);
    const next = await loadOrReport(newPath, io, colors.stderr);
    if (!previous || !next) return EXIT.usage;
    const diff = diffContracts(previous, next);
    const passed = diff.compatible && diff.versionOk;
    if (values.json) {
      const result = { ok: passed, old: oldPath, new: newPath, compatibility: next.compatibility, ...diff };
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      const c = colors.stdout;
      const text = formatDiff(diff, { color: c.enabled });
      io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      const verdict = passed
        ? `${c.green('✔')} compatible under '${next.compatibility}'; version ${next.version} is bumped enough`
        : `${c.red('✖')} ${[
            diff.compatible ? '' : `not compatible under '${next.compatibility}'`,
            diff.versionOk
              ? ''
              : `version ${previous.version} → ${next.version} does not fit a ${diff.bump} change`,
          ]
            .filter(Boolean)
            .join('; ')}`;
      io.stdout.write(`${verdict}\n`);
    }
    return passed ? EXIT.ok : EXIT.failure;
  },
});
