import type { Contract } from '../contract-schema';
import { importDataDictionary } from '../import/from-dictionary';
import { ImportError } from '../import/import-error';
import type { ImportOptions, ImportResult } from '../import/import-result';
import { bpsMetadataRows } from './bps-metadata';
import { dataDictionaryTable } from './dictionary-table';

type ExcelModule = typeof import('exceljs');
type Workbook = InstanceType<ExcelModule['Workbook']>;

/** exceljs, loaded on first use; an ImportError naming the package when it is missing. */
export async function loadExcel(): Promise<ExcelModule> {
  try {
    const loaded = (await import('exceljs')) as ExcelModule & { default?: ExcelModule };
    return loaded.Workbook ? loaded : (loaded.default as ExcelModule);
  } catch (cause) {
    throw new ImportError(
      'driver_missing',
      'XLSX needs the exceljs package: install it next to @tukar/contracts (npm install exceljs)',
      { cause },
    );
  }
}

const SHEET = 'Kamus Data';
const EXTRAS = 'Lampiran';

async function toBytes(workbook: Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * The data dictionary as an XLSX workbook (exceljs): sheet *Kamus Data* with the header block and one
 * row per field (the columns OPDs know — nama kolom, tipe, panjang, wajib, keterangan — and the rule
 * columns), and sheet *Lampiran* with what a form has no column for. `readDataDictionaryXlsx` of it gives
 * the same contract back (examples only when no field is personal data).
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { loadContract } from '@tukar/contracts';
 * import { writeDataDictionaryXlsx } from '@tukar/contracts/xlsx';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (loaded.ok) await writeFile('kamus-data.xlsx', await writeDataDictionaryXlsx(loaded.contract));
 * ```
 */
export async function writeDataDictionaryXlsx(contract: Contract): Promise<Uint8Array> {
  const excel = await loadExcel();
  const table = dataDictionaryTable(contract);
  const workbook = new excel.Workbook();
  workbook.creator = '@tukar/contracts';
  const sheet = workbook.addWorksheet(SHEET, {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.addRow(['DOKUMEN INTERCHANGE DATA / Data Interchange Document']).font = { bold: true, size: 14 };
  sheet.addRow([`Rumusan Integrasi Data: ${contract.title}`]);
  sheet.addRow([]);
  for (const [label, value] of table.header)
    sheet.addRow([label, value === '' ? null : value]).getCell(1).font = { bold: true };
  sheet.addRow([]);
  const headerRow = sheet.addRow([...table.columns]);
  headerRow.font = { bold: true };
  headerRow.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    c.border = { bottom: { style: 'thin' } };
  });
  for (const row of table.rows) sheet.addRow(row.map((c) => (c === '' ? null : c)));
  sheet.columns.forEach((column, i) => {
    column.width = [5, 26, 14, 9, 9, 40, 40, 22, 24, 22, 10, 10, 10, 10, 20, 30][i] ?? 14;
  });
  sheet.views = [{ state: 'frozen', ySplit: headerRow.number }];
  const extras = workbook.addWorksheet(EXTRAS);
  extras.addRow(['Bagian ini dibaca oleh tukar contract init / Read by tukar contract init']).font = {
    italic: true,
  };
  for (const [key, value] of table.extras) extras.addRow([key, value]);
  return toBytes(workbook);
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return text(v.text);
    if (v.result !== undefined) return text(v.result);
    return '';
  }
  return String(value);
}

function cellsOf(sheet: Workbook['worksheets'][number]): string[][] {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows[number - 1] = values.map(text);
  });
  return Array.from(rows, (row) => row ?? []);
}

/**
 * `tukar contract init --dictionary FILE.xlsx`: reads a data dictionary workbook — one a Tukar export
 * wrote, or the form an OPD filled in (sheet *Kamus Data*, else the first sheet) — into a draft contract.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { renderImportYaml } from '@tukar/contracts';
 * import { readDataDictionaryXlsx } from '@tukar/contracts/xlsx';
 *
 * const result = await readDataDictionaryXlsx(await readFile('struktur-db-simpus.xlsx'), { name: 'puskesmas' });
 * console.log(renderImportYaml(result));
 * ```
 */
export async function readDataDictionaryXlsx(
  bytes: Uint8Array,
  options: ImportOptions & { readonly name?: string } = {},
): Promise<ImportResult> {
  const excel = await loadExcel();
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as never);
  } catch (cause) {
    throw new ImportError('invalid_input', `not an XLSX workbook: ${(cause as Error).message}`, { cause });
  }
  const sheet = workbook.getWorksheet(SHEET) ?? workbook.worksheets[0];
  if (!sheet) throw new ImportError('invalid_input', 'the workbook has no sheet');
  const extras: Record<string, string> = {};
  const extraSheet = workbook.getWorksheet(EXTRAS);
  if (extraSheet) {
    for (const row of cellsOf(extraSheet).slice(1)) if (row[0] && row[1]) extras[row[0]] = row[1];
  }
  return importDataDictionary(cellsOf(sheet), extras, options);
}

/**
 * BPS MS-Var metadata rows (see `bpsMetadataRows`) as an XLSX workbook with one sheet *Metadata Variabel*.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { loadContract } from '@tukar/contracts';
 * import { writeBpsMetadataXlsx } from '@tukar/contracts/xlsx';
 *
 * const loaded = await loadContract('contracts/disdukcapil.penduduk-desa.yaml');
 * if (loaded.ok) await writeFile('ms-var.xlsx', await writeBpsMetadataXlsx(loaded.contract));
 * ```
 */
export async function writeBpsMetadataXlsx(contract: Contract): Promise<Uint8Array> {
  const excel = await loadExcel();
  const workbook = new excel.Workbook();
  const sheet = workbook.addWorksheet('Metadata Variabel');
  const [header, ...rows] = bpsMetadataRows(contract);
  const head = sheet.addRow(header ?? []);
  head.font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column) => {
    column.width = 22;
  });
  return toBytes(workbook);
}
