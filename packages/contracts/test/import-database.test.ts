// tukar contract init from a live table: the machine's real MariaDB and PostgreSQL. Each test makes its
// own table (unique name), imports it, checks the table's own rows against the compiled contract and
// records that break each constraint, and drops the table.
import { randomBytes } from 'node:crypto';
import {
  compileContract,
  ImportError,
  type ImportResult,
  parseContract,
  renderImportYaml,
  tableToContract,
} from '@tukar/contracts';
import {
  describeDatabaseQuery,
  describeDatabaseTable,
  importDatabaseTable,
  selectTableRecords,
} from '@tukar/contracts/sql';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const mysqlUrl = process.env.TUKAR_TEST_MYSQL_URL;
const pgUrl = process.env.TUKAR_TEST_PG_URL;
const options = {
  contract: 'disdukcapil.keluarga',
  owner: { opd: 'Disdukcapil Kabupaten Ciamis', contact: 'piak@disdukcapil.ciamiskab.go.id' },
  steward: 'Diskominfo Kabupaten Ciamis',
  updateFrequency: 'monthly',
} as const;

const unique = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;

/** Rows valid for both tables (values the contract's formats check against the real lists). */
const ROWS = [
  {
    kode_desa: '32.07.01.2008',
    tahun: 2024,
    nik: '3207015203850002',
    nama: 'Siti Aminah',
    jenis_kelamin: 'P',
    status: 'aktif',
    umur: 39,
    penghasilan: 4500000.5,
    terverifikasi: true,
  },
  {
    kode_desa: '32.07.02.2001',
    tahun: 2023,
    nik: '3207011203850001',
    nama: 'Budi Santoso',
    jenis_kelamin: 'L',
    status: 'pindah',
    umur: null,
    penghasilan: null,
    terverifikasi: false,
  },
];

/** One record per constraint of the table, each breaking exactly that constraint. */
const BREAKS: [string, Record<string, unknown>][] = [
  ['a required column left out (nama NOT NULL)', { nama: undefined }],
  ['null in a NOT NULL column', { tahun: null }],
  ['a value outside ENUM', { jenis_kelamin: 'X' }],
  ['a value outside CHECK (status IN …)', { status: 'lain' }],
  ['above CHECK (umur <= 150)', { umur: 151 }],
  ['below UNSIGNED / CHECK (umur >= 0)', { umur: -1 }],
  ['longer than VARCHAR(100)', { nama: 'a'.repeat(101) }],
  ['beyond DECIMAL(12,2)', { penghasilan: 1e10 }],
  ['a number where TINYINT(1)/boolean holds yes/no', { terverifikasi: 1 }],
  ['a text where SMALLINT holds a number', { tahun: '2024' }],
  ['beyond SMALLINT', { tahun: 40000 }],
  ['a kode desa not on the Kemendagri list', { kode_desa: '32.07.99.9999' }],
  ['an impossible NIK (31 February)', { nik: '3207013102850001' }],
  ['a date that is not a date', { tanggal_lahir: '2024-13-45' }],
  ['a kode pos breaking CHECK (REGEXP / ~)', { kode_pos: '12a45' }],
];

function checkImported(result: ImportResult, records: Record<string, unknown>[]): void {
  const loaded = parseContract(renderImportYaml(result), { filename: 'imported.yaml' });
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  expect(result.decisions).toEqual([]);
  const compiled = compileContract(loaded.contract);
  expect(records).toHaveLength(ROWS.length);
  for (const record of records) expect(compiled.validate(record)).toEqual([]);
  const base = records[0] ?? {};
  for (const [what, change] of BREAKS) {
    const broken: Record<string, unknown> = { ...base, ...change };
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete broken[key];
    expect(compiled.check(broken), what).toBe(false);
  }
}

function checkSuggestions(result: ImportResult): void {
  const contract = result.contract;
  const properties = (contract.schema as { properties: Record<string, Record<string, unknown>> }).properties;
  expect(contract.primaryKey).toEqual(['kode_desa', 'tahun', 'nik']);
  expect(properties.nik).toMatchObject({ format: 'nik', 'x-pii': true, description: 'NIK kepala keluarga' });
  expect(properties.nama).toMatchObject({ 'x-pii': true, maxLength: 100 });
  expect(properties.kode_desa).toMatchObject({ format: 'kode-wilayah-desa' });
  expect(contract.classification).toBe('terbatas');
  expect(contract.examples).toBeUndefined(); // personal data stays out of the contract
  expect(result.suggestions.find((s) => s.field === 'kode_desa')?.reason).toMatch(/Kemendagri list/);
  expect((contract.schema as Record<string, unknown>)['x-unique']).toEqual([['nik', 'tahun']]);
  expect(properties.status).toMatchObject({ enum: ['aktif', 'pindah', 'meninggal'], default: 'aktif' });
}

/** A query (what an OPD view serves): types from the result's metadata, NOT NULL from the source columns. */
async function checkQuery(url: string, table: string): Promise<void> {
  const { table: described, records } = await describeDatabaseQuery(
    url,
    `SELECT kode_desa, tahun, nik, nama, penghasilan, terverifikasi FROM ${table} WHERE tahun >= 2000;`,
  );
  expect(records).toHaveLength(ROWS.length);
  const result = tableToContract({ ...described, name: 'keluarga' }, { ...options, samples: records });
  const properties = (result.contract.schema as { properties: Record<string, Record<string, unknown>> })
    .properties;
  expect((result.contract.schema as { required: string[] }).required).toEqual([
    'kode_desa',
    'tahun',
    'nik',
    'nama',
    'terverifikasi',
  ]);
  expect(properties.nama).toMatchObject({ type: 'string', maxLength: 100, 'x-pii': true });
  expect(properties.nik).toMatchObject({ format: 'nik' });
  expect(properties.kode_desa).toMatchObject({ format: 'kode-wilayah-desa' });
  expect(properties.penghasilan).toMatchObject({ type: ['number', 'null'], maximum: 9999999999.99 });
  expect(properties.terverifikasi).toEqual({ type: 'boolean' });
  const loaded = parseContract(renderImportYaml(result));
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
  const compiled = compileContract(loaded.contract);
  for (const record of records) expect(compiled.validate(record)).toEqual([]);
}

if (!mysqlUrl) {
  describe.skip('MariaDB import (skipped: run with TUKAR_TEST_MYSQL_URL=mysql://root@127.0.0.1:3306/test)', () => {
    it('needs MariaDB', () => {});
  });
} else {
  describe('tukar contract init from a MariaDB table', () => {
    const url = mysqlUrl;
    const table = unique('keluarga');
    let connection: mysql.Connection;
    beforeAll(async () => {
      connection = await mysql.createConnection(url);
      await connection.query(`CREATE TABLE ${table} (
        kode_desa CHAR(13) NOT NULL COMMENT 'Kode desa/kelurahan',
        tahun SMALLINT NOT NULL,
        nik CHAR(16) NOT NULL COMMENT 'NIK kepala keluarga',
        nama VARCHAR(100) NOT NULL,
        jenis_kelamin ENUM('L','P') NOT NULL,
        status VARCHAR(10) NOT NULL DEFAULT 'aktif' CHECK (status IN ('aktif','pindah','meninggal')),
        umur TINYINT UNSIGNED NULL CHECK (umur <= 150),
        penghasilan DECIMAL(12,2) NULL,
        skor DOUBLE NULL,
        terverifikasi TINYINT(1) NOT NULL DEFAULT 0,
        tanggal_lahir DATE NULL,
        dibuat DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
        jam TIME NULL,
        catatan TEXT NULL,
        data JSON NULL,
        berkas BLOB NULL,
        kode_pos CHAR(5) NULL CHECK (kode_pos REGEXP '^[0-9]{5}$'),
        jumlah BIGINT NULL,
        PRIMARY KEY (kode_desa, tahun, nik),
        UNIQUE KEY uk_nik_tahun (nik, tahun)
      ) COMMENT='Data keluarga per desa'`);
      for (const row of ROWS) {
        await connection.query(`INSERT INTO ${table} SET ?`, [
          {
            ...row,
            tanggal_lahir: '1985-03-12',
            jam: '07:30:00',
            data: '{"rt":1}',
            berkas: Buffer.from('pdf'),
            kode_pos: '46211',
            skor: 1.5,
            jumlah: 12,
          },
        ]);
      }
    });
    afterAll(async () => {
      await connection?.query(`DROP TABLE IF EXISTS ${table}`);
      await connection?.end();
    });

    it('the contract accepts the rows selected from the table and refuses a record breaking each constraint', async () => {
      const result = await importDatabaseTable(url, table, options);
      const described = await describeDatabaseTable(url, table);
      checkImported(result, await selectTableRecords(url, described));
      checkSuggestions(result);
      expect(result.contract.title).toBe('Data keluarga per desa');
    });

    it('a query: types, lengths and NOT NULL from the result metadata, formats from its rows', async () => {
      await checkQuery(url, table);
    });

    it('the database refuses what the contract refuses (ENUM, CHECK, length)', async () => {
      const base = { ...ROWS[0], nik: '3207011203850009' };
      for (const change of [
        { jenis_kelamin: 'X' },
        { status: 'lain' },
        { umur: 151 },
        { nama: 'a'.repeat(101) },
      ]) {
        await expect(
          connection.query(`INSERT INTO ${table} SET ?`, [{ ...base, ...change }]),
        ).rejects.toThrow();
      }
    });

    it('credentials stay out of the contract; a missing table and a refused connection are clear errors', async () => {
      const result = await importDatabaseTable(url, table, options);
      const yaml = renderImportYaml(result);
      expect(yaml).not.toContain('127.0.0.1');
      expect(yaml).not.toContain('mysql://');
      await expect(importDatabaseTable(url, unique('tidak_ada'), options)).rejects.toMatchObject({
        code: 'table_not_found',
        message: expect.stringMatching(/there is no table tidak_ada_/),
      });
      const refused = importDatabaseTable('mysql://root:rahasia-sekali@127.0.0.1:1/test', table, options);
      await expect(refused).rejects.toBeInstanceOf(ImportError);
      await expect(refused).rejects.toMatchObject({ code: 'connection_failed' });
      await expect(refused).rejects.not.toThrow(/rahasia-sekali/);
    });
  });
}

if (!pgUrl) {
  describe.skip('PostgreSQL import (skipped: run with TUKAR_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test)', () => {
    it('needs PostgreSQL', () => {});
  });
} else {
  describe('tukar contract init from a PostgreSQL table', () => {
    const url = pgUrl;
    const table = unique('keluarga');
    const kind = unique('jenis_kelamin');
    const client = new pg.Client({ connectionString: url });
    beforeAll(async () => {
      await client.connect();
      await client.query(`CREATE TYPE ${kind} AS ENUM ('L', 'P')`);
      await client.query(`CREATE TABLE ${table} (
        kode_desa varchar(13) NOT NULL,
        tahun smallint NOT NULL,
        nik char(16) NOT NULL,
        nama varchar(100) NOT NULL,
        jenis_kelamin ${kind} NOT NULL,
        status text NOT NULL DEFAULT 'aktif' CHECK (status IN ('aktif', 'pindah', 'meninggal')),
        umur integer CHECK (umur >= 0 AND umur <= 150),
        penghasilan numeric(12,2),
        skor double precision,
        terverifikasi boolean NOT NULL DEFAULT false,
        tanggal_lahir date,
        dibuat timestamp with time zone NOT NULL DEFAULT now(),
        dicatat timestamp,
        uid uuid,
        data jsonb,
        tags text[],
        berkas bytea,
        kode_pos char(5) CHECK (kode_pos ~ '^[0-9]{5}$'),
        jumlah bigint,
        PRIMARY KEY (kode_desa, tahun, nik),
        UNIQUE (nik, tahun)
      )`);
      await client.query(`COMMENT ON TABLE ${table} IS 'Data keluarga per desa'`);
      await client.query(`COMMENT ON COLUMN ${table}.nik IS 'NIK kepala keluarga'`);
      for (const row of ROWS) {
        await client.query(
          `INSERT INTO ${table} (kode_desa, tahun, nik, nama, jenis_kelamin, status, umur, penghasilan, terverifikasi,
             tanggal_lahir, dicatat, uid, data, tags, berkas, kode_pos, skor, jumlah)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'1985-03-12','2024-01-02 03:04:05',gen_random_uuid(),'{"rt":1}',ARRAY['a','b'],'\\x706466','46211',1.5,12)`,
          [
            row.kode_desa,
            row.tahun,
            row.nik,
            row.nama,
            row.jenis_kelamin,
            row.status,
            row.umur,
            row.penghasilan,
            row.terverifikasi,
          ],
        );
      }
    });
    afterAll(async () => {
      await client.query(`DROP TABLE IF EXISTS ${table}`);
      await client.query(`DROP TYPE IF EXISTS ${kind}`);
      await client.end();
    });

    it('the contract accepts the rows selected from the table and refuses a record breaking each constraint', async () => {
      const result = await importDatabaseTable(url, table, options);
      const described = await describeDatabaseTable(url, table);
      checkImported(result, await selectTableRecords(url, described));
      checkSuggestions(result);
      const properties = (result.contract.schema as { properties: Record<string, Record<string, unknown>> })
        .properties;
      expect(properties.jenis_kelamin).toMatchObject({ enum: ['L', 'P'] });
      expect(properties.uid).toMatchObject({ format: 'uuid' });
      expect(properties.tags).toMatchObject({ type: ['array', 'null'], items: { type: 'string' } });
      expect(properties.dibuat).toMatchObject({ type: 'string', format: 'date-time' });
    });

    it('a query: types, lengths and NOT NULL from the result metadata, formats from its rows', async () => {
      await checkQuery(url, table);
    });

    it('credentials stay out of the contract; a missing table is a clear error', async () => {
      const yaml = renderImportYaml(await importDatabaseTable(url, table, options));
      expect(yaml).not.toContain('postgres://');
      await expect(importDatabaseTable(url, unique('tidak_ada'), options)).rejects.toMatchObject({
        code: 'table_not_found',
      });
    });
  });
}
