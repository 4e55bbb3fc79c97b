import { loadExcel } from '../export/xlsx-workbooks';
import { ImportError } from './import-error';
import { type SheetCell, sheetRecords } from './sheet-records';

/** A workbook cell's own value: rich text and hyperlinks as their text, a formula as its result. */
function cellValue(value: unknown): SheetCell {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date || typeof value !== 'object') return value as SheetCell;
  const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
  if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
  if (v.text !== undefined) return cellValue(v.text);
  if (v.result !== undefined) return cellValue(v.result);
  return undefined;
}

/**
 * `tukar contract init --sample FILE.xlsx`: the records of a data sheet in an XLSX workbook (the first
 * sheet, or the one named `sheet`): the first row names the fields, each further row is one record (see
 * `sheetRecords`). Cells keep their type — number, boolean, text; a date becomes an ISO date string.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { inferFromRecords } from '@tukar/contracts';
 * import { readSheetRecordsXlsx } from '@tukar/contracts/xlsx';
 *
 * const records = await readSheetRecordsXlsx(await readFile('data-sekolah.xlsx'), { sheet: 'Sekolah' });
 * const result = inferFromRecords(records, { name: 'sekolah' });
 * ```
 */
export async function readSheetRecordsXlsx(
  bytes: Uint8Array,
  options: { readonly sheet?: string; readonly source?: string } = {},
): Promise<Record<string, unknown>[]> {
  const source = options.source ?? 'the workbook';
  const excel = await loadExcel();
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as never);
  } catch (cause) {
    throw new ImportError('invalid_input', `${source} is not an XLSX workbook: ${(cause as Error).message}`, {
      cause,
    });
  }
  const sheet = options.sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(options.sheet);
  if (!sheet) {
    const names = workbook.worksheets.map((s) => s.name).join(', ');
    throw new ImportError(
      'invalid_input',
      options.sheet === undefined
        ? `${source} has no sheet`
        : `${source} has no sheet named ${options.sheet} (its sheets: ${names})`,
    );
  }
  const rows: SheetCell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows[number - 1] = Array.from(values, cellValue);
  });
  return sheetRecords(
    Array.from(rows, (row) => row ?? []),
    `${source} sheet ${sheet.name}`,
  );
}
