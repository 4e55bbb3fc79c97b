/** A stream the CLI writes to: `process.stdout`, `process.stderr`, or a test double. */
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
 * const io: CliIO = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
 * ```
 */
export interface CliIO {
  stdout: CliStream;
  stderr: CliStream;
  env: Record<string, string | undefined>;
  /** Directory relative paths on the command line are resolved against. */
  cwd: string;
}
