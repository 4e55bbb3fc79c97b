// tukar contract init --sample data.csv / data.xlsx: the records of each example contract written as a
// CSV data sheet and as an XLSX data sheet give the same required fields, types and reference formats
// as the same records given as JSON.
import { csvSheetRecords, ImportError, inferFromRecords, sheetRecords, toCsv } from '@tukar/contracts';
import { readSheetRecordsXlsx } from '@tukar/contracts/xlsx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exampleContracts } from './example-contracts';
import { sampleRecords } from './sample-records';
import { shape } from './schema-shape';

type Schema = Record<string, unknown>;
type Row = Record<string, unknown>;

/**
 * A sheet has no null and no empty object: an empty cell is an absent field, a nested object with no
 * filled cell is absent. The JSON sample is the records as a sheet can hold them.
 */
function withoutNulls(record: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === null) continue;
    if (typeof value !== 'object') out[key] = value;
    else {
      const nested = withoutNulls(value as Row);
      if (Object.keys(nested).length > 0) out[key] = nested;
    }
  }
  return out;
}

function flatten(record: Row, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(record)) {
    if (value !== null && typeof value === 'object') flatten(value as Row, `${prefix}${key}.`, out);
    else out[`${prefix}${key}`] = value;
  }
  return out;
}

function table(records: readonly Row[]): { header: string[]; rows: unknown[][] } {
  const flat = records.map((r) => flatten(r));
  const header = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  return { header, rows: flat.map((r) => header.map((h) => r[h])) };
}

async function xlsxOf(header: string[], rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Petunjuk').addRow(['baca lembar Data']);
  const sheet = workbook.addWorksheet('Data');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row.map((v) => (v === undefined ? null : v)));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('data sheets as samples', () => {
  it('each example contract: 1,500 records as CSV and as XLSX infer what the same records as JSON infer', async () => {
    for (const { file, contract } of await exampleContracts()) {
      const records = sampleRecords(contract, 1_500).map(withoutNulls);
      const options = { name: contract.contract.split('.')[1], contract: contract.contract };
      const fromJson = shape(inferFromRecords(records, options).contract.schema as Schema);
      const { header, rows } = table(records);
      const csv = toCsv([header, ...rows.map((row) => row.map((v) => (v === undefined ? '' : String(v))))]);
      const fromCsv = csvSheetRecords(csv, file);
      expect(fromCsv, `${file} (CSV)`).toEqual(records);
      expect(shape(inferFromRecords(fromCsv, options).contract.schema as Schema), `${file} (CSV)`).toEqual(
        fromJson,
      );
      const fromXlsx = await readSheetRecordsXlsx(await xlsxOf(header, rows), { sheet: 'Data' });
      expect(fromXlsx, `${file} (XLSX)`).toEqual(records);
      expect(shape(inferFromRecords(fromXlsx, options).contract.schema as Schema), `${file} (XLSX)`).toEqual(
        fromJson,
      );
    }
  }, 180_000);

  it('CSV text: numbers and booleans where the column holds them, code columns stay text, dotted headers nest', () => {
    const csv =
      'nik;telepon;umur;skor;berat;aktif;kepala.nama;kepala.nip;catatan\n' +
      '3207015203850002;081234567890;38;7.5;60.25;true;Budi;198501012010011001;\n' +
      '3207015203850003;;-2;1.50;-0.5;false;;;"a; b"\n';
    expect(csvSheetRecords(csv)).toEqual([
      {
        nik: '3207015203850002',
        telepon: '081234567890',
        umur: 38,
        skor: '7.5',
        berat: 60.25,
        aktif: true,
        kepala: { nama: 'Budi', nip: '198501012010011001' },
      },
      { nik: '3207015203850003', umur: -2, skor: '1.50', berat: -0.5, aktif: false, catatan: 'a; b' },
    ]);
  });

  it('XLSX cells keep their type: a date becomes an ISO date; the first sheet by default; a missing sheet is named', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sekolah');
    sheet.addRow(['npsn', 'siswa', 'negeri', 'berdiri', 'kode']);
    sheet.addRow(['20211111', 312, true, new Date(Date.UTC(1976, 7, 17)), '0812']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await readSheetRecordsXlsx(bytes)).toEqual([
      { npsn: '20211111', siswa: 312, negeri: true, berdiri: '1976-08-17', kode: '0812' },
    ]);
    await expect(readSheetRecordsXlsx(bytes, { sheet: 'Data' })).rejects.toThrow(
      'the workbook has no sheet named Data (its sheets: Sekolah)',
    );
  });

  it('a header without a name, a repeated name or a value under no header is an error naming where', () => {
    expect(() =>
      sheetRecords(
        [
          ['a', '', 'c'],
          ['1', '2', '3'],
        ],
        'data.csv',
      ),
    ).toThrow('data.csv: column 2 of the first row has no field name');
    expect(() => csvSheetRecords('a,a\n1,2\n', 'data.csv')).toThrow('data.csv: field a is named twice');
    expect(() => csvSheetRecords('a,b\n1,2,3\n', 'data.csv')).toThrow(ImportError);
    expect(() => csvSheetRecords('a,b\n1,2,3\n', 'data.csv')).toThrow(
      'data.csv row 2: column 3 has a value but the first row names no field for it',
    );
  });
});
