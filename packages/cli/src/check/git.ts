import { execFile } from 'node:child_process';

/** Outcome of one git invocation. */
export type GitResult =
  | { ok: true; stdout: string }
  | { ok: false; stderr: string; exitCode: number | undefined; notInstalled: boolean };

/**
 * Runs `git <args>` in `cwd` without a shell and collects its output (up to 256 MB).
 *
 * @example
 * ```ts
 * const head = await git(['rev-parse', 'HEAD'], '/repo');
 * if (head.ok) console.log(head.stdout.trim());
 * ```
 */
export function git(args: string[], cwd: string): Promise<GitResult> {
  return new Promise((resolvePromise) => {
    execFile(
      'git',
      args,
      {
        cwd,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolvePromise({ ok: true, stdout });
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        resolvePromise({
          ok: false,
          stderr: String(stderr || error.message).trim(),
          exitCode: typeof code === 'number' ? code : undefined,
          notInstalled: code === 'ENOENT',
        });
      },
    );
  });
}
