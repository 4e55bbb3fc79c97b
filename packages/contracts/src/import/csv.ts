/**
 * Reads CSV text (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes; `,` or `;` as the
 * separator, whichever the first line uses more) into rows of cells. A UTF-8 byte order mark is dropped.
 *
 * @example
 * ```ts
 * import { parseCsv } from '@tukar/contracts';
 *
 * parseCsv('nama kolom;tipe\n"kode; desa";teks\n'); // [['nama kolom', 'tipe'], ['kode; desa', 'teks']]
 * ```
 */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * Writes rows of cells as CSV (comma-separated, quoted where needed, CRLF line ends as RFC 4180 says).
 *
 * @example
 * ```ts
 * import { toCsv } from '@tukar/contracts';
 *
 * toCsv([['nama', 'keterangan'], ['kode_desa', 'kode, bertitik']]); // 'nama,keterangan\r\nkode_desa,"kode, bertitik"\r\n'
 * ```
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const quote = (cell: string) => (/[",\r\n;]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}
