// Every `tukar` command × each exit class that applies, against real files and loopback servers:
// 0 = checked and passed, 1 = checked and found problems, 2 = could not check (usage, configuration,
// wrong key, unreachable or non-HTTP endpoint, missing file).
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wilayahCodes } from '@tukar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../hub/src/sqlite-store';
import { startHub, type TestHub } from '../../hub/test/hub-fixture';
import { type OpdServer, startOpdServer } from '../src/demo/opd-server';
import { PUSKESMAS_CONTRACT_YAML } from '../src/demo/puskesmas-contract';
import { puskesmasRecords } from '../src/demo/records';
import { changeset, createReleasedPackage, put } from './git-fixture';
import { contractYaml, run, tempDir } from './helpers';

const EXAMPLE_CONTRACTS = fileURLToPath(
  new URL('../../../examples/kontrak-kabupaten/contracts/', import.meta.url),
);
const PACT_KEY = `Bearer tk_${'A'.repeat(43)}`;
const UNKNOWN_KEY = `tk_${'Z'.repeat(43)}`;

type ExitClass =
  | 'passed'
  | 'problems'
  | 'usage'
  | 'configuration'
  | 'wrong key'
  | 'unreachable endpoint'
  | 'non-HTTP endpoint'
  | 'missing file'
  | 'not a disposable hub';

/** What the rows need: files in `dir` and the servers. */
interface Fixture {
  dir: string;
  repo: string;
  hub: TestHub;
  sqliteHub: TestHub;
  opd: OpdServer;
  brokenOpd: OpdServer;
  /** A loopback port nothing listens on. */
  closed: string;
  /** A loopback TCP server that answers something that is not HTTP. */
  notHttp: string;
  /** A loopback HTTP server that is not a hub (a web page). */
  notHub: string;
}

interface Row {
  command: string;
  kind: ExitClass;
  expected: 0 | 1 | 2;
  argv(f: Fixture): string[];
  env?(f: Fixture): Record<string, string>;
  cwd?(f: Fixture): string;
}

const admin = (f: Fixture) => ({ TUKAR_ADMIN_KEY: f.hub.adminKey });
const contract = (f: Fixture) => join(f.dir, 'dinkes.puskesmas.yaml');

const rows: Row[] = [
  // tukar (the command itself)
  { command: 'tukar', kind: 'usage', expected: 2, argv: () => ['kontrak'] },

  // tukar contract lint
  { command: 'contract lint', kind: 'passed', expected: 0, argv: (f) => ['contract', 'lint', contract(f)] },
  {
    command: 'contract lint',
    kind: 'problems',
    expected: 1,
    argv: (f) => ['contract', 'lint', join(f.dir, 'bad-contract.yaml')],
  },
  {
    command: 'contract lint',
    kind: 'usage',
    expected: 2,
    argv: (f) => ['contract', 'lint', '--jsn', contract(f)],
  },
  {
    command: 'contract lint',
    kind: 'missing file',
    expected: 2,
    argv: (f) => ['contract', 'lint', join(f.dir, 'nope.yaml')],
  },

  // tukar contract diff
  {
    command: 'contract diff',
    kind: 'passed',
    expected: 0,
    argv: (f) => ['contract', 'diff', join(f.dir, 'old.yaml'), join(f.dir, 'compatible.yaml')],
  },
  {
    command: 'contract diff',
    kind: 'problems',
    expected: 1,
    argv: (f) => ['contract', 'diff', join(f.dir, 'old.yaml'), join(f.dir, 'breaking.yaml')],
  },
  {
    command: 'contract diff',
    kind: 'usage',
    expected: 2,
    argv: (f) => ['contract', 'diff', join(f.dir, 'old.yaml')],
  },
  {
    command: 'contract diff',
    kind: 'missing file',
    expected: 2,
    argv: (f) => ['contract', 'diff', join(f.dir, 'old.yaml'), join(f.dir, 'nope.yaml')],
  },

  // tukar contract check (a released package in a git repository)
  {
    command: 'contract check',
    kind: 'passed',
    expected: 0,
    argv: () => ['contract', 'check'],
    cwd: (f) => f.repo,
  },
  {
    command: 'contract check',
    kind: 'problems',
    expected: 1,
    argv: () => ['contract', 'check'],
    cwd: (f) => join(f.repo, '..', 'repo-changed'),
  },
  {
    command: 'contract check',
    kind: 'usage',
    expected: 2,
    argv: () => ['contract', 'check', '--bogus'],
    cwd: (f) => f.repo,
  },
  {
    command: 'contract check',
    kind: 'missing file',
    expected: 2,
    argv: () => ['contract', 'check', 'nowhere'],
    cwd: (f) => f.repo,
  },

  // tukar validate
  {
    command: 'validate',
    kind: 'passed',
    expected: 0,
    argv: (f) => ['validate', '-c', contract(f), '-f', join(f.dir, 'valid.ndjson'), '--quiet'],
  },
  {
    command: 'validate',
    kind: 'problems',
    expected: 1,
    argv: (f) => ['validate', '-c', contract(f), '-f', join(f.dir, 'invalid.ndjson'), '--quiet'],
  },
  {
    command: 'validate',
    kind: 'passed',
    expected: 0,
    argv: (f) => ['validate', '-c', contract(f), '-u', f.opd.url, '--quiet'],
  },
  {
    command: 'validate',
    kind: 'problems',
    expected: 1,
    argv: (f) => ['validate', '-c', contract(f), '-u', f.brokenOpd.url, '--quiet'],
  },
  {
    command: 'validate',
    kind: 'usage',
    expected: 2,
    argv: (f) => ['validate', '-c', contract(f), '-f', join(f.dir, 'valid.ndjson'), '--fast'],
  },
  {
    command: 'validate',
    kind: 'configuration',
    expected: 2,
    argv: (f) => ['validate', '-c', join(f.dir, 'bad-contract.yaml'), '-f', join(f.dir, 'valid.ndjson')],
  },
  {
    command: 'validate',
    kind: 'missing file',
    expected: 2,
    argv: (f) => ['validate', '-c', contract(f), '-f', join(f.dir, 'nope.ndjson')],
  },
  {
    command: 'validate',
    kind: 'wrong key',
    expected: 2,
    argv: (f) => [
      'validate',
      '-c',
      contract(f),
      '--hub',
      f.hub.url,
      '--api-key-env',
      'SIMPUS_KEY',
      '--quiet',
    ],
    env: () => ({ SIMPUS_KEY: UNKNOWN_KEY }),
  },
  {
    command: 'validate',
    kind: 'unreachable endpoint',
    expected: 2,
    argv: (f) => ['validate', '-c', contract(f), '-u', f.closed, '--retries', '0', '--quiet'],
  },
  {
    command: 'validate',
    kind: 'non-HTTP endpoint',
    expected: 2,
    argv: (f) => ['validate', '-c', contract(f), '-u', f.notHttp, '--retries', '0', '--quiet'],
  },

  // tukar pact check
  {
    command: 'pact check',
    kind: 'passed',
    expected: 0,
    argv: (f) => ['pact', 'check', join(f.dir, 'pacts')],
  },
  {
    command: 'pact check',
    kind: 'problems',
    expected: 1,
    argv: (f) => ['pact', 'check', join(f.dir, 'bad-pacts')],
  },
  {
    command: 'pact check',
    kind: 'usage',
    expected: 2,
    argv: (f) => ['pact', 'check', '--bogus', join(f.dir, 'pacts')],
  },
  {
    command: 'pact check',
    kind: 'missing file',
    expected: 2,
    argv: (f) => ['pact', 'check', join(f.dir, 'nope.json')],
  },

  // tukar pact verify-hub
  ...verifyHubRows(),

  // tukar pact verify-provider
  {
    command: 'pact verify-provider',
    kind: 'passed',
    expected: 0,
    argv: (f) => [
      'pact',
      'verify-provider',
      '-c',
      contract(f),
      '-u',
      f.opd.url,
      '--results',
      join(f.dir, 'out'),
    ],
    cwd: (f) => f.dir,
  },
  {
    command: 'pact verify-provider',
    kind: 'problems',
    expected: 1,
    argv: (f) => [
      'pact',
      'verify-provider',
      '-c',
      contract(f),
      '-u',
      f.brokenOpd.url,
      '--results',
      join(f.dir, 'out'),
    ],
    cwd: (f) => f.dir,
  },
  {
    command: 'pact verify-provider',
    kind: 'usage',
    expected: 2,
    argv: (f) => ['pact', 'verify-provider', '-c', contract(f)],
  },
  {
    command: 'pact verify-provider',
    kind: 'missing file',
    expected: 2,
    argv: (f) => ['pact', 'verify-provider', '-c', join(f.dir, 'nope.yaml'), '-u', f.opd.url],
  },
  {
    command: 'pact verify-provider',
    kind: 'unreachable endpoint',
    expected: 2,
    argv: (f) => [
      'pact',
      'verify-provider',
      '-c',
      contract(f),
      '-u',
      f.closed,
      '--results',
      join(f.dir, 'out'),
    ],
    cwd: (f) => f.dir,
  },
  {
    command: 'pact verify-provider',
    kind: 'non-HTTP endpoint',
    expected: 2,
    argv: (f) => [
      'pact',
      'verify-provider',
      '-c',
      contract(f),
      '-u',
      f.notHttp,
      '--results',
      join(f.dir, 'out'),
    ],
    cwd: (f) => f.dir,
  },

  // tukar demo (it checks nothing of the user's: it passes, or it could not run)
  { command: 'demo', kind: 'usage', expected: 2, argv: () => ['demo', '--records', 'banyak'] },
  {
    command: 'demo',
    kind: 'passed',
    expected: 0,
    argv: (f) => ['demo', '--records', '10', '--out', join(f.dir, 'demo')],
    cwd: (f) => f.dir,
  },
];

function verifyHubRows(): Row[] {
  const verify =
    (hubUrl: (f: Fixture) => string, pacts = 'pacts') =>
    (f: Fixture) => [
      'pact',
      'verify-hub',
      '--hub',
      hubUrl(f),
      '--contracts',
      EXAMPLE_CONTRACTS,
      '--results',
      join(f.dir, 'out'),
      join(f.dir, pacts),
    ];
  const command = 'pact verify-hub';
  return [
    { command, kind: 'passed', expected: 0, argv: verify((f) => f.hub.url), env: admin },
    { command, kind: 'problems', expected: 1, argv: verify((f) => f.hub.url, 'failing-pacts'), env: admin },
    {
      command,
      kind: 'usage',
      expected: 2,
      argv: (f) => ['pact', 'verify-hub', join(f.dir, 'pacts')],
      env: admin,
    },
    { command, kind: 'configuration', expected: 2, argv: verify((f) => f.hub.url) },
    {
      command,
      kind: 'wrong key',
      expected: 2,
      argv: verify((f) => f.hub.url),
      env: () => ({ TUKAR_ADMIN_KEY: UNKNOWN_KEY }),
    },
    { command, kind: 'missing file', expected: 2, argv: verify((f) => f.hub.url, 'nope.json'), env: admin },
    { command, kind: 'unreachable endpoint', expected: 2, argv: verify((f) => f.closed), env: admin },
    { command, kind: 'non-HTTP endpoint', expected: 2, argv: verify((f) => f.notHttp), env: admin },
    { command, kind: 'non-HTTP endpoint', expected: 2, argv: verify((f) => f.notHub), env: admin },
    {
      command,
      kind: 'not a disposable hub',
      expected: 2,
      argv: verify((f) => f.sqliteHub.url),
      env: (f) => ({ TUKAR_ADMIN_KEY: f.sqliteHub.adminKey }),
    },
  ];
}

function hubPact(consumer: string, interactions: unknown[]): string {
  return JSON.stringify({
    consumer: { name: consumer },
    provider: { name: 'tukar-hub' },
    interactions,
    metadata: { pactSpecification: { version: '3.0.0' } },
  });
}

const datasetInteraction = {
  description: 'a request for the puskesmas dataset',
  providerStates: [{ name: 'dataset exists', params: { datasetId: 'dinkes.puskesmas' } }],
  request: { method: 'GET', path: '/v1/datasets/dinkes.puskesmas', headers: { Authorization: PACT_KEY } },
  response: { status: 200, body: { id: 'dinkes.puskesmas', contractVersion: '1.0.0' } },
};

async function listen(server: Server | TcpServer): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('exit codes of every tukar command', () => {
  const f = {} as Fixture;
  let cleanup: () => Promise<void>;
  const closers: Array<() => Promise<unknown> | unknown> = [];

  beforeAll(async () => {
    ({ dir: f.dir, cleanup } = await tempDir('exit-codes'));
    const records = puskesmasRecords(
      20,
      [...wilayahCodes('desa')].filter((code) => code.startsWith('32.07.')),
    );
    await writeFile(contract(f), PUSKESMAS_CONTRACT_YAML);
    await writeFile(join(f.dir, 'bad-contract.yaml'), contractYaml({ version: 'one' }));
    await writeFile(join(f.dir, 'old.yaml'), contractYaml());
    await writeFile(
      join(f.dir, 'compatible.yaml'),
      // An untyped field: a typed one narrows what the open record accepted under that name (major).
      contractYaml({ version: '1.1.0', untypedProperty: 'alamat' }),
    );
    await writeFile(join(f.dir, 'breaking.yaml'), contractYaml({ version: '2.0.0', namaMaxLength: 80 }));
    await writeFile(join(f.dir, 'valid.ndjson'), records.map((r) => JSON.stringify(r)).join('\n'));
    await writeFile(
      join(f.dir, 'invalid.ndjson'),
      records
        .map((r, i) => JSON.stringify(i === 3 ? { ...r, jumlah_tenaga_kesehatan: 'banyak' } : r))
        .join('\n'),
    );
    for (const [folder, file, text] of [
      ['pacts', 'simpus-tukar-hub.json', hubPact('simpus', [datasetInteraction])],
      [
        'bad-pacts',
        'typo-tukar-hub.json',
        hubPact('typo', [
          {
            ...datasetInteraction,
            request: { ...datasetInteraction.request, path: '/v1/dataset/dinkes.puskesmas' },
          },
        ]),
      ],
      [
        'failing-pacts',
        'total-tukar-hub.json',
        hubPact('total', [{ ...datasetInteraction, response: { status: 200, body: { total: 3 } } }]),
      ],
    ] as const) {
      await mkdir(join(f.dir, folder), { recursive: true });
      await writeFile(join(f.dir, folder, file), text);
    }

    // contract check: a released package, unchanged; and one with a change but no changeset
    f.repo = join(f.dir, 'repo');
    await mkdir(f.repo);
    await createReleasedPackage(f.repo);
    const changed = join(f.dir, 'repo-changed');
    await mkdir(changed);
    await createReleasedPackage(changed);
    await put(
      changed,
      'contracts/dinkes.puskesmas.yaml',
      contractYaml({ version: '1.1.0', extraProperty: 'alamat' }),
    );
    await put(changed, '.changeset/other.md', changeset('major', 'other package', '@example/lain'));

    f.hub = await startHub();
    closers.push(() => f.hub.close());
    const store = await openSqliteStore({ file: join(f.dir, 'hub.db') });
    f.sqliteHub = await startHub({ store });
    closers.push(async () => {
      await f.sqliteHub.close();
      await store.close();
    });
    f.opd = await startOpdServer({ records });
    f.brokenOpd = await startOpdServer({ records, variant: 'string-counts' });
    closers.push(
      () => f.opd.close(),
      () => f.brokenOpd.close(),
    );

    const gone = createHttpServer();
    f.closed = await listen(gone);
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    const sockets = new Set<Socket>();
    const tcp = createTcpServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.end('SSH-2.0-OpenSSH_9.6\r\n');
    });
    f.notHttp = await listen(tcp);
    const page = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Portal Kabupaten</title>');
    });
    f.notHub = await listen(page);
    closers.push(
      () => {
        // A client may keep its half of an ended connection open; close() waits for every socket.
        for (const socket of sockets) socket.destroy();
        return new Promise((resolve) => tcp.close(resolve));
      },
      () => {
        page.closeAllConnections();
        return new Promise((resolve) => page.close(resolve));
      },
    );
  }, 120_000);

  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await cleanup();
  });

  const titled = rows.map((row) => {
    const name = row.command === 'tukar' ? 'tukar' : `tukar ${row.command}`;
    return [`${name}: ${row.kind} exits ${row.expected}`, row] as const;
  });
  it.each(titled)(
    '%s',
    async (_title, row) => {
      const result = await run(row.argv(f), { cwd: row.cwd?.(f) ?? f.dir, env: row.env?.(f) ?? {} });
      const shown = `exit ${result.code}\nstdout: ${result.stdout.slice(0, 1500)}\nstderr: ${result.stderr.slice(0, 1500)}`;
      expect(result.code, shown).toBe(row.expected);
      // Could not check: the reason is on stderr. Checked: no crash trace.
      if (row.expected === 2) expect(result.stderr.trim(), shown).not.toBe('');
      expect(result.stderr, shown).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    },
    60_000,
  );

  it('has a row for every command and every class it promises', () => {
    const commands = new Set(rows.map((row) => row.command));
    expect([...commands].sort()).toEqual(
      [
        'tukar',
        'contract lint',
        'contract diff',
        'contract check',
        'validate',
        'pact check',
        'pact verify-hub',
        'pact verify-provider',
        'demo',
      ].sort(),
    );
    for (const command of commands) {
      if (command === 'tukar' || command === 'demo') continue;
      const codes = new Set(rows.filter((row) => row.command === command).map((row) => row.expected));
      expect([...codes].sort(), command).toEqual([0, 1, 2]);
    }
  });
});
