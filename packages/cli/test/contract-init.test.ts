import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseContract } from '@tukar/contracts';
import mysql from 'mysql2/promise';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('init'));
});
afterEach(() => cleanup());

const DDL = `CREATE TABLE penduduk (
  nik CHAR(16) NOT NULL COMMENT 'Nomor Induk Kependudukan',
  nama VARCHAR(100) NOT NULL,
  jenis_kelamin ENUM('L','P') NOT NULL,
  kode_desa CHAR(13) NOT NULL,
  PRIMARY KEY (nik)
);`;
const FACTS = [
  '--id',
  'disdukcapil.penduduk',
  '--opd',
  'Disdukcapil',
  '--contact',
  'piak@disdukcapil.example.go.id',
  '--steward',
  'Diskominfo',
  '--frequency',
  'monthly',
];

describe('tukar contract init', () => {
  it('--ddl: writes a draft, prints each suggestion with its reason and what is left to decide', async () => {
    await writeFile(join(dir, 'struktur.sql'), DDL);
    const result = await run(['contract', 'init', '--ddl', 'struktur.sql', ...FACTS, '-o', 'penduduk.yaml'], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('suggest applied  nik: format nik — the name says a NIK');
    expect(result.stderr).toContain('suggest applied  nama: x-pii: true');
    expect(result.stderr).toContain('suggest applied  contract: classification terbatas');
    expect(result.stderr).toMatch(/decide {2}kode_desa: format kode-wilayah-desa\? .*no sample values/);
    expect(result.stderr).toContain('wrote penduduk.yaml; decide the 1 point(s) above');
    const text = await readFile(join(dir, 'penduduk.yaml'), 'utf8');
    expect(text).toMatch(/^# Still to decide/);
    expect(parseContract(text).ok).toBe(true);
    const again = await run(['contract', 'init', '--ddl', 'struktur.sql', ...FACTS, '-o', 'penduduk.yaml'], {
      cwd: dir,
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('penduduk.yaml exists: pass --force to overwrite it');
  });

  it('--odcs: a Tukar ODCS export comes back; bad SQL and a missing source are usage errors', async () => {
    const exported = await run(
      [
        'contract',
        'export',
        join(__dirname, '../../contracts/test/fixtures/dinkes.puskesmas.yaml'),
        '--format',
        'odcs',
        '-o',
        'p.odcs.yaml',
      ],
      { cwd: dir },
    );
    expect(exported.code).toBe(0);
    const result = await run(['contract', 'init', '--odcs', 'p.odcs.yaml'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^contract: dinkes.puskesmas$/m);
    await writeFile(join(dir, 'bad.sql'), 'CREATE TABLE (');
    const bad = await run(['contract', 'init', '--ddl', 'bad.sql'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/error: the MySQL\/MariaDB DDL does not parse/);
    const none = await run(['contract', 'init'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give one source');
  });

  it('--sample: an NDJSON file of records gives a draft with the formats found in the values', async () => {
    const lines = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({
        npsn: String(20211100 + i),
        nama: `SD ${i}`,
        jenjang: i % 2 ? 'SD' : 'SMP',
        kode_desa: '32.07.01.2008',
      }),
    );
    await writeFile(join(dir, 'sekolah.ndjson'), `${lines.join('\n')}\n`);
    const result = await run(['contract', 'init', '--sample', 'sekolah.ndjson', ...FACTS.slice(2)], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^contract: opd\.sekolah$/m);
    expect(result.stderr).toContain('suggest applied  kode_desa: format kode-wilayah-desa');
    expect(result.stderr).toContain('suggest applied  jenjang: enum SD, SMP');
    expect(result.stderr).toContain('primaryKey [npsn] was inferred');
  });

  it('--sample data.csv: a data sheet gives a draft with numbers, formats, code columns kept as text', async () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) =>
        `${20211100 + i};SD ${i};${i % 2 ? 'SD' : 'SMP'};32.07.01.2008;0${812345670 + i};${100 + i};${i % 3 === 0}`,
    );
    await writeFile(
      join(dir, 'data-sekolah.csv'),
      `npsn;nama;jenjang;kode_desa;telepon;jumlah_siswa;negeri\n${rows.join('\n')}\n`,
    );
    const result = await run(['contract', 'init', '--sample', 'data-sekolah.csv', ...FACTS.slice(2)], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^contract: opd\.data-sekolah$/m);
    expect(result.stderr).toContain('suggest applied  kode_desa: format kode-wilayah-desa');
    expect(result.stderr).toContain('suggest applied  jenjang: enum SD, SMP');
    expect(result.stderr).toContain('primaryKey [npsn] was inferred');
    const loaded = parseContract(result.stdout);
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
    const properties = (loaded.contract.schema as { properties: Record<string, { type?: unknown }> })
      .properties;
    expect(properties.telepon?.type).toBe('string');
    expect(properties.jumlah_siswa?.type).toBe('integer');
    expect(properties.negeri?.type).toBe('boolean');
    const sheetOnCsv = await run(['contract', 'init', '--sample', 'data-sekolah.csv', '--sheet', 'Data'], {
      cwd: dir,
    });
    expect(sheetOnCsv.code).toBe(2);
    expect(sheetOnCsv.stderr).toContain('--sheet names a sheet of an .xlsx --sample workbook');
  });

  it('--db-env without the variable set says how to set it', async () => {
    const result = await run(['contract', 'init', '--db-env', 'OPD_DB', '--table', 'penduduk'], {
      cwd: dir,
      env: {},
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the environment variable OPD_DB is not set: export OPD_DB=mysql://');
  });

  const mysqlUrl = process.env.TUKAR_TEST_MYSQL_URL;
  it.skipIf(!mysqlUrl)(
    '--db-env: reads a live MariaDB table; the URL and password stay out of the contract (needs TUKAR_TEST_MYSQL_URL)',
    async () => {
      const url = mysqlUrl as string;
      const table = `penduduk_${randomBytes(4).toString('hex')}`;
      const connection = await mysql.createConnection(url);
      try {
        await connection.query(DDL.replace('penduduk', table));
        await connection.query(
          `INSERT INTO ${table} VALUES ('3207015203850002', 'Siti Aminah', 'P', '32.07.01.2008')`,
        );
        const result = await run(
          ['contract', 'init', '--db-env', 'OPD_DB', '--table', table, ...FACTS, '-o', 'p.yaml'],
          {
            cwd: dir,
            env: { OPD_DB: url },
          },
        );
        expect(result.code).toBe(0);
        expect(result.stderr).toContain(
          'suggest applied  kode_desa: format kode-wilayah-desa — all 1 sample values are on the Kemendagri list',
        );
        expect(result.stderr).toContain('wrote p.yaml; it lints clean');
        const query = await run(
          [
            'contract',
            'init',
            '--db-env',
            'OPD_DB',
            '--query',
            `SELECT nik, kode_desa FROM ${table}`,
            ...FACTS,
          ],
          {
            cwd: dir,
            env: { OPD_DB: url },
          },
        );
        expect(query.code).toBe(0);
        expect(query.stdout).toMatch(/^ {4}kode_desa:\n(?: {6}.*\n)*? {6}format: kode-wilayah-desa$/m);
        const text = await readFile(join(dir, 'p.yaml'), 'utf8');
        expect(text).not.toContain(new URL(url).host);
        expect(text).not.toContain('3207015203850002'); // personal data stays out: no examples
        expect(parseContract(text).ok).toBe(true);
      } finally {
        await connection.query(`DROP TABLE IF EXISTS ${table}`);
        await connection.end();
      }
    },
  );
});
