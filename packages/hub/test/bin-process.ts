// A `tukar-hub` process (src/bin.ts through tsx), or another hub script, for tests: its log lines, its
// URL, its exit.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const binScript = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
/** How long to wait for a line or an exit before calling the process hung (a guard, not a measurement). */
const GUARD_MS = 60_000;

export class BinProcess {
  readonly lines: string[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  url = '';
  readonly #listeners = new Set<() => void>();
  #ended = false;

  private constructor(readonly child: ChildProcess) {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      this.lines.push(line);
      for (const listener of this.#listeners) listener();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.#ended = true;
        resolve({ code, signal });
        for (const listener of this.#listeners) listener();
      });
    });
  }

  /** Starts `tukar-hub` with `args` (and `env` on top of this process's) and waits until it listens. */
  static start(args: string[], env: Record<string, string> = {}): Promise<BinProcess> {
    return BinProcess.run(
      binScript,
      ['--port', '0', ...args],
      env,
      /"msg":"hub listening on (http:\/\/[^ ]+) /,
    );
  }

  /** Starts the TypeScript `script` and waits for the line `listening`, whose first group is the URL. */
  static async run(
    script: string,
    args: string[],
    env: Record<string, string>,
    listening: RegExp,
  ): Promise<BinProcess> {
    const hub = new BinProcess(
      spawn(process.execPath, ['--import', 'tsx', script, ...args], {
        cwd: repoRoot,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    hub.url = (await hub.waitFor(listening))[1] as string;
    return hub;
  }

  /** The first line from index `from` on matching `pattern`, waiting for it. */
  waitFor(pattern: RegExp, from = 0): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        for (let i = from; i < this.lines.length; i++) {
          const match = pattern.exec(this.lines[i] as string);
          if (match) return done(() => resolve(match));
        }
        if (this.#ended)
          done(() =>
            reject(
              new Error(
                `tukar-hub ended before printing ${pattern}: ${this.stderr}\n${this.lines.join('\n')}`,
              ),
            ),
          );
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`no line ${pattern} from tukar-hub within ${GUARD_MS} ms`))),
        GUARD_MS,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.#listeners.delete(check);
        settle();
      };
      this.#listeners.add(check);
      check();
    });
  }

  /** Whether a line matching `pattern` was printed from index `from` on. */
  printed(pattern: RegExp, from = 0): boolean {
    return this.lines.slice(from).some((line) => pattern.test(line));
  }

  /** Sends `signal` and waits for the exit (SIGKILL and a rejection when it does not come). */
  async stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`tukar-hub did not end within ${GUARD_MS} ms of ${signal}.`));
      }, GUARD_MS);
    });
    try {
      return await Promise.race([this.exited, hung]);
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): void {
    if (!this.#ended) this.child.kill('SIGKILL');
  }
}
