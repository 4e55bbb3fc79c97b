import { resolve } from 'node:path';
import {
  type CompatibilityResult,
  type Contract,
  checkCompatibility,
  compareVersions,
  diffContracts,
  formatDiff,
  isTransitiveMode,
  loadContract,
} from '@tukar/contracts';
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

/** `tukar contract diff OLD... NEW` */
export const contractDiffCommand = defineCommand({
  name: 'diff',
  summary: 'compare two versions of a contract: changes, whom they break, the semver bump',
  usage: '[options] <old> <new>   (or several <old>: <old>... <new>)',
  description: `
Classifies every change from OLD to NEW with a rule id, says whom it breaks (producers,
consumers) and the minimum semver bump, and checks NEW's version against it. The change is
judged under NEW's compatibility mode (backward, forward, full, none).
Under a transitive mode (backward_transitive, forward_transitive, full_transitive) NEW is also
judged against every earlier version: give them all, in any order (OLD... NEW); the changes are
listed against the latest of them.`,
  options: {
    json: { type: 'boolean', description: 'print the diff as JSON on stdout' },
  },
  examples: [
    'tukar contract diff published/dinkes.puskesmas.yaml contracts/dinkes.puskesmas.yaml',
    'git show v1.0.0:contracts/a.yaml > /tmp/a.yaml && tukar contract diff /tmp/a.yaml contracts/a.yaml',
    'tukar contract diff --json old.yaml new.yaml',
    'tukar contract diff v1.0.0.yaml v1.1.0.yaml contracts/a.yaml   # backward_transitive: against both',
  ],
  exitCodes: [
    [EXIT.ok, "compatible under NEW's compatibility mode and NEW's version is bumped enough"],
    [EXIT.failure, 'incompatible change, or the version is not bumped enough (or went down)'],
    [EXIT.usage, 'usage error, or a file is missing or does not load as a contract'],
  ],
  async run({ io, values, positionals, colors, commandPath }) {
    if (positionals.length < 2) {
      throw new UsageError(
        'bad_arguments',
        `expected two contract files, OLD and NEW; got ${positionals.length}.\nFor a transitive mode give every earlier version: OLD... NEW.\nRun '${commandPath} --help' for usage.`,
      );
    }
    const oldPaths = positionals.slice(0, -1);
    const newPath = positionals.at(-1) as string;
    const loaded: Array<{ path: string; contract: Contract | undefined }> = [];
    for (const path of [...oldPaths, newPath]) {
      loaded.push({ path, contract: await loadOrReport(path, io, colors.stderr) });
    }
    if (loaded.some((entry) => entry.contract === undefined)) return EXIT.usage;
    const next = loaded.at(-1)?.contract as Contract;
    const olds = loaded
      .slice(0, -1)
      .map((entry) => ({ path: entry.path, contract: entry.contract as Contract }))
      .sort((a, b) => compareVersions(a.contract.version, b.contract.version));
    const { path: oldPath, contract: previous } = olds.at(-1) as { path: string; contract: Contract };
    const mode = next.compatibility;
    const diff = diffContracts(previous, next);
    // The latest earlier version is judged by the diff above; a transitive mode judges the others too.
    const others = isTransitiveMode(mode)
      ? checkCompatibility(
          next,
          olds.slice(0, -1).map((o) => o.contract),
          mode,
        )
      : undefined;
    const compatible = diff.compatible && (others?.compatible ?? true);
    const passed = compatible && diff.versionOk;
    if (values.json) {
      const result = {
        ok: passed,
        old: oldPath,
        new: newPath,
        compatibility: mode,
        ...diff,
        earlier: others ? { checked: others.checked, violations: others.violations } : undefined,
      };
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return passed ? EXIT.ok : EXIT.failure;
    }
    const c = colors.stdout;
    const text = formatDiff(diff, { color: c.enabled });
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    if (others) io.stdout.write(formatEarlier(others, previous.version, mode, c));
    else if (olds.length > 1) {
      io.stdout.write(
        `${c.dim(`'${mode}' judges ${next.version} against the latest earlier version (${previous.version}) only; the other files are not compared.`)}\n`,
      );
    }
    const judged = others ? [...others.checked, previous.version].join(', ') : previous.version;
    const verdict = passed
      ? `${c.green('✔')} compatible under '${mode}' (against ${judged}); version ${next.version} is bumped enough`
      : `${c.red('✖')} ${[
          compatible ? '' : `not compatible under '${mode}' (against ${judged})`,
          diff.versionOk
            ? ''
            : `version ${previous.version} → ${next.version} does not fit a ${diff.bump} change`,
        ]
          .filter(Boolean)
          .join('; ')}`;
    io.stdout.write(`${verdict}\n`);
    return passed ? EXIT.ok : EXIT.failure;
  },
});

/** Under a transitive mode: what NEW breaks against each earlier version besides the latest. */
function formatEarlier(result: CompatibilityResult, latest: string, mode: string, c: Colors): string {
  if (result.checked.length === 0) {
    return `${c.dim(`'${mode}' is transitive, but no version earlier than ${latest} was given: judged against ${latest} only. Give every earlier agreed version (OLD... NEW).`)}\n`;
  }
  const lines = [`Earlier versions ('${mode}'):`];
  for (const version of result.checked) {
    const against = result.violations.filter((v) => v.against === version);
    lines.push(
      against.length === 0
        ? `  ${version}: ${c.green('compatible')}`
        : `  ${version}: ${c.red(`REFUSED, ${against.length} change${against.length === 1 ? '' : 's'}`)}`,
    );
    for (const v of against)
      lines.push(`    ${v.rule} ${v.path || '(record)'}: ${v.message} (breaks ${v.breaks.join(' + ')})`);
  }
  return `${lines.join('\n')}\n`;
}
