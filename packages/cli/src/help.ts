import type { Colors } from './color';
import type { CommandGroup, LeafCommand, OptionSpec } from './command';

/** The `--help` option every command has. */
export const HELP_OPTION: OptionSpec = {
  type: 'boolean',
  short: 'h',
  description: 'show this help and exit',
};

function table(rows: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}

function optionLabel(name: string, spec: OptionSpec): string {
  const flag = `--${name}${spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : ''}`;
  return spec.short ? `-${spec.short}, ${flag}` : `    ${flag}`;
}

function section(c: Colors, title: string, body: string): string {
  return `${c.bold(title)}\n${body}\n`;
}

/**
 * Help text of a command that runs: usage, description, options, examples, exit codes.
 *
 * @example
 * ```ts
 * io.stdout.write(formatCommandHelp(lintCommand, 'tukar contract lint', colors));
 * ```
 */
export function formatCommandHelp(command: LeafCommand, path: string, c: Colors): string {
  const options = { ...command.options, help: HELP_OPTION };
  const parts = [
    `${c.bold(path)} — ${command.summary}\n`,
    section(c, 'Usage:', `  ${path} ${command.usage}`),
    `${command.description.trim()}\n`,
    section(
      c,
      'Options:',
      table(Object.entries(options).map(([name, spec]) => [optionLabel(name, spec), spec.description])),
    ),
  ];
  if (command.examples.length > 0) {
    parts.push(section(c, 'Examples:', command.examples.map((example) => `  ${example}`).join('\n')));
  }
  parts.push(
    section(c, 'Exit codes:', table(command.exitCodes.map(([code, meaning]) => [String(code), meaning]))),
  );
  return parts.join('\n');
}

/**
 * Help text of a command group (and of `tukar` itself): its commands, examples and exit codes.
 *
 * @example
 * ```ts
 * io.stdout.write(formatGroupHelp(contractGroup, 'tukar contract', colors));
 * ```
 */
export function formatGroupHelp(
  group: CommandGroup,
  path: string,
  c: Colors,
  extraOptions: Record<string, OptionSpec> = {},
): string {
  const options = { ...extraOptions, help: HELP_OPTION };
  const parts = [
    `${c.bold(path)} — ${group.summary}\n`,
    section(c, 'Usage:', `  ${path} <command> [options]\n  ${path} <command> --help`),
    `${group.description.trim()}\n`,
    section(c, 'Commands:', table(group.commands.map((command) => [command.name, command.summary]))),
    section(
      c,
      'Options:',
      table(Object.entries(options).map(([name, spec]) => [optionLabel(name, spec), spec.description])),
    ),
  ];
  if (group.examples.length > 0) {
    parts.push(section(c, 'Examples:', group.examples.map((example) => `  ${example}`).join('\n')));
  }
  parts.push(
    section(
      c,
      'Exit codes:',
      table([
        ['0', 'success'],
        ['1', 'the command found problems'],
        ['2', 'usage or configuration error'],
      ]),
    ),
  );
  return parts.join('\n');
}
