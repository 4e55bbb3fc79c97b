// `pnpm demo` end to end: the twelve SOP steps on the built packages (an embedded hub on SQLite, the
// client, Pact, the validator against an OPD endpoint, the dashboard), and the reports it leaves.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = ['spec', 'contracts', 'client', 'hub', 'validator', 'pact', 'cli'].every((name) =>
  existsSync(`${root}packages/${name}/dist/index.js`),
);

const demo = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/demo.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });

interface IntegrationReport {
  integration: { id: string; state: string; step: number };
  steps: Array<{ step: number; completedAt: string | null }>;
  contract: { id: string; version: string } | null;
  pactResults: unknown[];
  validationReports: Array<{ verdict: string }>;
}

describe.skipIf(!built)('pnpm demo: the twelve SOP steps (needs `pnpm build`)', () => {
  let out: string;
  let run: ReturnType<typeof demo>;

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'tukar-demo-test-'));
    run = demo('--exit', '--out', out);
  }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('walks steps 1 to 12 with their names and actors, and exits 0 with every server stopped', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const header of [
      'Langkah 1 · Permohonan integrasi dan disposisi — Kepala Bidang (Pejabat Administrator)',
      'Langkah 2 · Penyerahan dokumen integrasi dan struktur database — Perangkat Daerah (OPD)',
      'Langkah 3 · Dikembalikan kepada OPD untuk perbaikan struktur — Perangkat Daerah (OPD)',
      'Langkah 9–10 · Penyusunan dan penyampaian laporan hasil validasi — Pejabat Pengawas',
      'Langkah 12 · Laporan hasil integrasi',
    ])
      expect(run.stdout).toContain(header);
    for (const n of [4, 5, 6, 7, 8, 11]) expect(run.stdout).toContain(`Langkah ${n} · `);
    expect(run.stdout).toContain('→ return: the integration is now returned');
    expect(run.stdout).toContain('→ complete: the integration is now completed (langkah 12)');
    expect(run.stdout).toMatch(/hub and OPD server stopped\.\n$/);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('pushes 5,000 records, reads them through the changes feed, verifies the pacts and answers the dashboard', () => {
    expect(run.stdout).toContain('pushed 5,000/5,000');
    expect(run.stdout).toContain('5000 created in 5 batches, change sequence 5000');
    expect(run.stdout).toContain(
      'read 5,000 changes through the changes feed (seq 1…5000), none lost or repeated',
    );
    expect(run.stdout).toMatch(/tukar-hub at http:\/\/127\.0\.0\.1:\d+: 2 interactions verified/);
    expect(run.stdout).toMatch(/validator: invalid — 5,000 records, 20 invalid/);
    expect(run.stdout).toMatch(/refused for validate: .*verdict is valid/);
    expect(run.stdout).toMatch(/validator: valid — 5,000 records, 0 invalid/);
    expect(run.stdout).toMatch(/dashboard answered 200 \([\d,]+ bytes, shows dinkes\.puskesmas\)/);
    expect(run.stdout).toMatch(/dashboard +http:\/\/127\.0\.0\.1:\d+\/dashboard/);
  });

  it('writes the integration report at step 12 (completed), the validation report and the pact results', () => {
    const report = JSON.parse(
      readFileSync(join(out, 'laporan-hasil-integrasi.json'), 'utf8'),
    ) as IntegrationReport;
    expect(report.integration).toMatchObject({ state: 'completed', step: 12 });
    expect(report.steps).toHaveLength(12);
    expect(report.steps.every((s) => s.completedAt !== null)).toBe(true);
    expect(report.contract).toMatchObject({ id: 'dinkes.puskesmas', version: '1.0.0' });
    expect(report.pactResults).toHaveLength(1);
    expect(report.validationReports.map((r) => r.verdict).sort()).toEqual(['invalid', 'valid']);
    expect(run.stdout).toContain(`Integration ${report.integration.id} completed: 12 steps`);

    for (const file of [
      'laporan-hasil-integrasi.html',
      'laporan-hasil-validasi-2.html',
      'pact-results/tukar-hub.verification.json',
      'pact-results/tukar-hub.junit.xml',
      'pacts/ciamis-dinkes-simpus-tukar-hub.json',
      'pacts/ciamis-bappeda-sipd-tukar-hub.json',
      'dashboard.html',
    ])
      expect(statSync(join(out, file)).size, file).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'laporan-hasil-integrasi.html'), 'utf8')).toContain(
      'Laporan Hasil Integrasi',
    );
    expect(readFileSync(join(out, 'laporan-hasil-validasi-2.html'), 'utf8')).toContain(
      'Laporan Hasil Validasi',
    );
    const pact = JSON.parse(readFileSync(join(out, 'pact-results/tukar-hub.verification.json'), 'utf8'));
    expect(pact).toMatchObject({ ok: true });
  });

  it('names the failing step and exits 1 when a step cannot finish', () => {
    const blocked = mkdtempSync(join(tmpdir(), 'tukar-demo-blocked-'));
    try {
      // A file where step 2 writes the draft contract's folder.
      writeFileSync(join(blocked, 'interchange'), 'not a folder');
      const failed = demo('--exit', '--out', blocked);
      expect(failed.status).toBe(1);
      expect(failed.stderr).toContain('✖ demo failed: Langkah 2 (Hand-over of the integration document');
      expect(failed.stderr).toContain(join(blocked, 'interchange'));
      expect(failed.stdout).not.toContain('Langkah 3');
    } finally {
      rmSync(blocked, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses bad arguments with the usage and exit 2', () => {
    const bad = demo('--records', 'lots');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--records must be a whole number from 10 to 100000, got "lots"');
    expect(bad.stderr).toContain('usage: tukar demo');
    const unknown = demo('--fast');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--fast'");
  });

  it('says where it cannot write its reports', () => {
    const file = join(out, 'a-file');
    writeFileSync(file, 'x');
    const failed = demo('--exit', '--out', file);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(`cannot write the reports to ${file}`);
  });
});
