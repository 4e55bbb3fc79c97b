import type { CliStream } from './io';

/**
 * Whether to colour output written to `stream`.
 *
 * - `NO_COLOR` set to a non-empty value: never (https://no-color.org), even with `FORCE_COLOR`;
 * - `FORCE_COLOR` set: colours unless it is `0` or `false`, also when the stream is not a terminal (CI logs);
 * - otherwise colours only when the stream is a terminal and `TERM` is not `dumb`.
 *
 * @example
 * ```ts
 * import { useColor } from '@tukar/cli';
 * import { renderTerminal, validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 * // true in a terminal, false when piped (unless FORCE_COLOR), never with NO_COLOR
 * process.stdout.write(renderTerminal(report, { color: useColor(process.stdout, process.env) }));
 * ```
 */
export function useColor(stream: CliStream, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/**
 * Colour functions; each returns its input unchanged when colours are off.
 *
 * @example
 * ```ts
 * import { type Colors, createColors } from '@tukar/cli';
 *
 * const c: Colors = createColors(process.stdout, process.env);
 * process.stdout.write(`${c.green('✔')} ${c.bold('dinkes.puskesmas')} ${c.dim('contracts/dinkes.puskesmas.yaml')}\n`);
 * if (!c.enabled) process.stdout.write('(no colours: output is piped or NO_COLOR is set)\n');
 * ```
 */
export interface Colors {
  enabled: boolean;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const identity = (text: string) => text;

/**
 * Colour functions for one stream, decided by {@link useColor}.
 *
 * @example
 * ```ts
 * import { createColors } from '@tukar/cli';
 *
 * const c = createColors(process.stderr, process.env);
 * process.stderr.write(`${c.red('error')}: no files given\n`);
 * ```
 */
export function createColors(stream: CliStream, env: Record<string, string | undefined>): Colors {
  const enabled = useColor(stream, env);
  if (!enabled) {
    return {
      enabled,
      red: identity,
      green: identity,
      yellow: identity,
      cyan: identity,
      bold: identity,
      dim: identity,
    };
  }
  return {
    enabled,
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    bold: wrap(1, 22),
    dim: wrap(2, 22),
  };
}
