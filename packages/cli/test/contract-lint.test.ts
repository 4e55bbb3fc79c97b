import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractYaml, run, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('lint'));
});
afterEach(() => cleanup());

describe('tukar contract lint', () => {
  it('exits 0 with a summary for valid contracts found in a directory tree', async () => {
    await mkdir(join(dir, 'contracts', 'dinkes'), { recursive: true });
    await writeFile(join(dir, 'contracts', 'dinkes', 'puskesmas.yaml'), contractYaml());
    await writeFile(join(dir, 'contracts', 'sekolah.yml'), contractYaml({ id: 'disdik.sekolah' }));
    // Not contracts: skipped by the directory walk.
    await writeFile(join(dir, 'contracts', 'ci.yaml'), 'on: push\n');
    await writeFile(join(dir, 'contracts', 'package.json'), '{"name":"x"}');
    await mkdir(join(dir, 'contracts', 'node_modules'));
    await writeFile(join(dir, 'contracts', 'node_modules', 'bad.yaml'), 'contract: 12\n');
    const result = await run(['contract', 'lint', 'contracts'], { cwd: dir });
    expect(result.stdout).toBe('✔ 2 contracts checked: no problems\n');
    expect(result.code).toBe(0);
  });

  it('exits 1 and prints file:line:column, code, message and hint for each problem', async () => {
    const text = contractYaml()
      .replace('version: 1.0.0', 'version: satu')
      .replace('classification: publik', 'classification: umum');
    await writeFile(join(dir, 'bad.yaml'), text);
    const result = await run(['contract', 'lint', 'bad.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^bad\.yaml:2:\d+ {2}\S+ {2}.*version/m);
    expect(result.stdout).toMatch(/^bad\.yaml:7:\d+ {2}\S+ {2}.*classification/m);
    expect(result.stdout).toMatch(/ {4}hint: /);
    expect(result.stdout).toMatch(/✖ 2 problems in 1 of 1 file\n$/);
  });

  it('reports an example with a kode wilayah that does not exist', async () => {
    const text = `${contractYaml({ extraProperty: 'kode_wilayah' }).replace('kode_wilayah: { type: string }', 'kode_wilayah: { type: string, format: kode-wilayah-desa }')}examples:\n  - { kode_puskesmas: P3207010101, nama: Puskesmas Ciamis, kode_wilayah: 32.07.01.9999 }\n`;
    await writeFile(join(dir, 'a.yaml'), text);
    const result = await run(['contract', 'lint', 'a.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('example_invalid');
    expect(result.stdout).toContain('32.07.01.9999');
  });

  it('prints a machine-readable result with --json', async () => {
    await writeFile(join(dir, 'good.yaml'), contractYaml());
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ contract: 'dinkes.x', version: '1.0.0' }));
    const result = await run(['contract', 'lint', '--json', 'good.yaml', 'bad.json'], { cwd: dir });
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout) as {
      ok: boolean;
      files: Array<{ file: string; ok: boolean; problems: Array<{ code: string }> }>;
      summary: { files: number; failed: number };
    };
    expect(parsed.ok).toBe(false);
    expect(parsed.summary).toMatchObject({ files: 2, failed: 1 });
    const bad = parsed.files.find((file) => file.file === 'bad.json');
    expect(bad?.ok).toBe(false);
    expect(bad?.problems.map((problem) => problem.code)).toContain('missing_field');
  });

  it('reports hostile input (YAML syntax, binary, oversized) as problems, not crashes', async () => {
    await writeFile(join(dir, 'syntax.yaml'), 'contract: [unclosed\n');
    await writeFile(join(dir, 'binary.yaml'), Buffer.from([0x63, 0x00, 0xff, 0xfe]));
    await writeFile(
      join(dir, 'huge.yaml'),
      `${contractYaml()}description: "${'x'.repeat(6 * 1024 * 1024)}"\n`,
    );
    const result = await run(['contract', 'lint', '--json', 'syntax.yaml', 'binary.yaml', 'huge.yaml'], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout) as {
      files: Array<{ file: string; problems: Array<{ code: string }> }>;
    };
    const codes = Object.fromEntries(
      parsed.files.map((file) => [file.file, file.problems.map((p) => p.code)]),
    );
    expect(codes['syntax.yaml']).toContain('yaml_syntax');
    expect(codes['binary.yaml']?.length).toBeGreaterThan(0);
    expect(codes['huge.yaml']).toContain('file_too_large');
  });

  it('exits 2 when no path is given, a path is missing, or a directory holds no contract', async () => {
    const none = await run(['contract', 'lint'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no file or directory given');

    const missing = await run(['contract', 'lint', 'nope.yaml'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('not found: nope.yaml');

    await mkdir(join(dir, 'empty'));
    const empty = await run(['contract', 'lint', 'empty'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no contract files in empty');
  });

  it('exits 2 on an unknown flag and names it', async () => {
    const result = await run(['contract', 'lint', '--jsn', 'x.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'--jsn'");
    expect(result.stderr).toContain("Run 'tukar contract lint --help'");
  });
});
