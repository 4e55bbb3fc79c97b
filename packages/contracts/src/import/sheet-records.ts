import { parseCsv } from './csv';
import { ImportError } from './import-error';

/**
 * One cell of a data sheet: text from CSV, or a native value from a workbook; empty is `''`, `null` or
 * `undefined`.
 *
 * @example
 * ```ts
 * import type { SheetCell } from '@tukar/contracts';
 *
 * const row: SheetCell[] = ['20211111', 312, true, new Date('1976-08-17'), null];
 * ```
 */
export type SheetCell = string | number | boolean | Date | null | undefined;

type Row = Record<string, unknown>;

/** Integers with more digits than a spreadsheet keeps (15) are codes (NIK, NIP), not numbers. */
const MAX_INTEGER_DIGITS = 15;

/**
 * What a CSV cell's text means: `true`/`false` → boolean; an integer or decimal whose text comes back
 * unchanged from the number (so `0812…`, `1.50` and 16-digit codes stay text) → number; else the text.
 */
function csvValue(text: string): string | number | boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (!/^-?[0-9]/.test(text)) return text;
  const n = Number(text);
  if (!Number.isFinite(n) || String(n) !== text) return text;
  if (Number.isInteger(n) && /^-?[0-9]+$/.test(text) && text.replace('-', '').length > MAX_INTEGER_DIGITS)
    return text;
  return n;
}

function jsonValue(cell: SheetCell): unknown {
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return cell;
}

function setPath(record: Row, path: readonly string[], value: unknown): void {
  let target = record;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    if (next === null || typeof next !== 'object') target[key] = {};
    target = target[key] as Row;
  }
  target[path[path.length - 1] as string] = value;
}

/**
 * Records from the rows of a data sheet: the first row names the fields (a dotted name such as
 * `kepala.nama` builds a nested object), each further row is one record; an empty cell leaves the field
 * out, an empty row is skipped. Cells keep their value (a `Date` becomes an ISO date, or date-time when
 * it has a time of day). A missing or repeated field name, or a row with more cells than the header, is
 * an ImportError naming the column or row.
 *
 * @example
 * ```ts
 * import { inferFromRecords, sheetRecords } from '@tukar/contracts';
 *
 * const records = sheetRecords([['npsn', 'nama', 'kepala.nama'], ['20211111', 'SDN 1', 'Budi']]);
 * // [{ npsn: '20211111', nama: 'SDN 1', kepala: { nama: 'Budi' } }]
 * const result = inferFromRecords(records, { name: 'sekolah' });
 * ```
 */
export function sheetRecords(
  rows: readonly (readonly SheetCell[])[],
  source = 'the sheet',
): Record<string, unknown>[] {
  const [header = [], ...body] = rows;
  const names = header.map((cell) => (cell === null || cell === undefined ? '' : String(cell).trim()));
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  if (names.length === 0) throw new ImportError('invalid_input', `${source}: the first row names no fields`);
  const seen = new Set<string>();
  const paths = names.map((name, i) => {
    const path = name.split('.');
    if (name === '' || path.some((p) => p === ''))
      throw new ImportError('invalid_input', `${source}: column ${i + 1} of the first row has no field name`);
    if (seen.has(name)) throw new ImportError('invalid_input', `${source}: field ${name} is named twice`);
    seen.add(name);
    return path;
  });
  const records: Row[] = [];
  for (const [index, row] of body.entries()) {
    const record: Row = {};
    let filled = false;
    for (const [column, cell] of row.entries()) {
      if (cell === null || cell === undefined || cell === '') continue;
      const path = paths[column];
      if (!path)
        throw new ImportError(
          'invalid_input',
          `${source} row ${index + 2}: column ${column + 1} has a value but the first row names no field for it`,
        );
      setPath(record, path, jsonValue(cell));
      filled = true;
    }
    if (filled) records.push(record);
  }
  return records;
}

/**
 * Records from a CSV data sheet (see `sheetRecords`). A column whose every filled cell is `true`/`false`,
 * an integer or a decimal holds booleans and numbers; a column where any cell would not give the same text
 * back from its number — `0812…`, a 16-digit `3207…`, `1.50` — stays text in every row, so a code column
 * never comes out half numbers.
 *
 * @example
 * ```ts
 * import { csvSheetRecords } from '@tukar/contracts';
 *
 * csvSheetRecords('nik,umur,aktif\n3207015203850002,38,true\n');
 * // [{ nik: '3207015203850002', umur: 38, aktif: true }]
 * ```
 */
export function csvSheetRecords(text: string, source = 'the CSV sheet'): Record<string, unknown>[] {
  const [header = [], ...body] = parseCsv(text);
  const converts = header.map((_, column) =>
    body.every((row) => {
      const cell = row[column];
      return cell === undefined || cell === '' || typeof csvValue(cell) !== 'string';
    }),
  );
  const cells = body.map((row) =>
    row.map((cell, column): SheetCell => (cell !== '' && converts[column] ? csvValue(cell) : cell)),
  );
  return sheetRecords([header, ...cells], source);
}
