// better-sqlite3 and pg are optional peer dependencies: imported only when a SQLite or PostgreSQL store
// is opened, with a message that says what to install when missing. A missing driver is simulated by the
// error Node throws for it (an ESM import of a package that is not installed).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type DriverName, setDriverImporter } from '../src/load-driver';
import { openStore } from '../src/open-store';
import { openPostgresStore } from '../src/postgres-store';
import { openSqliteStore } from '../src/sqlite-store';

const scratch = mkdtempSync(join(tmpdir(), 'tukar-drivers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

/** Imports fail as Node fails them when the package is not installed. */
function withoutDrivers(): void {
  restore = setDriverImporter(async (name: DriverName) => {
    throw Object.assign(
      new Error(`Cannot find package '${name}' imported from /app/node_modules/@tukar/hub/dist/node.js`),
      { code: 'ERR_MODULE_NOT_FOUND' },
    );
  });
}

describe('a store whose driver is not installed', () => {
  it('sqlite: says to install better-sqlite3 and writes nothing', async () => {
    withoutDrivers();
    const file = join(scratch, 'no-driver', 'hub.db');
    const opening = openSqliteStore({ file });
    await expect(opening).rejects.toThrow(/^Cannot open the SQLite store at .*hub\.db: /);
    await expect(opening).rejects.toThrow(/needs the "better-sqlite3" package, which is not installed/);
    await expect(opening).rejects.toThrow('npm install better-sqlite3');
    expect(existsSync(join(scratch, 'no-driver'))).toBe(false);
  });

  it('openStore("sqlite:…") gives the same advice', async () => {
    withoutDrivers();
    await expect(openStore(`sqlite:${join(scratch, 'hub.db')}`)).rejects.toThrow('pnpm add better-sqlite3');
  });

  it('postgres: says to install pg, without the password of the URL', async () => {
    withoutDrivers();
    const opening = openPostgresStore({ url: 'postgres://tukar:rahasia-sekali@127.0.0.1:5432/test' });
    await expect(opening).rejects.toThrow(
      /^Cannot open the PostgreSQL store at .*: the PostgreSQL store needs the "pg" package/,
    );
    await expect(opening).rejects.toThrow('npm install pg');
    await expect(opening).rejects.not.toThrow('rahasia-sekali');
  });

  it('a driver that is installed but does not load says why and how to rebuild it', async () => {
    restore = setDriverImporter(async () => {
      throw new Error(
        'The module was compiled against a different Node.js version (NODE_MODULE_VERSION 115)',
      );
    });
    await expect(openSqliteStore({ file: ':memory:' })).rejects.toThrow(
      /installed but did not load \(The module was compiled against .*\)\. Reinstall it for this Node version \(npm rebuild better-sqlite3\)/,
    );
  });

  it('the memory store needs no driver', async () => {
    withoutDrivers();
    const store = await openStore('memory');
    await store.close();
  });
});

describe('with the driver installed', () => {
  it('sqlite: opens a real file once the driver loads again', async () => {
    const store = await openSqliteStore({ file: join(scratch, 'real', 'hub.db') });
    await store.close();
    expect(existsSync(join(scratch, 'real', 'hub.db'))).toBe(true);
  });
});

describe('where the drivers are imported', () => {
  const src = fileURLToPath(new URL('../src/', import.meta.url));
  const sources = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => [file, readFileSync(join(src, file), 'utf8')] as const);

  it('no source file imports better-sqlite3 or pg up front (only types)', () => {
    expect(sources.length).toBeGreaterThan(10);
    const eager = sources.filter(([, text]) =>
      /^import\s+(?!type\b)[^;]*from\s+'(better-sqlite3|pg)'/m.test(text),
    );
    expect(eager.map(([file]) => file)).toEqual([]);
  });

  it('the package declares them as optional peers (and not as dependencies)', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    for (const driver of ['better-sqlite3', 'pg']) {
      expect(manifest.dependencies[driver], driver).toBeUndefined();
      expect(manifest.peerDependencies[driver], driver).toBeTypeOf('string');
      expect(manifest.peerDependenciesMeta[driver], driver).toEqual({ optional: true });
    }
  });
});
