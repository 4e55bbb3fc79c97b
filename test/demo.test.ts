// `pnpm install && pnpm demo --exit` as a new user runs them, on a fresh copy of the repository (the
// files git would clone: tracked and new, nothing ignored, so no node_modules and no dist): the nine
// steps of Kabupaten Ciamis's SOP (the default procedure) on an embedded hub (SQLite, the client, Pact, the validator against an OPD endpoint, the
// dashboard), and the reports it leaves. Then the demo's failures, on this checkout's build.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = ['spec', 'contracts', 'client', 'hub', 'validator', 'pact', 'cli'].every((name) =>
  existsSync(`${root}packages/${name}/dist/index.js`),
);
const has = (command: string) => spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0;
const canCopy = has('git') && has('pnpm') && existsSync(join(root, '.git'));

const demo = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/demo.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });

/** The files a clone of this checkout would have, copied to a new directory. */
function freshCopy(): string {
  const copy = mkdtempSync(join(tmpdir(), 'tukar-fresh-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(root, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  return copy;
}

interface IntegrationReport {
  integration: { id: string; step: number; ended: boolean };
  steps: Array<{ step: number; completedAt: string | null }>;
  contract: { id: string; version: string } | null;
  pactResults: unknown[];
  validationReports: Array<{ verdict: string }>;
}

describe.skipIf(!canCopy)('pnpm install && pnpm demo --exit on a fresh copy (needs git and pnpm)', () => {
  let copy: string;
  let out: string;
  let install: ReturnType<typeof spawnSync>;
  let run: ReturnType<typeof demo>;

  beforeAll(() => {
    copy = freshCopy();
    out = join(copy, '.tukar', 'demo');
    const env = { ...process.env, NO_COLOR: '1', CI: '1' };
    install = spawnSync('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], {
      cwd: copy,
      encoding: 'utf8',
      env,
      timeout: 300_000,
    });
    run = spawnSync('pnpm', ['demo', '--exit'], { cwd: copy, encoding: 'utf8', env, timeout: 120_000 });
  }, 450_000);
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('installs without warnings, builds the JavaScript it needs, and a second run skips the build', () => {
    expect(install.status, String(install.stderr)).toBe(0);
    expect(`${install.stdout}${install.stderr}`).not.toMatch(/WARN|Ignored build scripts/);
    expect(run.stdout).toMatch(/building the JavaScript of the packages \(stale or missing: [a-z, ]+\)/);
    expect(run.stdout).toMatch(/built in [\d.]+ s/);
    const again = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], {
      cwd: copy,
      encoding: 'utf8',
    });
    expect(again.stdout).toBe('packages are built and current; skipping the build\n');
  });

  it("walks Ciamis's steps 1 to 8 with their names, actors and roles, and exits 0 with every server stopped", () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const header of [
      'Langkah 1 · Melakukan permohonan kepada System Administrator untuk melakukan pengintegrasian atau pertukaran data — System Administrator (administrator)',
      'Langkah 2 · Menyerahkan data dan informasi yang dibutuhkan dalam bentuk dokumen tertulis disampaikan kepada tim teknis — SKPD (opd-operator)',
      'Langkah 3 · Melakukan evaluasi integrasi untuk memperoleh data yang disepakati untuk pertukaran melalui web service — Tim Teknis IT (tim-teknis)',
      'Langkah 8 · SKPD melakukan evaluasi akhir',
    ])
      expect(run.stdout).toContain(header);
    for (const n of [4, 5, 6, 7]) expect(run.stdout).toContain(`Langkah ${n} · `);
    expect(run.stdout).toContain('→ return: the integration is now at langkah 2');
    expect(run.stdout).toContain('→ agree: the procedure has ended (after langkah 8)');
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
    expect(run.stdout).toMatch(/\(invalid\) refused: .*verdict is valid/);
    expect(run.stdout).toMatch(/validator: valid — 5,000 records, 0 invalid/);
    expect(run.stdout).toMatch(/dashboard answered 200 \([\d,]+ bytes, shows dinkes\.puskesmas\)/);
    expect(run.stdout).toMatch(/dashboard +http:\/\/127\.0\.0\.1:\d+\/dashboard/);
  });

  it('writes the integration report (ended at step 8), the validation report and the pact results', () => {
    const report = JSON.parse(
      readFileSync(join(out, 'laporan-hasil-integrasi.json'), 'utf8'),
    ) as IntegrationReport;
    expect(report.integration).toMatchObject({ step: 8, ended: true });
    expect(report.steps).toHaveLength(9);
    expect(report.steps.slice(0, 8).every((s) => s.completedAt !== null)).toBe(true);
    expect(report.contract).toMatchObject({ id: 'dinkes.puskesmas', version: '1.0.0' });
    expect(report.pactResults).toHaveLength(1);
    expect(report.validationReports.map((r) => r.verdict).sort()).toEqual(['invalid', 'valid']);
    expect(run.stdout).toContain(
      `Integration ${report.integration.id} ended after 10 transitions through the 9 steps`,
    );

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
});

describe.skipIf(!built)('tukar demo: failures (needs `pnpm build`)', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'tukar-demo-test-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('names the failing step and exits 1 when a step cannot finish', () => {
    const blocked = mkdtempSync(join(tmpdir(), 'tukar-demo-blocked-'));
    try {
      // A file where step 2 writes the draft contract's folder.
      writeFileSync(join(blocked, 'interchange'), 'not a folder');
      const failed = demo('--exit', '--out', blocked);
      expect(failed.status).toBe(1);
      expect(failed.stderr).toContain('✖ demo failed: Langkah 2 (Hand the needed data and information');
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
