import { parseArgs } from 'node:util';
import { createColors } from './color';
import {
  type CliCommand,
  type CommandContext,
  type CommandGroup,
  defineGroup,
  EXIT,
  type LeafCommand,
  type OptionValues,
  UsageError,
} from './command';
import { contractCommand } from './commands/contract';
import { demoCommand } from './commands/demo';
import { evidenceCommand } from './commands/evidence';
import { pactCommand } from './commands/pact';
import { validateCommand } from './commands/validate';
import { formatCommandHelp, formatGroupHelp } from './help';
import type { CliIO } from './io';
import { CLI_VERSION } from './version';

/** The top-level commands. Adding one (`hub`, `validate`, `pact`, `demo`) is one line here. */
const commands: CliCommand[] = [contractCommand, validateCommand, pactCommand, evidenceCommand, demoCommand];

const root = defineGroup({
  name: 'tukar',
  summary: 'data contracts, validation and the exchange hub for Integrasi dan Pertukaran Data',
  description: `
Tukar serves the SOP "Integrasi dan Pertukaran Data Sistem Informasi": OPDs and kominfo keep
data contracts, check them for breaking changes and publish them with changesets.`,
  commands,
  examples: [
    'tukar contract lint contracts',
    'tukar contract diff old.yaml new.yaml',
    'tukar contract check .',
  ],
});

const ROOT_OPTIONS = {
  version: { type: 'boolean', short: 'v', description: 'print the version and exit' },
} as const;

type Colors = CommandContext['colors'];

const isHelpFlag = (arg: string) => arg === '--help' || arg === '-h';

/** Arguments before a `--` separator: only those can be flags. */
function flagsOf(argv: string[]): string[] {
  const end = argv.indexOf('--');
  return end === -1 ? argv : argv.slice(0, end);
}

async function runLeaf(
  command: LeafCommand,
  path: string,
  argv: string[],
  io: CliIO,
  colors: Colors,
): Promise<number> {
  if (flagsOf(argv).some(isHelpFlag)) {
    io.stdout.write(formatCommandHelp(command, path, colors.stdout));
    return EXIT.ok;
  }
  let parsed: { values: OptionValues; positionals: string[] };
  try {
    const options = Object.fromEntries(
      Object.entries(command.options).map(([name, spec]) => [
        name,
        spec.short ? { type: spec.type, short: spec.short } : { type: spec.type },
      ]),
    );
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError('bad_arguments', `${message}\nRun '${path} --help' for usage.`, { cause: error });
  }
  return command.run({
    io,
    values: parsed.values,
    positionals: parsed.positionals,
    colors,
    commandPath: path,
  });
}

async function runGroup(
  group: CommandGroup,
  path: string,
  argv: string[],
  io: CliIO,
  colors: Colors,
): Promise<number> {
  const [first, ...rest] = argv;
  const isRoot = group === root;
  if (first === undefined) {
    io.stderr.write(formatGroupHelp(group, path, colors.stderr, isRoot ? ROOT_OPTIONS : {}));
    return EXIT.usage;
  }
  if (isHelpFlag(first)) {
    io.stdout.write(formatGroupHelp(group, path, colors.stdout, isRoot ? ROOT_OPTIONS : {}));
    return EXIT.ok;
  }
  if (isRoot && (first === '--version' || first === '-v')) {
    io.stdout.write(`${CLI_VERSION}\n`);
    return EXIT.ok;
  }
  if (first === 'help') return runGroup(group, path, [...rest, '--help'], io, colors);
  const command = group.commands.find((candidate) => candidate.name === first);
  if (!command) {
    const what = first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`;
    const names = group.commands.map((candidate) => candidate.name).join(', ');
    throw new UsageError(
      'unknown_command',
      `${what} for '${path}' (commands: ${names}).\nRun '${path} --help' for usage.`,
    );
  }
  const next = `${path} ${command.name}`;
  return command.kind === 'group'
    ? runGroup(command, next, rest, io, colors)
    : runLeaf(command, next, rest, io, colors);
}

/**
 * Runs the `tukar` command in-process and resolves to its exit code (0 ok, 1 problems found,
 * 2 usage or configuration error). Nothing is written to the real process streams unless `io` says so.
 *
 * @example
 * ```ts
 * import { runCli } from '@tukar/cli';
 * const code = await runCli(['contract', 'lint', 'contracts'], {
 *   stdout: process.stdout,
 *   stderr: process.stderr,
 *   env: process.env,
 *   cwd: process.cwd(),
 * });
 * process.exitCode = code;
 * ```
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const colors = { stdout: createColors(io.stdout, io.env), stderr: createColors(io.stderr, io.env) };
  try {
    return await runGroup(root, 'tukar', argv, io, colors);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${colors.stderr.red('error')}: ${error.message}\n`);
      return EXIT.usage;
    }
    const message =
      error instanceof Error ? (io.env.TUKAR_DEBUG ? error.stack : error.message) : String(error);
    io.stderr.write(
      `${colors.stderr.red('error')}: unexpected failure: ${message}\n` +
        'This is a bug in tukar; set TUKAR_DEBUG=1 for the stack trace and report it.\n',
    );
    return EXIT.usage;
  }
}
