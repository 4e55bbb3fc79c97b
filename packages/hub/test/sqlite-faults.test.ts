// A SQLite store the hub cannot use: a full disk answers 503 naming the cause (on a small tmpfs the test
// mounts, where it may), a read-only or damaged file is refused at start (`openSqliteStore` throws, and
// `tukar-hub` exits 2 with a message), never a hub that says healthy and answers 500.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../src/index';
import { openSqliteStore } from '../src/sqlite-store';
import { exampleContract, publishDataset, puskesmasRecords, startHub } from './hub-fixture';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const binScript = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const DATASET = 'dinkes.puskesmas';
const isRoot = process.getuid?.() === 0;
const dirs: string[] = [];
const mounts: string[] = [];

afterAll(() => {
  for (const mount of mounts) spawnSync('umount', ['-l', mount]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tukar-sqlite-faults-'));
  dirs.push(dir);
  chmodSync(dir, 0o777);
  return dir;
}

/** Mounts a tmpfs of `size` at a new directory; undefined where the test may not mount (not root). */
function mountTmpfs(size: string): string | undefined {
  if (!isRoot) return undefined;
  const dir = join(newDir(), 'fs');
  mkdirSync(dir);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0777`, 'tmpfs', dir]);
  if (mounted.status !== 0) return undefined;
  mounts.push(dir);
  return dir;
}

/** A migrated store file with one dataset, closed. */
async function storeFile(dir: string): Promise<string> {
  const file = join(dir, 'hub.db');
  const store = await openSqliteStore({ file });
  await store.close();
  return file;
}

/** Runs `tukar-hub` on the file until it exits (a guard kills it after 30 s). */
function runBin(file: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', binScript, '--port', '0', '--store', `sqlite:${file}`],
      {
        cwd: repoRoot,
        env: { ...process.env, TUKAR_ADMIN_KEY: generateApiKey() },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, stderr });
    });
  });
}

describe('health probes on a SQLite store', () => {
  it('says live and ready while the file is usable', async () => {
    const hub = await startHub({ store: await openSqliteStore({ file: join(newDir(), 'hub.db') }) });
    try {
      const live = await fetch(`${hub.url}/v1/health/live`);
      expect(live.status).toBe(200);
      expect(await live.json()).toMatchObject({ status: 'live', version: expect.any(String) });
      const ready = await fetch(`${hub.url}/v1/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', store: 'sqlite' });
    } finally {
      await hub.close();
    }
  });
});

describe('a SQLite store the hub cannot use', () => {
  it('refuses a damaged file at start: openSqliteStore names it, tukar-hub exits 2', async () => {
    const file = await storeFile(newDir());
    // Overwrite every page after the first (the header stays valid, the b-trees do not).
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    const garbage = Buffer.alloc(size - 4096, 0xa5);
    writeSync(fd, garbage, 0, garbage.length, 4096);
    closeSync(fd);
    await expect(openSqliteStore({ file })).rejects.toThrow(
      new RegExp(
        `Cannot open the SQLite store at ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*(damaged|malformed)`,
      ),
    );
    const run = await runBin(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/tukar-hub: Cannot open the SQLite store at .*hub\.db: .*(damaged|malformed)/);
  }, 60_000);

  it('refuses a file that is not a database: tukar-hub exits 2', async () => {
    const file = join(newDir(), 'hub.db');
    const fd = openSync(file, 'w');
    writeSync(fd, Buffer.from('this is a text file, not a SQLite database\n'.repeat(200)));
    closeSync(fd);
    const run = await runBin(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Cannot open the SQLite store at .*hub\.db: .*not a database/);
  }, 60_000);

  it('refuses a read-only file at start: tukar-hub exits 2 naming it read-only', async (context) => {
    let file: string;
    if (isRoot) {
      // root writes through file modes: make the whole filesystem read-only instead.
      const dir = mountTmpfs('8m');
      if (!dir) return context.skip('cannot mount a tmpfs here to make a read-only file');
      file = await storeFile(dir);
      if (spawnSync('mount', ['-o', 'remount,ro', dir]).status !== 0)
        return context.skip('cannot remount read-only');
    } else {
      file = await storeFile(newDir());
      chmodSync(file, 0o444);
    }
    await expect(openSqliteStore({ file })).rejects.toThrow(/Cannot open the SQLite store at .*read-only/);
    const run = await runBin(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/tukar-hub: Cannot open the SQLite store at .*hub\.db: .*read-only/);
  }, 60_000);

  it('answers a push on a full disk 503 store_unavailable naming the full disk, and keeps serving reads', async (context) => {
    const dir = mountTmpfs('2m');
    if (!dir) return context.skip('cannot mount a small tmpfs here (needs root) to fill the disk');
    const hub = await startHub({ store: await openSqliteStore({ file: join(dir, 'hub.db') }) });
    try {
      await publishDataset(hub.admin, await exampleContract(DATASET));
      let refused: Response | undefined;
      for (let batch = 0; batch < 200 && !refused; batch++) {
        const response = await fetch(`${hub.url}/v1/datasets/${DATASET}/records`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${hub.adminKey}`,
            'content-type': 'application/json',
            'idempotency-key': `disk-full-${batch}`,
          },
          body: JSON.stringify({ upsert: puskesmasRecords(500, batch * 500) }),
        });
        if (response.status !== 200) refused = response;
      }
      expect(refused?.status).toBe(503);
      expect(refused?.headers.get('retry-after')).not.toBeNull();
      expect(await refused?.json()).toMatchObject({
        code: 'store_unavailable',
        detail: expect.stringContaining('the disk of the SQLite store is full'),
      });
      const read = await fetch(`${hub.url}/v1/datasets/${DATASET}/records?limit=10`, {
        headers: { authorization: `Bearer ${hub.adminKey}` },
      });
      expect(read.status).toBe(200);
      expect((await fetch(`${hub.url}/v1/health/live`)).status).toBe(200);
    } finally {
      await hub.close();
    }
  }, 60_000);
});
