import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractYaml, run, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('types'));
  await mkdir(join(dir, 'contracts'));
  await writeFile(join(dir, 'contracts', 'puskesmas.yaml'), contractYaml());
  await writeFile(join(dir, 'contracts', 'sekolah.yaml'), contractYaml({ id: 'disdik.sekolah' }));
});
afterEach(() => cleanup());

// The first run loads openapi-typescript and the TypeScript compiler: seconds on a busy machine.
describe('tukar types', { timeout: 90_000 }, () => {
  it('writes the record types, zod schemas and Datasets map of every contract found', async () => {
    const result = await run(['types', 'contracts', '--out', 'types.generated.ts'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'wrote types.generated.ts (dinkes.puskesmas@1.0.0, disdik.sekolah@1.0.0)',
    );
    const source = await readFile(join(dir, 'types.generated.ts'), 'utf8');
    expect(source).toContain('export type DinkesPuskesmasRecord =');
    expect(source).toContain('export type DisdikSekolahKey = Pick<DisdikSekolahRecord, "kode_puskesmas">;');
    expect(source).toContain(
      '"dinkes.puskesmas": { record: DinkesPuskesmasRecord; key: DinkesPuskesmasKey };',
    );
    expect(source).toMatch(/ nama: string;/);
  });

  it('--check exits 0 when the file is up to date and 1 once a contract changed', async () => {
    await run(['types', 'contracts', '--out', 'types.generated.ts'], { cwd: dir });
    const fresh = await run(['types', 'contracts', '--out', 'types.generated.ts', '--check'], { cwd: dir });
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain('types.generated.ts is up to date');

    await writeFile(
      join(dir, 'contracts', 'puskesmas.yaml'),
      contractYaml({ version: '1.1.0', extraProperty: 'telepon' }),
    );
    const stale = await run(['types', 'contracts', '--out', 'types.generated.ts', '--check'], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('types.generated.ts is stale');
    // --check writes nothing.
    expect(await readFile(join(dir, 'types.generated.ts'), 'utf8')).not.toContain('telepon');
  });

  it('--check exits 1 when the file does not exist', async () => {
    const result = await run(['types', 'contracts', '--out', 'missing.ts', '--check'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('missing.ts does not exist');
  });

  it('exits 1 naming the file and field of a broken contract, writing nothing', async () => {
    await writeFile(
      join(dir, 'contracts', 'sekolah.yaml'),
      contractYaml({ id: 'disdik.sekolah' }).replace('version: 1.0.0', 'version: satu'),
    );
    const result = await run(['types', 'contracts', '--out', 'types.generated.ts'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/sekolah\.yaml:2:\d+ .*version/);
    await expect(readFile(join(dir, 'types.generated.ts'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('exits 2 without a path, and for --hub without --datasets', async () => {
    expect((await run(['types'], { cwd: dir })).code).toBe(2);
    const noDatasets = await run(['types', '--hub', 'http://127.0.0.1:9'], { cwd: dir });
    expect(noDatasets.code).toBe(2);
    expect(noDatasets.stderr).toContain('--hub needs --datasets');
  });
});
