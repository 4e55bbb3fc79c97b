// tukar contract init --ddl: CREATE TABLE text of both dialects → draft contracts.
import {
  compileContract,
  ImportError,
  parseContract,
  renderImportYaml,
  tableToContract,
} from '@tukar/contracts';
import { parseDdl } from '@tukar/contracts/sql';
import { describe, expect, it } from 'vitest';

const MYSQL = `CREATE TABLE \`sekolah\` (
  \`npsn\` char(8) NOT NULL COMMENT 'Nomor Pokok Sekolah Nasional',
  \`nama\` varchar(120) NOT NULL COMMENT 'Nama sekolah, mis. ''SDN 1 Ciamis''',
  \`jenjang\` enum('SD','SMP','SMA') NOT NULL,
  \`akreditasi\` varchar(1) DEFAULT NULL CHECK (\`akreditasi\` in ('A','B','C')),
  \`jumlah_siswa\` int(10) unsigned NOT NULL DEFAULT 0 CHECK (\`jumlah_siswa\` between 0 and 5000),
  \`negeri\` tinyint(1) NOT NULL DEFAULT 1,
  \`lat\` decimal(9,6) DEFAULT NULL,
  \`diperbarui\` timestamp NOT NULL DEFAULT current_timestamp(),
  \`kode_desa\` char(13) NOT NULL,
  PRIMARY KEY (\`npsn\`),
  KEY \`idx_desa\` (\`kode_desa\`),
  CONSTRAINT \`c1\` CHECK (\`jumlah_siswa\` >= 0 or \`negeri\` = 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Daftar sekolah'`;

const POSTGRES = `CREATE TABLE public.sekolah (
  npsn character(8) PRIMARY KEY,
  nama character varying(120) NOT NULL,
  jenjang text NOT NULL CHECK (jenjang IN ('SD', 'SMP', 'SMA')),
  jumlah_siswa integer NOT NULL DEFAULT 0 CHECK (jumlah_siswa >= 0 AND jumlah_siswa <= 5000),
  negeri boolean NOT NULL DEFAULT true,
  diperbarui timestamp with time zone NOT NULL DEFAULT now(),
  kode_desa varchar(13) NOT NULL,
  UNIQUE (nama, kode_desa)
);
COMMENT ON TABLE sekolah IS 'Daftar sekolah';
COMMENT ON COLUMN sekolah.nama IS 'Nama sekolah';`;

type Properties = Record<string, Record<string, unknown>>;

describe('parseDdl and tableToContract', () => {
  it('MySQL DDL as SHOW CREATE TABLE writes it: types, lengths, ENUM, CHECK, unsigned, comments, defaults', async () => {
    const [table] = await parseDdl(MYSQL, 'mysql');
    if (!table) throw new Error('no table');
    const result = tableToContract(table, { contract: 'disdik.sekolah' });
    const schema = result.contract.schema as { required: string[]; properties: Properties };
    expect(result.contract.primaryKey).toEqual(['npsn']);
    expect(result.contract.title).toBe('Daftar sekolah');
    expect(schema.required).toEqual([
      'npsn',
      'nama',
      'jenjang',
      'jumlah_siswa',
      'negeri',
      'diperbarui',
      'kode_desa',
    ]);
    expect(schema.properties.npsn).toEqual({
      description: 'Nomor Pokok Sekolah Nasional',
      type: 'string',
      maxLength: 8,
      format: 'npsn',
    });
    expect(schema.properties.nama?.description).toBe("Nama sekolah, mis. 'SDN 1 Ciamis'");
    expect(schema.properties.jenjang).toEqual({ type: 'string', enum: ['SD', 'SMP', 'SMA'] });
    expect(schema.properties.akreditasi).toEqual({
      type: ['string', 'null'],
      maxLength: 1,
      enum: ['A', 'B', 'C', null],
    });
    expect(schema.properties.jumlah_siswa).toEqual({
      type: 'integer',
      minimum: 0,
      maximum: 5000,
      default: 0,
    });
    expect(schema.properties.negeri).toEqual({ type: 'boolean', default: true });
    expect(schema.properties.lat).toMatchObject({
      type: ['number', 'null'],
      minimum: -999.999999,
      maximum: 999.999999,
    });
    expect(schema.properties.diperbarui).toEqual({ type: 'string', format: 'iso-date-time' });
    // the check over two columns is not a field rule: the author is told
    expect(result.decisions.map((d) => d.message).join('\n')).toMatch(
      /CHECK \(.*jumlah_siswa.* OR .*negeri.*\) spans several columns/i,
    );
    // without sample values the kode desa format is only proposed
    expect(result.suggestions).toContainEqual(
      expect.objectContaining({
        field: 'kode_desa',
        keyword: 'format',
        value: 'kode-wilayah-desa',
        applied: false,
      }),
    );
    const loaded = parseContract(renderImportYaml(result));
    expect(loaded.ok).toBe(true);
  });

  it('PostgreSQL DDL with COMMENT ON, column and table constraints', async () => {
    const [table] = await parseDdl(POSTGRES, 'postgresql');
    if (!table) throw new Error('no table');
    const result = tableToContract(table, { contract: 'disdik.sekolah' });
    const schema = result.contract.schema as Record<string, unknown> & { properties: Properties };
    expect(result.contract.title).toBe('Daftar sekolah');
    expect(schema.properties.nama).toEqual({ description: 'Nama sekolah', type: 'string', maxLength: 120 });
    expect(schema.properties.jenjang).toEqual({ type: 'string', enum: ['SD', 'SMP', 'SMA'] });
    expect(schema.properties.jumlah_siswa).toEqual({
      type: 'integer',
      minimum: 0,
      maximum: 5000,
      default: 0,
    });
    expect(schema.properties.diperbarui).toEqual({ type: 'string', format: 'date-time' });
    expect(schema['x-unique']).toEqual([['nama', 'kode_desa']]);
    const loaded = parseContract(renderImportYaml(result));
    if (!loaded.ok) throw new Error(loaded.problems[0]?.message);
    const compiled = compileContract(loaded.contract);
    const record = {
      npsn: '20211111',
      nama: 'SDN 1 Ciamis',
      jenjang: 'SD',
      jumlah_siswa: 300,
      negeri: true,
      diperbarui: '2024-01-02T03:04:05Z',
      kode_desa: '32.07.01.2008',
    };
    expect(compiled.validate(record)).toEqual([]);
    expect(compiled.check({ ...record, jumlah_siswa: 5001 })).toBe(false);
  });

  it('a table without a primary key: a unique key of required columns stands in, and the author is told', async () => {
    const [table] = await parseDdl('CREATE TABLE t (a int NOT NULL, b varchar(3), UNIQUE (a))', 'mysql');
    const result = tableToContract(table ?? ({} as never));
    expect(result.contract.primaryKey).toEqual(['a']);
    expect(result.decisions[0]?.message).toMatch(/no primary key: primaryKey is \[a\] \(a unique key\)/);
  });

  it('SQL that does not parse is an ImportError naming the dialect', async () => {
    const error = await parseDdl('CREATE TABLE (', 'postgresql').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({
      code: 'sql_syntax',
      message: expect.stringMatching(/^the PostgreSQL DDL does not parse: /),
    });
  });
});
