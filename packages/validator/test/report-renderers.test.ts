import { openApiDocument } from '@tukar/spec/operations';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  renderHtml,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderTerminal,
  toHubReport,
  type ValidationReport,
  validateEndpoint,
  validateStream,
} from '../src/index';
import { ndjson, PUSKESMAS, puskesmas, UMKM, umkm } from './helpers';
import { startOpdServer } from './opd-server';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('int64', { type: 'number', validate: Number.isSafeInteger });
ajv.addSchema({
  $id: 'tukar-spec',
  components: (openApiDocument as unknown as { components: object }).components,
});
const validateHubInput = ajv.compile({ $ref: 'tukar-spec#/components/schemas/ValidationReportInput' });

const streamOf = (text: string) =>
  (async function* () {
    yield Buffer.from(text);
  })();

let fileReport: ValidationReport;
let endpointReport: ValidationReport;
let piiReport: ValidationReport;

beforeAll(async () => {
  const records = Array.from({ length: 8 }, (_, i) => puskesmas(i + 1));
  records[1] = puskesmas(2, { jenis: 'A|B <script>alert(1)</script>' });
  records[3] = puskesmas(1);
  fileReport = await validateStream(PUSKESMAS, streamOf(ndjson(records)), {
    location: 'ekspor/puskesmas.ndjson',
  });
  const server = await startOpdServer(({ query }) =>
    query.get('page') === '2'
      ? { status: 500, json: {} }
      : {
          json: {
            data: [puskesmas(1, { kode_wilayah: '32.07.99.2001' })],
            links: { next: '/api/puskesmas?page=2' },
          },
        },
  );
  try {
    endpointReport = await validateEndpoint(PUSKESMAS, { baseUrl: `${server.url}?token=abc`, retries: 0 });
  } finally {
    await server.close();
  }
  piiReport = await validateStream(
    UMKM,
    streamOf(ndjson([umkm(1, { nik_pemilik: '3207013102850001', nama_pemilik: 42 })])),
  );
});

describe('toHubReport', () => {
  it('gives a body the hub accepts (the spec schema ValidationReportInput), for every source kind', () => {
    for (const report of [fileReport, endpointReport, piiReport]) {
      const body = toHubReport(report);
      const ok = validateHubInput(body);
      expect(validateHubInput.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
      expect(body).toMatchObject({
        contractId: report.contract.id,
        contractVersion: report.contract.version,
        source: { kind: report.source.kind, location: report.source.location },
        verdict: report.verdict,
        complete: report.complete,
        counts: report.counts,
      });
      expect(body.issues).toEqual(report.issues);
    }
  });

  it('carries the HTTP statistics, the page and URL of endpoint issues, and the integration id', () => {
    const body = toHubReport(endpointReport, { integrationId: 'int_2025Cms0001' });
    expect(body.http).toEqual({
      requests: endpointReport.http!.requests,
      errors: endpointReport.http!.errors,
      p50Ms: endpointReport.http!.p50Ms,
      p95Ms: endpointReport.http!.p95Ms,
    });
    expect(body.integrationId).toBe('int_2025Cms0001');
    expect(body.issues.map((i) => [i.code, i.page])).toEqual([
      ['kode-wilayah-desa', 1],
      ['http_status', 2],
    ]);
    expect(body.issues[0]!.url).toMatch(/\/api\/puskesmas\?token=\*\*\*$/);
    expect(body.issues[1]!.url).toMatch(/\/api\/puskesmas\?page=2$/);
    expect(JSON.stringify(body)).not.toContain('token=abc');
  });

  it('keeps at most 1000 issues and then says the report is not complete', () => {
    const many: ValidationReport = {
      ...fileReport,
      issues: Array.from({ length: 1500 }, (_, i) => ({
        record: i + 1,
        path: '/nama',
        code: 'type',
        message: 'x',
      })),
      counts: { records: 1500, valid: 0, invalid: 1500, issues: 1500 },
    };
    const body = toHubReport(many);
    expect(body.issues).toHaveLength(1000);
    expect(body.complete).toBe(false);
    expect(body.counts.issues).toBe(1500);
    expect(validateHubInput(body)).toBe(true);
  });
});

describe('renderers', () => {
  it('renderJson round-trips the whole report', () => {
    expect(JSON.parse(renderJson(endpointReport))).toEqual(endpointReport);
  });

  it('renderTerminal shows verdict, counts, a table of checks and the first issues; colours only when asked', () => {
    const text = renderTerminal(fileReport);
    expect(text).toContain('✖ INVALID');
    expect(text).toContain('8 records: 6 valid, 2 invalid · 2 issues');
    expect(text).toMatch(/^ {2}Primary-key uniqueness +failed +1$/m);
    expect(text).toContain('duplicate_key /kode_puskesmas [record 4 · key P3207010001]');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI codes
    expect(text).not.toMatch(/\u001b\[/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI codes
    expect(renderTerminal(fileReport, { color: true })).toMatch(/\u001b\[31m/);
    expect(renderTerminal(endpointReport)).toMatch(/HTTP: 2 requests .* p50 \d+ ms/);
  });

  it('renderMarkdown escapes table cells and lists checks, rules and issues', () => {
    const md = renderMarkdown(fileReport);
    expect(md).toContain('# Laporan Hasil Validasi — Daftar Puskesmas Kabupaten Ciamis');
    expect(md).toContain('TIDAK SESUAI KONTRAK / INVALID');
    expect(md).toContain('| Keunikan kunci utama / Primary-key uniqueness | ❌ Gagal / Failed | 1 |');
    expect(md).toContain('A\\|B &lt;script&gt;');
    expect(md).not.toContain('<script>');
  });

  it('renderJunit has one testcase per check, failures with their issues, and well-formed XML', () => {
    const xml = renderJunit(endpointReport);
    const testcases = xml.match(/<testcase /g) ?? [];
    expect(testcases).toHaveLength(7);
    expect(xml).toContain('tests="7" failures="2" errors="0" skipped="0"');
    expect(xml).toMatch(
      /<testcase classname="tukar\.validate\.dinkes\.puskesmas" name="http-status: [^"]+" time="0">\s*<failure type="http-status"/,
    );
    expect(xml).toMatch(/<testcase [^>]*name="schema: [^"]+" time="0"\/>/);
    const hostile = renderJunit({
      ...fileReport,
      issues: [{ path: '', code: 'type', message: 'a\u0000b & <c> "d"' }],
    });
    expect(hostile).toContain('a\uFFFDb &amp; &lt;c&gt; &quot;d&quot;');
    const skipped = renderJunit(
      fileReport.checks.some((c) => c.status === 'not-applicable')
        ? fileReport
        : {
            ...fileReport,
            checks: [{ id: 'reference-codes', status: 'not-applicable', issues: 0, note: 'no formats' }],
          },
    );
    expect(skipped).toContain('<skipped message="no formats"/>');
  });

  it('renderHtml is self-contained and escapes what it shows', () => {
    const html = renderHtml(fileReport);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toContain('A|B &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('LAPORAN HASIL VALIDASI');
  });

  it('renderHtml heads the report with its number and integration and gives every time in WIB', () => {
    const started = '2025-03-10T02:15:00.000Z'; // 09.15 WIB
    const report = { ...fileReport, startedAt: started, finishedAt: '2025-03-10T02:15:07.000Z' };
    const html = renderHtml(report, { integrationId: 'int_01HQ3ZK8D2' });
    const ident = html.slice(html.indexOf('<table class="ident">'), html.indexOf('</table>'));
    expect(ident).toContain('LHV-dinkes.puskesmas-20250310-091500');
    expect(ident).toContain('int_01HQ3ZK8D2');
    const footer = html.slice(html.indexOf('<footer>'));
    expect(footer).toContain('LHV-dinkes.puskesmas-20250310-091500');
    expect(footer).toMatch(/09\.15\.00 WIB.*09\.15\.07 WIB/);
    expect(html).not.toContain(started);
    // The printed pages carry the number and "Halaman n dari m".
    expect(html).toMatch(/@bottom-left\{content:"LHV-dinkes\.puskesmas-20250310-091500"/);
    expect(html).toContain('"Halaman " counter(page) " dari " counter(pages)');
    // A report number given by the caller cannot end the style sheet.
    expect(renderHtml(report, { reportId: 'x</style><script>' })).not.toContain('</style><script>');
  });

  it('renderHtml writes every number the Indonesian way (1.234,5)', async () => {
    const records = Array.from({ length: 1234 }, (_, i) => puskesmas(i + 1));
    records[1200] = puskesmas(1201, { kode_wilayah: '32.07.99.2001' });
    const big = await validateStream(PUSKESMAS, streamOf(ndjson(records)), {
      location: 'ekspor/besar.ndjson',
    });
    const html = renderHtml({ ...big, durationMs: 12_400 });
    expect(html).toContain('1.234');
    expect(html).toContain('rekaman / record 1.201');
    expect(html).toContain('12,4 s');
    // No English digit grouping or decimal point in any number shown.
    expect(html).not.toMatch(/\b1,234\b|\b1,201\b|12\.4 s/);
  });

  it('calls an undotted kode wilayah "not in dotted form" and gives the dotted form', async () => {
    const records = [
      puskesmas(1, { kode_wilayah: '3207012008' }),
      puskesmas(2, { kode_wilayah: '32.07.99.2001' }),
    ];
    const report = await validateStream(PUSKESMAS, streamOf(ndjson(records)), {
      location: 'ekspor/p.ndjson',
    });
    expect(report.rules.map((rule) => rule.code).sort()).toEqual([
      'kode-wilayah-desa',
      'kode_wilayah_undotted',
    ]);
    expect(report.checks.find((check) => check.id === 'reference-codes')?.issues).toBe(2);
    const html = renderHtml(report);
    expect(html).toContain(
      'Kode wilayah tidak ditulis dengan titik <span class="en">/ Kode wilayah not in dotted form</span>',
    );
    expect(html).toContain('write 32.07.01.2008');
    expect(html).toContain(
      'Kode desa/kelurahan tidak dikenal <span class="en">/ Unknown village code</span>',
    );
  });

  it('masks PII in every output', () => {
    for (const text of [
      renderJson(piiReport),
      renderTerminal(piiReport),
      renderMarkdown(piiReport),
      renderJunit(piiReport),
      renderHtml(piiReport),
      JSON.stringify(toHubReport(piiReport)),
    ]) {
      expect(text).not.toContain('3207013102850001');
      expect(text).toContain('3207**********01');
    }
  });
});
