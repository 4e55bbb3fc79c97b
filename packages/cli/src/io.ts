/**
 * A stream the CLI writes to: `process.stdout`, `process.stderr`, or a test double.
 *
 * @example
 * ```ts
 * import { type CliStream, runCli } from '@tukar/cli';
 *
 * // Capture the output instead of printing it, e.g. in a test.
 * let output = '';
 * const captured: CliStream = {
 *   write(text) {
 *     output += text;
 *   },
 *   isTTY: false,
 * };
 * const code = await runCli(['contract', 'lint', 'contracts/dinkes.puskesmas.yaml'], {
 *   stdout: captured,
 *   stderr: captured,
 *   env: {},
 *   cwd: process.cwd(),
 * });
 * console.log(code, output);
 * ```
 */
export interface CliStream {
  write(text: string): unknown;
  /** `true` when the stream is a terminal; colours are only used on terminals (see `color.ts`). */
  isTTY?: boolean;
}

/**
 * Everything the CLI touches outside itself, so that it runs in-process in tests.
 *
 * @example
 * ```ts
 * import { type CliIO, runCli } from '@tukar/cli';
 *
 * const io: CliIO = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
 * process.exitCode = await runCli(['contract', 'lint', 'contracts'], io);
 * ```
 */
export interface CliIO {
  stdout: CliStream;
  stderr: CliStream;
  env: Record<string, string | undefined>;
  /** Directory relative paths on the command line are resolved against. */
  cwd: string;
}
