import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run, tempDir } from './helpers';

const fixture = join(__dirname, '../../contracts/test/fixtures/dinkes.puskesmas.yaml');
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('export'));
});
afterEach(() => cleanup());

describe('tukar contract export', () => {
  it('DDL for both dialects on stdout', async () => {
    const mysqlDdl = await run(['contract', 'export', fixture, '--format', 'ddl-mysql', '--table', 'pkm']);
    expect(mysqlDdl.code).toBe(0);
    expect(mysqlDdl.stdout).toContain('CREATE TABLE `pkm` (');
    expect(mysqlDdl.stdout).toContain("`akreditasi` ENUM('dasar', 'madya', 'utama', 'paripurna') NULL");
    const pg = await run(['contract', 'export', fixture, '--format', 'ddl-postgresql']);
    expect(pg.stdout).toContain('CREATE TABLE "puskesmas" (');
    expect(pg.stdout).toContain(`CHECK ("kode_puskesmas" ~ '^P[0-9]{10}$')`);
  });

  it('ODCS as YAML or JSON, JSON Schema and Table Schema to files', async () => {
    expect(
      (await run(['contract', 'export', fixture, '-f', 'odcs', '-o', 'a.odcs.yaml'], { cwd: dir })).code,
    ).toBe(0);
    expect(parse(await readFile(join(dir, 'a.odcs.yaml'), 'utf8'))).toMatchObject({
      apiVersion: 'v3.1.0',
      id: 'dinkes.puskesmas',
    });
    expect(
      (await run(['contract', 'export', fixture, '-f', 'odcs', '-o', 'a.odcs.json'], { cwd: dir })).code,
    ).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'a.odcs.json'), 'utf8'))).toMatchObject({
      kind: 'DataContract',
    });
    const schema = await run(['contract', 'export', fixture, '-f', 'json-schema']);
    expect(JSON.parse(schema.stdout)).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
    });
    const table = await run(['contract', 'export', fixture, '-f', 'table-schema']);
    expect(JSON.parse(table.stdout)).toMatchObject({ primaryKey: ['kode_puskesmas'] });
  });

  it('an unknown format and a contract that does not load are usage errors', async () => {
    const unknown = await run(['contract', 'export', fixture, '-f', 'docx']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown format "docx": one of ddl-mysql, ddl-postgresql');
    const missing = await run(['contract', 'export', 'nope.yaml', '-f', 'odcs'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml does not load as a contract');
  });
});

describe('tukar contract export: the documents kominfo files', () => {
  it('html, xlsx (that init reads back), csv and BPS metadata', async () => {
    const html = await run(['contract', 'export', fixture, '-f', 'html', '--place', 'Ciamis']);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('DOKUMEN INTERCHANGE DATA');
    expect(html.stdout).toContain('Ciamis, ');
    const noFile = await run(['contract', 'export', fixture, '-f', 'xlsx']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('--format xlsx writes a binary file: give -o FILE');
    expect(
      (await run(['contract', 'export', fixture, '-f', 'xlsx', '-o', 'kamus.xlsx'], { cwd: dir })).code,
    ).toBe(0);
    const back = await run(['contract', 'init', '--dictionary', 'kamus.xlsx'], { cwd: dir });
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/^contract: dinkes\.puskesmas$/m);
    expect(back.stderr).not.toContain('decide');
    const csv = await run(['contract', 'export', fixture, '-f', 'csv']);
    expect(csv.stdout).toContain('Nama kolom / Column name');
    const bps = await run(['contract', 'export', fixture, '-f', 'bps-csv']);
    expect(bps.stdout.split('\r\n')[0]).toBe(
      'Nama Variabel,Alias,Konsep,Definisi,Ukuran,Satuan,Tipe Data,Klasifikasi Isian,Aturan Validasi,Wajib Diisi,Apakah Variabel Dapat Diakses Umum',
    );
    expect(
      (await run(['contract', 'export', fixture, '-f', 'bps-xlsx', '-o', 'ms-var.xlsx'], { cwd: dir })).code,
    ).toBe(0);
  });
});
