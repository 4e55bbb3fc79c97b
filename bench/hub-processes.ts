// Hub processes for the hub benches: each runs bench/hub-process.mjs (the built hub, no TypeScript
// loader) on a SQLite directory or a PostgreSQL schema, optionally under `node --cpu-prof`.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';

/** A hub process serving on a loopback port. */
export interface HubProcess {
  url: string;
  /** Its peak resident set size so far, in bytes. */
  peakRss(): Promise<number>;
  /** Stops it; resolves to the path of its CPU profile when it ran under `--cpu-prof`. */
  stop(): Promise<string | undefined>;
}

/**
 * Starts a hub process. `store` is `sqlite:<dir>` or `postgres:<url>#<schema>`; `dist` runs another built
 * hub (the figures before a change); `profileDir` runs it under `node --cpu-prof`; `nodeFlags` are given
 * to node.
 */
export async function startHubProcess(options: {
  store: string;
  adminKey: string;
  dist?: string;
  profileDir?: string;
  pgPool?: number;
  /** Node's own flags for the process, e.g. `--max-old-space-size=128`. */
  nodeFlags?: string[];
}): Promise<HubProcess> {
  const flags = [
    ...(options.nodeFlags ?? []),
    ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []),
  ];
  const child: ChildProcess = spawn(
    process.execPath,
    [...flags, join(import.meta.dirname, 'hub-process.mjs'), options.store],
    {
      env: {
        ...process.env,
        TUKAR_ADMIN_KEY: options.adminKey,
        ...(options.dist && { BENCH_HUB_DIST: options.dist }),
        ...(options.pgPool && { BENCH_PG_POOL: String(options.pgPool) }),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) throw new Error(`the hub process on ${options.store} exited before serving`);
  return {
    url: String(first.value),
    async peakRss() {
      child.stdin?.write('rss\n');
      return Number((await lines.next()).value);
    },
    async stop() {
      const exited = once(child, 'exit');
      child.stdin?.write('exit\n');
      await exited;
      if (!options.profileDir) return undefined;
      const profiles = readdirSync(options.profileDir).filter((f) => f.endsWith('.cpuprofile'));
      const own = profiles.find((f) => f.includes(`.${child.pid}.`));
      return own && join(options.profileDir, own);
    },
  };
}

/** A fresh PostgreSQL schema for one bench's hub or bare tables, and what drops it. */
export async function freshSchema(
  url: string,
  name: string,
): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = `bench_${name}_${process.pid}`;
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  await pool.query(`drop schema if exists "${schema}" cascade`);
  await pool.query(`create schema "${schema}"`);
  await pool.end();
  return {
    schema,
    async drop() {
      const dropper = new pg.Pool({ connectionString: url, max: 1 });
      await dropper.query(`drop schema if exists "${schema}" cascade`);
      await dropper.end();
    },
  };
}
