// A `tukar-hub` process (src/bin.ts through tsx) for tests: its JSON log lines, its URL, its exit.
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
  static async start(args: string[], env: Record<string, string> = {}): Promise<BinProcess> {
    const hub = new BinProcess(
      spawn(process.execPath, ['--import', 'tsx', binScript, '--port', '0', ...args], {
        cwd: repoRoot,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    hub.url = (await hub.waitFor(/"msg":"hub listening on (http:\/\/[^ ]+) /))[1] as string;
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

  kill(): void {
    if (!this.#ended) this.child.kill('SIGKILL');
  }
}
