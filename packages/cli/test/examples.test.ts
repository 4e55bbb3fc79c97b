import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeset, gitIn, put } from './git-fixture';
import { run, tempDir } from './helpers';

const exampleDir = fileURLToPath(new URL('../../../examples/kontrak-kabupaten/', import.meta.url));

describe('examples/kontrak-kabupaten', () => {
  it('lints clean: every contract and example is valid', async () => {
    const result = await run(['contract', 'lint', 'contracts'], { cwd: exampleDir });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('5 contracts checked: no problems');
    expect(result.code).toBe(0);
  });

  it('covers the five OPD datasets of Kabupaten Ciamis', async () => {
    const result = await run(['contract', 'lint', '--json', 'contracts'], { cwd: exampleDir });
    const parsed = JSON.parse(result.stdout) as { files: Array<{ contract: string; version: string }> };
    expect(parsed.files.map((file) => `${file.contract}@${file.version}`).sort()).toEqual([
      'bpkad.realisasi-apbd@1.1.0',
      'dinkes.puskesmas@1.0.0',
      'disdik.sekolah@1.0.0',
      'disdukcapil.penduduk-desa@1.0.0',
      'diskumdag.umkm@1.0.0',
    ]);
  });
});

describe('examples/kontrak-kabupaten released and then changed', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('example'));
    await cp(exampleDir, dir, { recursive: true, filter: (source) => !source.includes('node_modules') });
    gitIn(dir, ['init', '-q', '-b', 'main']);
    gitIn(dir, ['add', '-A']);
    gitIn(dir, ['commit', '-q', '-m', 'chore: release 1.1.0']);
    gitIn(dir, ['tag', '@example/kontrak-kabupaten@1.1.0']);
  });
  afterEach(() => cleanup());

  it('passes `check` as released; a field added to a closed record demands major from version and changeset', async () => {
    expect((await run(['contract', 'check', '.'], { cwd: dir })).code).toBe(0);
    const text = (await readFile(join(dir, 'contracts', 'disdik.sekolah.yaml'), 'utf8')).replace(
      '    tahun_berdiri:',
      '    website:\n      type: string\n      format: uri\n    tahun_berdiri:',
    );
    await put(dir, 'contracts/disdik.sekolah.yaml', text.replace('version: 1.0.0', 'version: 1.1.0'));
    await put(
      dir,
      '.changeset/sekolah-website.md',
      changeset('minor', 'feat(disdik.sekolah): tambah field website'),
    );
    const minor = await run(['contract', 'check', '.'], { cwd: dir });
    // `additionalProperties: false`: consumers validating with 1.0.0 refuse records that carry `website`.
    expect(minor.stdout).toMatch(/disdik\.sekolah\s+1\.0\.0 → 1\.1\.0\s+demands major/);
    expect(minor.stdout).toContain('version_not_bumped');
    expect(minor.stdout).toContain('changeset_too_small');
    expect(minor.code).toBe(1);

    await put(dir, 'contracts/disdik.sekolah.yaml', text.replace('version: 1.0.0', 'version: 2.0.0'));
    await put(
      dir,
      '.changeset/sekolah-website.md',
      changeset('major', 'feat(disdik.sekolah)!: tambah field website'),
    );
    const major = await run(['contract', 'check', '.'], { cwd: dir });
    expect(major.stdout).toContain('demanded release: major, changesets: major');
    expect(major.code).toBe(0);
  });
});
