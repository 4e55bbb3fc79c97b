import type { Colors } from './color';
import type { CliIO } from './io';

/**
 * Exit codes shared by every `tukar` command.
 *
 * @example
 * ```ts
 * import { EXIT, runCli } from '@tukar/cli';
 *
 * const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
 * const code = await runCli(['contract', 'check', 'kontrak-kabupaten'], io);
 * if (code === EXIT.failure) console.error('add a changeset or bump the contract versions');
 * else if (code === EXIT.usage) console.error('the check could not run: see the error above');
 * ```
 */
export const EXIT = {
  /** Checked and passed: nothing wrong was found. */
  ok: 0,
  /** Checked and found problems (invalid contract, incompatible change, missing changeset…). */
  failure: 1,
  /**
   * Could not check: usage or configuration error (unknown flag, missing argument, a file that does not
   * exist), a wrong key, or an endpoint that cannot be reached or does not answer HTTP.
   */
  usage: 2,
} as const;

/** One command-line option, as `node:util` `parseArgs` takes it plus what `--help` prints. */
export interface OptionSpec {
  type: 'boolean' | 'string';
  short?: string;
  /** Placeholder for the value in help, e.g. `REF`. */
  valueName?: string;
  description: string;
}

/** Parsed option values: strings, booleans, or undefined when not given. */
export type OptionValues = Record<string, string | boolean | undefined>;

/** What a command's `run` receives. */
export interface CommandContext {
  io: CliIO;
  values: OptionValues;
  positionals: string[];
  /** Colours for stdout and stderr, each decided for its own stream. */
  colors: { stdout: Colors; stderr: Colors };
  /** The full command, e.g. `tukar contract lint`, for messages. */
  commandPath: string;
}

/** A command that runs: `tukar contract lint`. */
export interface LeafCommand {
  kind: 'command';
  name: string;
  /** One line for the parent's command list. */
  summary: string;
  /** Arguments after the command path, e.g. `[options] <file|dir>...`. */
  usage: string;
  description: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  exitCodes: ReadonlyArray<readonly [number, string]>;
  run(context: CommandContext): Promise<number>;
}

/** A command with subcommands: `tukar contract`. */
export interface CommandGroup {
  kind: 'group';
  name: string;
  summary: string;
  description: string;
  commands: CliCommand[];
  examples: string[];
}

/**
 * A top-level command whose module (and so its dependencies: Pact, the validator, the hub…) loads only
 * when it runs or prints its own help: `tukar --help` and `--version` need just its name and summary.
 */
export interface LazyCommand {
  kind: 'lazy';
  name: string;
  /** Must equal the loaded command's summary (tested). */
  summary: string;
  load(): Promise<LeafCommand | CommandGroup>;
}

/** Anything `tukar` can dispatch to. Register a new top-level command in `command-table.ts`. */
export type CliCommand = LeafCommand | CommandGroup | LazyCommand;

/** The command itself, loading its module first when it is lazy. */
export async function resolveCommand(command: CliCommand): Promise<LeafCommand | CommandGroup> {
  return command.kind === 'lazy' ? command.load() : command;
}

/** Error codes of {@link UsageError}. */
export type UsageErrorCode = 'unknown_command' | 'bad_arguments' | 'missing_path' | 'bad_config';

/**
 * A mistake on the command line or in the configuration; the CLI prints it and exits with 2.
 *
 * @example
 * ```ts
 * throw new UsageError('bad_arguments', 'expected two files: OLD and NEW');
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code: UsageErrorCode;
  constructor(code: UsageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Identity helper that types a leaf command. */
export function defineCommand(command: Omit<LeafCommand, 'kind'>): LeafCommand {
  return { kind: 'command', ...command };
}

/** Identity helper that types a command group. */
export function defineGroup(group: Omit<CommandGroup, 'kind'>): CommandGroup {
  return { kind: 'group', ...group };
}
