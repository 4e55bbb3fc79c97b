import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliIO } from '../src/io';
import { runCli } from '../src/run-cli';
import { ProgressBar } from '../src/validate/progress';
import { ANSI, run, tempDir } from './helpers';

const CONTRACTS = fileURLToPath(new URL('../../../examples/kontrak-kabupaten/contracts/', import.meta.url));
const PUSKESMAS = join(CONTRACTS, 'dinkes.puskesmas.yaml');

function puskesmas(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kode_puskesmas: `P32070${String(10000 + i).padStart(5, '0')}`,
    nama: `Puskesmas Ciamis ${i}`,
    alamat: 'Jl. Dr. Soekardjo, Ciamis',
    kode_wilayah: '32.07.01.2008',
    jenis: 'rawat inap',
    koordinat: { lat: -7.3275, lon: 108.3535 },
    jumlah_tenaga_kesehatan: 20 + i,
    ...extra,
  };
}
const ndjson = (records: unknown[]) => `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
const good = () => Array.from({ length: 5 }, (_, i) => puskesmas(i + 1));
const bad = () => [...good(), puskesmas(1), puskesmas(7, { kode_wilayah: '32.07.99.2001' })];

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('validate'));
});
afterEach(() => cleanup());

/** A loopback OPD system (Laravel envelope) and hub (spec shape) for the endpoint and hub sources. */
let server: Server;
let baseUrl: string;
const seenAuth: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seenAuth.push(String(req.headers.authorization ?? ''));
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/api/puskesmas') {
      if (req.headers.authorization !== 'Bearer simpus-token')
        return send(401, { message: 'Unauthenticated.' });
      const page = Number(url.searchParams.get('page') ?? '1');
      const pages = [bad().slice(0, 4), bad().slice(4)];
      return send(200, {
        data: pages[page - 1],
        links: { next: page === 1 ? '/api/puskesmas?page=2' : null },
      });
    }
    if (url.pathname === '/api/v2/puskesmas') {
      const page = Number(url.searchParams.get('page'));
      const limit = Number(url.searchParams.get('limit'));
      return send(200, { status: true, message: 'OK', data: good().slice((page - 1) * limit, page * limit) });
    }
    if (url.pathname === '/v1/datasets/dinkes.puskesmas/records') {
      if (req.headers.authorization !== 'Bearer tk_ciamis_dinkes_000001') {
        res.writeHead(401, { 'content-type': 'application/problem+json' });
        return res.end(
          JSON.stringify({
            type: 'about:blank',
            title: 'Unauthorized',
            status: 401,
            code: 'unauthorized',
            requestId: 'x',
          }),
        );
      }
      const items = bad().map((record, i) => ({
        key: String(record.kode_puskesmas),
        seq: i + 1,
        updatedAt: '2025-03-07T02:00:00Z',
        record,
      }));
      return send(200, { items, nextCursor: null });
    }
    return send(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

describe('tukar validate', () => {
  it('--help shows usage, the sources, report formats and exit codes', async () => {
    const result = await run(['validate', '--help']);
    expect(result.code).toBe(0);
    for (const part of [
      '--contract <file>',
      '--file',
      '--url',
      '--hub',
      '--report',
      '--max-errors',
      'Exit codes:',
      'Laporan Hasil Validasi',
    ]) {
      expect(result.stdout).toContain(part);
    }
    expect((await run(['--help'])).stdout).toMatch(/^ {2}validate {2}/m);
  });

  it('exits 0 with a summary for a valid file', async () => {
    await writeFile(join(dir, 'ok.ndjson'), ndjson(good()));
    const result = await run(['validate', '-c', PUSKESMAS, '-f', 'ok.ndjson'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ VALID');
    expect(result.stdout).toContain('5 records: 5 valid, 0 invalid');
    expect(result.stdout).not.toMatch(ANSI);
    expect(result.stderr).toBe('');
  });

  it('exits 1 for an invalid gzip file, writes every report format asked for, and lists them on stderr', async () => {
    await writeFile(join(dir, 'bad.ndjson.gz'), gzipSync(ndjson(bad())));
    const result = await run(
      [
        'validate',
        '-c',
        PUSKESMAS,
        '-f',
        'bad.ndjson.gz',
        '--report',
        'out/laporan.html,out/junit.xml,out/r.json,out/r.md',
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✖ INVALID');
    expect(result.stderr).toContain('report: out/laporan.html (html)');
    expect(result.stderr).toContain('report: out/junit.xml (junit)');
    const html = await readFile(join(dir, 'out/laporan.html'), 'utf8');
    expect(html).toContain('TIDAK SESUAI KONTRAK');
    expect(await readFile(join(dir, 'out/junit.xml'), 'utf8')).toContain('<testsuites name="tukar validate"');
    const json = JSON.parse(await readFile(join(dir, 'out/r.json'), 'utf8')) as {
      counts: { issues: number };
    };
    expect(json.counts.issues).toBe(2);
    expect(await readFile(join(dir, 'out/r.md'), 'utf8')).toContain('# Laporan Hasil Validasi');
  });

  it('prints JSON, Markdown, JUnit or the hub body on stdout with --json / --format', async () => {
    await writeFile(join(dir, 'bad.json'), JSON.stringify(bad()));
    const json = await run(['validate', '-c', PUSKESMAS, '-f', 'bad.json', '--json', '--max-errors', '1'], {
      cwd: dir,
    });
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as {
      issues: unknown[];
      counts: { issues: number };
      detailsPartial: boolean;
    };
    expect(report.issues).toHaveLength(1);
    expect(report.counts.issues).toBe(2);
    expect(report.detailsPartial).toBe(true);
    expect(
      (await run(['validate', '-c', PUSKESMAS, '-f', 'bad.json', '--format', 'md'], { cwd: dir })).stdout,
    ).toContain('| Keunikan kunci utama');
    expect(
      (await run(['validate', '-c', PUSKESMAS, '-f', 'bad.json', '--format', 'junit'], { cwd: dir })).stdout,
    ).toMatch(/^<\?xml/);
    const hub = await run(
      ['validate', '-c', PUSKESMAS, '-f', 'bad.json', '--format', 'hub', '--integration', 'int_2025Cms0001'],
      { cwd: dir },
    );
    expect(JSON.parse(hub.stdout)).toMatchObject({
      contractId: 'dinkes.puskesmas',
      integrationId: 'int_2025Cms0001',
      verdict: 'invalid',
    });
  });

  it('writes the one --report in the --format given, and keeps the summary on stdout', async () => {
    await writeFile(join(dir, 'bad.json'), JSON.stringify(bad()));
    const result = await run(
      ['validate', '-c', PUSKESMAS, '-f', 'bad.json', '--report', 'hasil.txt', '--format', 'md'],
      { cwd: dir },
    );
    expect(result.code).toBe(1);
    expect(await readFile(join(dir, 'hasil.txt'), 'utf8')).toContain('# Laporan Hasil Validasi');
    expect(result.stdout).toContain('✖ INVALID');
    const quiet = await run(['validate', '-c', PUSKESMAS, '-f', 'bad.json', '-o', 'r.html', '-q'], {
      cwd: dir,
    });
    expect(quiet.stdout).toBe('');
  });

  it('reads stdin for --file -', async () => {
    let stdout = '';
    const io: CliIO & { stdin: NodeJS.ReadableStream } = {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: () => true },
      env: {},
      cwd: dir,
      stdin: Readable.from([Buffer.from(JSON.stringify(good()))]),
    };
    const code = await runCli(['validate', '-c', PUSKESMAS, '-f', '-', '--json'], io);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      source: { kind: 'file', location: '-', format: 'json' },
      counts: { records: 5 },
    });
  });

  it('crawls an OPD endpoint with a bearer token from the environment', async () => {
    const result = await run(
      ['validate', '-c', PUSKESMAS, '--url', baseUrl, '--bearer-env', 'SIMPUS_TOKEN', '--json'],
      {
        env: { SIMPUS_TOKEN: 'simpus-token' },
      },
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      counts: { records: number };
      issues: Array<{ code: string; page: number }>;
      http: { pages: number };
    };
    expect(report.counts.records).toBe(7);
    expect(report.issues.map((i) => [i.code, i.page])).toEqual([
      ['duplicate_key', 2],
      ['kode-wilayah-desa', 2],
    ]);
    expect(report.http.pages).toBe(2);
    expect(seenAuth).toContain('Bearer simpus-token');
    // Without the token the endpoint answers 401: nothing could be checked, so no report and exit 2.
    const refused = await run(['validate', '-c', PUSKESMAS, '--url', baseUrl]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refused the request (401');
    expect(refused.stdout).toBe('');
  });

  it('overrides the provider section with --path, --pagination and --limit', async () => {
    const result = await run([
      'validate',
      '-c',
      PUSKESMAS,
      '--url',
      baseUrl,
      '--path',
      '/api/v2/puskesmas',
      '--pagination',
      'page',
      '--limit',
      '2',
      '--json',
    ]);
    expect(result.code).toBe(0);
    // Pages of 2, 2 and 1 records, then the empty page 4 that proves the end (a short page does not).
    expect(JSON.parse(result.stdout)).toMatchObject({
      counts: { records: 5 },
      complete: true,
      http: { pages: 4 },
    });
  });

  it('reads a hub dataset with the API key from TUKAR_API_KEY (dataset id defaults to the contract id)', async () => {
    const result = await run(['validate', '-c', PUSKESMAS, '--hub', baseUrl, '--json'], {
      env: { TUKAR_API_KEY: 'tk_ciamis_dinkes_000001' },
    });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      source: { kind: 'hub' },
      counts: { records: 7, invalid: 2 },
    });
    const wrongKey = await run(['validate', '-c', PUSKESMAS, '--hub', baseUrl], {
      env: { TUKAR_API_KEY: 'tk_wrong_key_00000000' },
    });
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toContain('refused');
    const noKey = await run(['validate', '-c', PUSKESMAS, '--hub', baseUrl]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('TUKAR_API_KEY');
  });

  it('stays quiet on stderr when it is not a terminal, and colours a terminal', async () => {
    await writeFile(join(dir, 'many.ndjson'), ndjson(Array.from({ length: 2000 }, (_, i) => puskesmas(i))));
    const piped = await run(['validate', '-c', PUSKESMAS, '-f', 'many.ndjson'], { cwd: dir });
    expect(piped.stderr).toBe('');
    const tty = await run(['validate', '-c', PUSKESMAS, '-f', 'many.ndjson'], { cwd: dir, tty: true });
    expect(tty.stdout).toMatch(ANSI);
  });

  it.each([
    [['validate', '-f', 'x.ndjson'], /--contract is required/],
    [['validate', '-c', PUSKESMAS], /no input given/],
    [['validate', '-c', PUSKESMAS, '-f', 'a', '--url', 'http://x'], /give one input, not --file and --url/],
    [['validate', '-c', PUSKESMAS, '-f', 'missing.ndjson'], /input file not found: .*missing\.ndjson/],
    [['validate', '-c', 'nope.yaml', '-f', 'a.ndjson'], /the contract does not load/],
    [
      ['validate', '-c', PUSKESMAS, '-f', 'a.ndjson', '--max-errors', 'many'],
      /--max-errors must be a whole number ≥ 0, got "many"/,
    ],
    [['validate', '-c', PUSKESMAS, '-f', 'a.ndjson', '--format', 'pdf'], /--format must be one of/],
    [
      ['validate', '-c', PUSKESMAS, '-f', 'a.ndjson', '--report', 'r.pdf'],
      /cannot tell the format of report r\.pdf/,
    ],
    [['validate', '-c', PUSKESMAS, '-f', 'a.ndjson', 'extra'], /unexpected argument "extra"/],
    [['validate', '-c', PUSKESMAS, '-f', 'a.ndjson', '--dataset', 'x.y'], /--dataset goes with --hub/],
    [
      ['validate', '-c', PUSKESMAS, '--url', 'http://127.0.0.1:9', '--pagination', 'sideways'],
      /--pagination must be/,
    ],
    [
      ['validate', '-c', PUSKESMAS, '--url', 'http://127.0.0.1:9', '--limit', '5'],
      /--limit needs page, offset or cursor/,
    ],
    [
      ['validate', '-c', PUSKESMAS, '--url', 'http://127.0.0.1:9', '--header', 'no colon'],
      /--header: expected "Name: value"/,
    ],
    [['validate', '-c', PUSKESMAS, '--url', 'ftp://opd'], /not an absolute http\(s\) URL/],
    [
      ['validate', '-c', PUSKESMAS, '--url', 'http://127.0.0.1:9', '--bearer-env', 'NOT_SET'],
      /NOT_SET is not set/,
    ],
    [
      ['validate', '-c', PUSKESMAS, '-f', 'a.ndjson', '--input-format', 'csv'],
      /--input-format must be auto, json or ndjson/,
    ],
    [['validate', '-c', PUSKESMAS, '-f', 'a.ndjson', '--bogus'], /Unknown option '--bogus'/],
  ])('exits 2 with a clear message: %j', async (argv, message) => {
    await writeFile(join(dir, 'a.ndjson'), ndjson(good()));
    const result = await run(argv as string[], { cwd: dir });
    expect(result.stderr).toMatch(message as RegExp);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });
});

describe('tukar validate: exit codes (0 checked and valid, 1 checked and invalid, 2 could not check)', () => {
  it('takes the input file as its one argument, as ajv-cli does', async () => {
    await writeFile(join(dir, 'data.ndjson'), ndjson(good()));
    await writeFile(join(dir, 'bad.ndjson'), ndjson(bad()));
    const valid = await run(['validate', 'data.ndjson', '-c', PUSKESMAS], { cwd: dir });
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('5 records: 5 valid, 0 invalid');
    const invalid = await run(['validate', '-c', PUSKESMAS, 'bad.ndjson', '--json'], { cwd: dir });
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout)).toMatchObject({
      source: { kind: 'file' },
      counts: { records: 7, invalid: 2 },
    });
    const two = await run(['validate', 'data.ndjson', 'bad.ndjson', '-c', PUSKESMAS], { cwd: dir });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('unexpected argument "bad.ndjson"');
    const both = await run(['validate', 'data.ndjson', '-c', PUSKESMAS, '--url', baseUrl], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('unexpected argument "data.ndjson"');
    const missing = await run(['validate', 'nothing.ndjson', '-c', PUSKESMAS], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/input file not found: .*nothing\.ndjson/);
  });

  it('exits 2, with a clear message and no report, for an endpoint that cannot be reached or does not speak HTTP', async () => {
    // A port nothing listens on: a server started and closed again.
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    // A server that answers something other than HTTP, then hangs up.
    const sockets = new Set<Socket>();
    const notHttp = createTcpServer((socket) => {
      sockets.add(socket);
      socket.end('SSH-2.0-OpenSSH_9.6\r\n');
    });
    await new Promise<void>((resolve) => notHttp.listen(0, '127.0.0.1', resolve));
    const notHttpPort = (notHttp.address() as AddressInfo).port;
    try {
      for (const [url, why] of [
        [`http://127.0.0.1:${closedPort}`, /could not be reached or does not answer HTTP.*ECONNREFUSED/],
        [`http://127.0.0.1:${notHttpPort}`, /could not be reached or does not answer HTTP/],
      ] as const) {
        const result = await run(
          [
            'validate',
            '-c',
            PUSKESMAS,
            '--url',
            url,
            '--retries',
            '0',
            '--report',
            'laporan.html,hasil.json',
          ],
          { cwd: dir },
        );
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(why);
        expect(result.stderr).toContain('Nothing was checked');
        expect(result.stdout).toBe('');
        // No Laporan at all: an unreachable endpoint never produces an invalid report.
        expect(existsSync(join(dir, 'laporan.html'))).toBe(false);
        expect(existsSync(join(dir, 'hasil.json'))).toBe(false);
      }
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => notHttp.close(() => resolve()));
    }
  });

  it('exits 2 for a hub that cannot be reached, and for a hub that refuses the key', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await run(
      ['validate', '-c', PUSKESMAS, '--hub', `http://127.0.0.1:${port}`, '--json'],
      {
        env: { TUKAR_API_KEY: 'tk_ciamis_dinkes_000001' },
      },
    );
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/could not check dataset dinkes\.puskesmas/);
    expect(unreachable.stdout).toBe('');
    const refused = await run(['validate', '-c', PUSKESMAS, '--hub', baseUrl, '--json'], {
      env: { TUKAR_API_KEY: 'tk_wrong_key_00000000' },
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refused to list dataset dinkes.puskesmas');
    expect(refused.stdout).toBe('');
  });

  it('exits 0 for a valid endpoint and 1 for an endpoint whose data is invalid, with the report written', async () => {
    const valid = await run(
      [
        'validate',
        '-c',
        PUSKESMAS,
        '--url',
        baseUrl,
        '--path',
        '/api/v2/puskesmas',
        '--pagination',
        'page',
        '--limit',
        '2',
      ],
      { cwd: dir },
    );
    expect(valid.code).toBe(0);
    const invalid = await run(
      [
        'validate',
        '-c',
        PUSKESMAS,
        '--url',
        baseUrl,
        '--bearer-env',
        'SIMPUS_TOKEN',
        '--report',
        'laporan.json',
        '-q',
      ],
      { cwd: dir, env: { SIMPUS_TOKEN: 'simpus-token' } },
    );
    expect(invalid.code).toBe(1);
    expect(JSON.parse(await readFile(join(dir, 'laporan.json'), 'utf8'))).toMatchObject({
      verdict: 'invalid',
    });
  });
});

describe('ProgressBar', () => {
  const stream = (isTTY: boolean) => {
    const out = { text: '', isTTY, write: (t: string) => (out.text += t) };
    return out;
  };
  const progress = { records: 123_456, invalid: 12, issues: 15, elapsedMs: 2500, recordsPerSecond: 49_382.4 };

  it('draws records, rate, invalid records, page and a bar when the size is known', () => {
    const bar = new ProgressBar(stream(true), { width: 10 });
    expect(bar.line(progress)).toBe('123,456 records · 49,382 rec/s · 12 invalid');
    expect(bar.line({ ...progress, page: 7 })).toContain('page 7');
    expect(bar.line({ ...progress, bytesRead: 50, bytesTotal: 200 })).toMatch(
      /^\[###\.{7}\] {2}25% 123,456 records/,
    );
  });

  it('draws on a terminal only, only after the first second, and clears its line', () => {
    const tty = stream(true);
    const bar = new ProgressBar(tty);
    bar.update({ ...progress, elapsedMs: 300 });
    expect(tty.text).toBe('');
    bar.update(progress);
    expect(tty.text).toBe('\r\u001b[K123,456 records · 49,382 rec/s · 12 invalid');
    bar.clear();
    expect(tty.text.endsWith('\r\u001b[K')).toBe(true);
    const piped = stream(false);
    const quiet = new ProgressBar(piped);
    quiet.update(progress);
    quiet.clear();
    expect(piped.text).toBe('');
  });
});
