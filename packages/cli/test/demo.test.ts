// `tukar demo` in-process (against the package sources): its help, its argument checks, a short run
// of the twelve steps and a run that cannot write its reports. The full 5,000-record run through
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
    for (const part of ['tukar demo', '--exit', '--out', '--records', 'Examples:', 'Exit codes:', 'Ctrl-C'])
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
      expect(result.stderr).toContain('usage: tukar demo [--exit] [--out DIR] [--records N]');
    },
  );

  it('refuses unknown options and stray arguments with exit 2', async () => {
    const unknown = await run(['demo', '--fast']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--fast'");
    const stray = await run(['demo', 'now']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain("unexpected argument 'now'");
  });

  it('walks the twelve steps with 50 records, writes the reports and exits 0', async () => {
    const cwd = tempDir();
    const result = await run(['demo', '--records', '50', '--out', 'reports'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Langkah 1 · Permohonan integrasi dan disposisi');
    expect(result.stdout).toContain('50 created in 1 batches, change sequence 50');
    expect(result.stdout).toMatch(/validator: valid — 50 records, 0 invalid/);
    expect(result.stdout).toContain('→ complete: the integration is now completed (langkah 12)');
    expect(result.stdout).toMatch(/completed: 12 steps in [\d.]+ s/);
    // Paths inside the working directory are shown relative to it.
    expect(result.stdout).toContain(
      `integration report (JSON)   ${join('reports', 'laporan-hasil-integrasi.json')}`,
    );
    expect(result.stdout).toMatch(/hub and OPD server stopped\.\n$/);
    const report = JSON.parse(readFileSync(join(cwd, 'reports', 'laporan-hasil-integrasi.json'), 'utf8'));
    expect(report.integration).toMatchObject({ state: 'completed', step: 12 });
    expect(existsSync(join(cwd, 'reports', 'pacts', 'ciamis-dinkes-simpus-tukar-hub.json'))).toBe(true);
  }, 60_000);

  it('names the failing step on stderr and exits 1', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'interchange'), 'not a folder');
    const result = await run(['demo', '--records', '10', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('✖ demo failed: Langkah 2 (Hand-over of the integration document');
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
