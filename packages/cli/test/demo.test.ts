// `tukar demo` in-process (against the package sources): its help, its argument checks, short runs
// of the Ciamis (default) and Nganjuk SOPs and a run that cannot write its reports. The full 5,000-record run through
// `pnpm demo` is in test/demo.test.ts.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './helpers';

describe('tukar demo', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tukar-cli-demo-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('--help shows the usage, options, examples and exit codes', async () => {
    const result = await run(['demo', '--help']);
    expect(result.code).toBe(0);
    for (const part of [
      'tukar demo',
      '--sop',
      '--exit',
      '--out',
      '--records',
      'Examples:',
      'Exit codes:',
      'Ctrl-C',
    ])
      expect(result.stdout).toContain(part);
    expect(result.stdout).toMatch(/^ {2}1 {2}a step failed/m);
  });

  it.each([['lots'], ['9'], ['100001'], ['1.5'], ['']])(
    'refuses --records %j with exit 2 and the usage',
    async (value) => {
      const result = await run(['demo', '--records', value]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`--records must be a whole number from 10 to 100000, got "${value}"`);
      expect(result.stderr).toContain(
        'usage: tukar demo [--sop ciamis|sragen|nganjuk|karanganyar] [--exit] [--out DIR] [--records N]',
      );
    },
  );

  it('refuses an SOP it has no preset of, with exit 2', async () => {
    const result = await run(['demo', '--sop', 'bandung']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--sop must be ciamis, sragen, nganjuk or karanganyar, got "bandung"');
  });

  it('refuses unknown options and stray arguments with exit 2', async () => {
    const unknown = await run(['demo', '--fast']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--fast'");
    const stray = await run(['demo', 'now']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain("unexpected argument 'now'");
  });

  it('walks the nine Ciamis steps (the default) with 50 records, writes the reports and exits 0', async () => {
    const cwd = tempDir();
    const result = await run(['demo', '--records', '50', '--out', 'reports'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Kabupaten Ciamis (ciamis@1.0.0, 9 steps)');
    expect(result.stdout).toContain('Langkah 1 · Melakukan permohonan kepada System Administrator');
    expect(result.stdout).toContain('— Tim Teknis IT (tim-teknis)');
    expect(result.stdout).toContain('→ return: the integration is now at langkah 2');
    expect(result.stdout).toContain('50 created in 1 batches, change sequence 50');
    expect(result.stdout).toMatch(/validator: valid — 50 records, 0 invalid/);
    expect(result.stdout).toContain('→ agree: the procedure has ended (after langkah 8)');
    expect(result.stdout).toMatch(
      /ended after 10 transitions through the 9 steps of Kabupaten Ciamis, in [\d.]+ s/,
    );
    expect(result.stdout).not.toContain('Langkah 9 ·');
    // Paths inside the working directory are shown relative to it.
    expect(result.stdout).toContain(
      `integration report (JSON)   ${join('reports', 'laporan-hasil-integrasi.json')}`,
    );
    expect(result.stdout).toMatch(/hub and OPD server stopped\.\n$/);
    const report = JSON.parse(readFileSync(join(cwd, 'reports', 'laporan-hasil-integrasi.json'), 'utf8'));
    expect(report.integration).toMatchObject({ step: 8, ended: true, procedure: { id: 'ciamis' } });
    expect(report.steps).toHaveLength(9);
    expect(report.steps[2]).toMatchObject({
      actor: 'Tim Teknis IT',
      doneBy: { name: 'Andi Pratama, S.Kom' },
    });
    expect(existsSync(join(cwd, 'reports', 'pacts', 'ciamis-dinkes-simpus-tukar-hub.json'))).toBe(true);
  }, 60_000);

  it.each([
    ['sragen', 'Kabupaten Sragen', 9, 8, 'Perangkat Daerah (opd-operator)'],
    ['nganjuk', 'Kabupaten Nganjuk', 12, 12, 'Pejabat Pengawas/Pranata Komputer Ahli Muda (pengawas)'],
    ['karanganyar', 'Kabupaten Karanganyar', 12, 12, '(pengawas)'],
  ])(
    'walks --sop %s: %s, %i steps, ended after step %i',
    async (sop, kabupaten, steps, last, actor) => {
      const cwd = tempDir();
      const result = await run(['demo', '--sop', sop, '--records', '20', '--out', 'reports'], { cwd });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`${kabupaten} (${sop}@1.0.0, ${steps} steps)`);
      expect(result.stdout).toContain(actor);
      expect(result.stdout).toContain(`the procedure has ended (after langkah ${last})`);
      const report = JSON.parse(readFileSync(join(cwd, 'reports', 'laporan-hasil-integrasi.json'), 'utf8'));
      expect(report.integration).toMatchObject({ ended: true, procedure: { id: sop } });
      expect(report.steps).toHaveLength(steps);
    },
    60_000,
  );

  it('names the failing step on stderr and exits 1', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'interchange'), 'not a folder');
    const result = await run(['demo', '--records', '10', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('✖ demo failed: Langkah 2 (Hand the needed data and information');
    expect(result.stderr).toContain(join(out, 'interchange'));
    expect(result.stdout).not.toContain('Langkah 3');
  }, 60_000);

  it('says where it cannot write its reports and exits 1', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    const result = await run(['demo', '--out', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot write the reports to ${file}`);
  });
});
