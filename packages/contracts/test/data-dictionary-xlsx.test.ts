// The data dictionary as XLSX and CSV: an exported workbook imports back to the same contract; the form
// an OPD fills in (nama kolom, tipe, panjang, wajib, keterangan) imports; BPS MS-Var rows as CSV/XLSX.
import {
  bpsMetadataRows,
  type Contract,
  dataDictionaryTable,
  diffContracts,
  importDataDictionary,
  parseContract,
  parseCsv,
  renderImportYaml,
  toCsv,
} from '@tukar/contracts';
import { readDataDictionaryXlsx, writeBpsMetadataXlsx, writeDataDictionaryXlsx } from '@tukar/contracts/xlsx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exampleContracts } from './example-contracts';

const hasPii = (contract: Contract) => JSON.stringify(contract.schema).includes('"x-pii":true');

function load(yaml: string): Contract {
  const loaded = parseContract(yaml);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
  return loaded.contract;
}

describe('data dictionary XLSX', () => {
  it('every example contract: the exported workbook imports back to the same contract', async () => {
    for (const { file, contract } of await exampleContracts()) {
      const bytes = await writeDataDictionaryXlsx(contract);
      expect(Buffer.from(bytes.subarray(0, 2)).toString('latin1'), file).toBe('PK'); // a zip: XLSX
      const result = await readDataDictionaryXlsx(bytes);
      expect(result.decisions, file).toEqual([]);
      const imported = load(renderImportYaml(result));
      const changes = diffContracts(contract, imported).changes.map((c) => c.rule);
      // examples with personal data are not written into a document that is printed and filed
      expect(changes, file).toEqual(hasPii(contract) && contract.examples ? ['example-changed'] : []);
      const { examples: _a, ...left } = contract;
      const { examples: _b, ...right } = imported;
      expect(right, file).toEqual(left);
    }
  });

  it('the workbook a person opens: sheet Kamus Data with the header block and the form columns', async () => {
    const contract = (await exampleContracts()).find(
      (c) => c.contract.contract === 'disdukcapil.penduduk-desa',
    )?.contract as Contract;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await writeDataDictionaryXlsx(contract)) as never);
    const sheet = workbook.getWorksheet('Kamus Data');
    if (!sheet) throw new Error('no sheet Kamus Data');
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['DOKUMEN INTERCHANGE DATA / Data Interchange Document']);
    expect(values(4)).toEqual(['Kontrak data / Data contract', 'disdukcapil.penduduk-desa']);
    const header = values(18);
    expect(header.slice(0, 6)).toEqual([
      'No',
      'Nama kolom / Column name',
      'Tipe / Type',
      'Panjang / Length',
      'Wajib / Required',
      'Keterangan / Description',
    ]);
    expect(values(21).slice(0, 7)).toEqual([
      '3',
      'jumlah_penduduk',
      'bilangan bulat',
      undefined,
      'Ya',
      undefined,
      'nilai 0 s.d. 100.000',
    ]);
  });

  it('the form an OPD fills in, as XLSX or CSV: types, lengths, wajib and keterangan, with suggestions', async () => {
    const form = [
      ['Struktur tabel penduduk (diisi OPD)'],
      [],
      ['Nama Kolom', 'Tipe', 'Panjang', 'Wajib', 'Keterangan'],
      ['nik', 'char', '16', 'Ya', 'Nomor Induk Kependudukan'],
      ['nama_lengkap', 'varchar', '100', 'Ya', 'Nama sesuai KTP'],
      ['tanggal_lahir', 'date', '', 'Ya', ''],
      ['jumlah_anak', 'int', '', 'Tidak', ''],
      ['penghasilan', 'decimal', '12,2', 'Tidak', 'Rupiah per bulan'],
      ['aktif', 'ya/tidak', '', 'Ya', ''],
    ];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    for (const row of form) sheet.addRow(row);
    const fromXlsx = await readDataDictionaryXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()), {
      name: 'penduduk',
    });
    const fromCsv = importDataDictionary(parseCsv(toCsv(form)), {}, { name: 'penduduk' });
    for (const result of [fromXlsx, fromCsv]) {
      const schema = result.contract.schema as {
        required: string[];
        properties: Record<string, Record<string, unknown>>;
      };
      expect(schema.required).toEqual(['nik', 'nama_lengkap', 'tanggal_lahir', 'aktif']);
      expect(schema.properties.nik).toEqual({
        description: 'Nomor Induk Kependudukan',
        type: 'string',
        maxLength: 16,
        format: 'nik',
        'x-pii': true,
      });
      expect(schema.properties.nama_lengkap).toMatchObject({ type: 'string', maxLength: 100, 'x-pii': true });
      expect(schema.properties.tanggal_lahir).toEqual({ type: 'string', format: 'date', 'x-pii': true }); // a person's birth date
      expect(schema.properties.jumlah_anak).toMatchObject({ type: ['integer', 'null'] });
      expect(schema.properties.penghasilan).toMatchObject({
        type: ['number', 'null'],
        maximum: 9999999999.99,
      });
      expect(schema.properties.aktif).toEqual({ type: 'boolean' });
      expect(result.contract.classification).toBe('terbatas');
      expect(result.decisions.map((d) => d.message).join('\n')).toMatch(
        /no primary key given: primaryKey is \[nik\]/,
      );
      expect(load(renderImportYaml(result)).primaryKey).toEqual(['nik']);
    }
  });

  it('CSV: the exported table imports back to the same schema', async () => {
    const contract = (await exampleContracts()).find((c) => c.contract.contract === 'bpkad.realisasi-apbd')
      ?.contract as Contract;
    const table = dataDictionaryTable(contract);
    const csv = toCsv([
      ...table.header.map((r) => [...r]),
      [],
      [...table.columns],
      ...table.rows.map((r) => [...r]),
    ]);
    const extras = Object.fromEntries(table.extras.map(([k, v]) => [k, v]));
    const imported = load(renderImportYaml(importDataDictionary(parseCsv(csv), extras)));
    expect(diffContracts(contract, imported).changes).toEqual([]);
  });
});

describe('BPS metadata (MS-Var)', () => {
  it('one row per field with the validation rule derived from the schema, as CSV and XLSX', async () => {
    const contract = (await exampleContracts()).find(
      (c) => c.contract.contract === 'disdukcapil.penduduk-desa',
    )?.contract as Contract;
    const rows = bpsMetadataRows(contract);
    expect(rows[0]).toEqual([
      'Nama Variabel',
      'Alias',
      'Konsep',
      'Definisi',
      'Ukuran',
      'Satuan',
      'Tipe Data',
      'Klasifikasi Isian',
      'Aturan Validasi',
      'Wajib Diisi',
      'Apakah Variabel Dapat Diakses Umum',
    ]);
    const byName = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
    expect(byName.kode_desa?.slice(6, 11)).toEqual([
      'Karakter',
      '',
      'kode desa/kelurahan Kemendagri bertitik, mis. 32.07.01.2008 (diperiksa ke daftar)',
      'Ya',
      'Ya',
    ]);
    expect(byName.jumlah_penduduk?.[6]).toBe('Numerik');
    expect(byName.jumlah_penduduk?.[8]).toBe('nilai 0 s.d. 100.000');
    expect(byName.wajib_ktp?.[9]).toBe('Tidak');
    expect(parseCsv(toCsv(rows))).toEqual(rows);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await writeBpsMetadataXlsx(contract)) as never);
    const sheet = workbook.getWorksheet('Metadata Variabel');
    if (!sheet) throw new Error('no sheet Metadata Variabel');
    expect((sheet.getRow(2).values as unknown[]).slice(1)[0]).toBe('kode_desa');
    expect(sheet.rowCount).toBe(rows.length);
  });

  it('personal data is never marked as publicly accessible', async () => {
    const contract = (await exampleContracts()).find((c) => c.contract.contract === 'diskumdag.umkm')
      ?.contract as Contract;
    const byName = Object.fromEntries(
      bpsMetadataRows(contract)
        .slice(1)
        .map((r) => [r[0], r]),
    );
    expect(byName.nik_pemilik?.[10]).toBe('Tidak');
  });
});
