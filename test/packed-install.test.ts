// What an OPD developer does outside this repository: the packages packed as npm publishes them,
// installed with plain npm into an empty project (with --engine-strict and --ignore-scripts: no install
// warning, no native build), then used from ES modules and CommonJS: a push to the mock hub. Prints the
// install time and size of @tukar/client alone and of @tukar/mock (the client's size has a budget).
// Slow (it packs, and npm fetches the third-party dependencies): runs when TUKAR_TEST_PACKED=1 (`.ci/run`
// sets it), after `pnpm build`.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const enabled = process.env.TUKAR_TEST_PACKED === '1';
const root = fileURLToPath(new URL('..', import.meta.url));
const packages = readdirSync(join(root, 'packages')).filter((dir) =>
  existsSync(join(root, 'packages', dir, 'package.json')),
);
/** What `npm install @tukar/client @tukar/mock` needs, as tarballs (npm does not know @tukar yet). */
const INSTALLED = ['spec', 'contracts', 'client', 'hub', 'mock'];

/** `@tukar/client` installed alone (with whatever it depends on) stays under this many bytes on disk. */
const CLIENT_INSTALL_BUDGET = 600_000;

/** Bytes of every file under `dir` (what the files hold, not the disk blocks they take), links not followed. */
function installedBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += installedBytes(path);
    else total += lstatSync(path).size;
  }
  return total;
}

/** An empty npm project in `dir` (ES modules), as `npm init` leaves it. */
function emptyProject(dir: string): void {
  execFileSync('mkdir', ['-p', dir]);
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'opd-app', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
}

/** The environment of a user's shell: without the npm_config_* settings pnpm passes to the scripts it runs. */
const userEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_config_')),
);

if (!enabled) {
  console.log('test/packed-install.test.ts: skipped; set TUKAR_TEST_PACKED=1 (after `pnpm build`) to run it');
}

describe.runIf(enabled)('the packed packages installed with npm in an empty project', () => {
  const work = mkdtempSync(join(tmpdir(), 'tukar-packed-'));
  const tarballs = join(work, 'tarballs');
  const project = join(work, 'project');
  const clientOnly = join(work, 'client-only');
  let install: { stdout: string; stderr: string; status: number | null; ms: number };
  let clientInstall: { stderr: string; status: number | null; bytes: number };
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    for (const dir of packages) {
      if (!existsSync(join(root, 'packages', dir, 'dist')))
        throw new Error(`packages/${dir} is not built: run pnpm build`);
      execFileSync('pnpm', ['pack', '--pack-destination', tarballs], {
        cwd: join(root, 'packages', dir),
        stdio: 'pipe',
      });
    }
    emptyProject(project);
    copyFileSync(
      join(root, 'packages/contracts/test/fixtures/dinkes.puskesmas.yaml'),
      join(project, 'dinkes.puskesmas.yaml'),
    );
    const files = readdirSync(tarballs);
    const wanted = INSTALLED.map((name) => {
      const file = files.find((f) => f.startsWith(`tukar-${name}-`));
      if (!file) throw new Error(`no tarball of @tukar/${name} in ${files.join(', ')}`);
      return join(tarballs, file);
    });
    const npmInstall = (cwd: string, specs: string[]) => {
      const started = performance.now();
      const run = spawnSync('npm', ['install', '--engine-strict', '--ignore-scripts', '--no-audit', '--no-fund', ...specs], {
        cwd,
        encoding: 'utf8',
        env: { ...userEnv, npm_config_loglevel: 'warn' },
      });
      return { stdout: run.stdout, stderr: run.stderr, status: run.status, ms: performance.now() - started };
    };
    // What a browser or Node app that only calls the hub installs: the client alone.
    emptyProject(clientOnly);
    const client = wanted[INSTALLED.indexOf('client')] as string;
    const alone = npmInstall(clientOnly, [client]);
    clientInstall = { stderr: alone.stderr, status: alone.status, bytes: installedBytes(join(clientOnly, 'node_modules')) };
    // What a project with unit tests against the mock installs (npm does not know @tukar yet, so every
    // @tukar package the mock needs is named as a tarball).
    install = npmInstall(project, [...wanted, 'msw@^2.10.5']);
    const kb = (bytes: number) => `${Math.round(bytes / 1000)} kB`;
    console.log(
      `npm install @tukar/client: ${(alone.ms / 1000).toFixed(1)} s, ${kb(clientInstall.bytes)} installed\n` +
        `npm install @tukar/mock (${INSTALLED.join(', ')}) + msw: ${(install.ms / 1000).toFixed(1)} s, ` +
        `${kb(installedBytes(join(project, 'node_modules')))} installed`,
    );
  }, 600_000);

  it('every package packs; @tukar/cli carries the guides', () => {
    expect(readdirSync(tarballs)).toHaveLength(packages.length);
    const cli = readdirSync(tarballs).find((file) => file.startsWith('tukar-cli-')) as string;
    const listed = execFileSync('tar', ['-tzf', join(tarballs, cli)], { encoding: 'utf8' }).split('\n');
    for (const guide of ['contract-reference.md', 'contract-reference.id.md', 'opd-developer.md', 'README.md'])
      expect(listed, guide).toContain(`package/docs/guide/${guide}`);
  });

  it('installs with no warning, no engine error and no native build', () => {
    expect(install.stderr, install.stderr).not.toMatch(/npm (warn|WARN|error|ERR)/);
    expect(install.status, install.stderr).toBe(0);
    const modules = join(project, 'node_modules');
    for (const absent of ['better-sqlite3', 'pg', 'idn-area-data', 'node-gyp', 'prebuild-install'])
      expect(existsSync(join(modules, absent)), absent).toBe(false);
  });

  it(`@tukar/client installs alone, with nothing else, in under ${CLIENT_INSTALL_BUDGET / 1000} kB`, () => {
    expect(clientInstall.stderr, clientInstall.stderr).not.toMatch(/npm (warn|WARN|error|ERR)/);
    expect(clientInstall.status, clientInstall.stderr).toBe(0);
    expect(readdirSync(join(clientOnly, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['@tukar']);
    expect(clientInstall.bytes).toBeLessThan(CLIENT_INSTALL_BUDGET);
  });

  const script = (kind: 'esm' | 'cjs') => `${
    kind === 'esm'
      ? `import { createHubClient } from '@tukar/client';
import { loadContract } from '@tukar/contracts';
import { mockHub } from '@tukar/mock';
import { setupServer } from 'msw/node';`
      : `const { createHubClient } = require('@tukar/client');
const { loadContract } = require('@tukar/contracts');
const { mockHub } = require('@tukar/mock');
const { setupServer } = require('msw/node');`
  }
(async () => {
  const loaded = await loadContract('dinkes.puskesmas.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
  const hub = await mockHub({
    contracts: [loaded.contract],
    clients: { 'ciamis/dinkes/simpus': { grants: { 'dinkes.puskesmas': ['read', 'write'] } } },
  });
  const server = setupServer(...hub.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const client = createHubClient({ baseUrl: hub.baseUrl, apiKey: hub.keys['ciamis/dinkes/simpus'] });
  const record = { kode_puskesmas: 'P3207010101', nama: 'Puskesmas Ciamis', kode_wilayah: '32.07.01.2008', kecamatan: '32.07.01', rawat_inap: true };
  const pushed = await client.pushRecords('dinkes.puskesmas', [record]);
  let refused = 'accepted';
  try {
    await client.pushRecords('dinkes.puskesmas', [{ ...record, kode_wilayah: '32.07.99.9999' }]);
  } catch (error) {
    refused = error.status + ' ' + error.code;
  }
  server.close();
  console.log(JSON.stringify({ created: pushed.created, refused }));
})().catch((error) => { console.error(error); process.exitCode = 1; });
`;

  it.each(['esm', 'cjs'] as const)(
    '%s: pushes to the mock hub, and a bad kode wilayah is refused with 422',
    (kind) => {
      const file = join(project, kind === 'esm' ? 'push.mjs' : 'push.cjs');
      writeFileSync(file, script(kind));
      const run = spawnSync(process.execPath, [file], { cwd: project, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ created: 1, refused: '422 validation_failed' });
    },
  );
});
