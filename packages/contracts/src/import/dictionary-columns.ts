import { columnSchema, type PropertySchema } from './column-schema';
import type { ColumnDescription } from './table-description';

/**
 * The columns of a data dictionary table (*kamus data*), as the export writes them and the import finds
 * them: the form OPDs fill in (nama kolom, tipe, panjang, wajib, keterangan) and the rule columns.
 */
export const DICTIONARY_COLUMNS = [
  { key: 'no', label: 'No', names: ['no', 'no.', 'nomor', '#'] },
  {
    key: 'name',
    label: 'Nama kolom / Column name',
    names: [
      'nama kolom',
      'nama isian',
      'nama field',
      'kolom',
      'field',
      'column',
      'column name',
      'nama variabel',
      'name',
    ],
  },
  {
    key: 'type',
    label: 'Tipe / Type',
    names: ['tipe', 'tipe data', 'jenis', 'jenis data', 'type', 'data type'],
  },
  { key: 'length', label: 'Panjang / Length', names: ['panjang', 'ukuran', 'length', 'size'] },
  {
    key: 'required',
    label: 'Wajib / Required',
    names: ['wajib', 'wajib diisi', 'harus diisi', 'required', 'not null', 'mandatory'],
  },
  {
    key: 'description',
    label: 'Keterangan / Description',
    names: ['keterangan', 'deskripsi', 'uraian', 'definisi', 'description'],
  },
  { key: 'rules', label: 'Aturan / Rules', names: ['aturan', 'aturan validasi', 'rules'] },
  { key: 'format', label: 'Format', names: ['format'] },
  {
    key: 'enum',
    label: 'Pilihan nilai / Allowed values',
    names: ['pilihan nilai', 'pilihan', 'nilai yang boleh', 'allowed values', 'enum'],
  },
  { key: 'pattern', label: 'Pola / Pattern', names: ['pola', 'pattern', 'regex'] },
  { key: 'minimum', label: 'Minimum', names: ['minimum', 'nilai minimum', 'min'] },
  { key: 'maximum', label: 'Maksimum / Maximum', names: ['maksimum', 'nilai maksimum', 'maximum', 'max'] },
  {
    key: 'minLength',
    label: 'Panjang minimum / Minimum length',
    names: ['panjang minimum', 'minimum length', 'min length'],
  },
  { key: 'pii', label: 'Data pribadi / Personal data', names: ['data pribadi', 'pii', 'personal data'] },
  { key: 'example', label: 'Contoh / Example', names: ['contoh', 'example'] },
  { key: 'schema', label: 'Skema JSON / JSON Schema', names: ['skema json', 'json schema'] },
] as const;

export type DictionaryColumn = (typeof DICTIONARY_COLUMNS)[number]['key'];
export type DictionaryCells = Partial<Record<DictionaryColumn, string>>;

/** A header cell's column, from its Indonesian or English name (the part before ` / ` counts too). */
export function columnOf(header: string): DictionaryColumn | undefined {
  const text = header.trim().toLowerCase();
  const parts = [text, ...text.split('/').map((p) => p.trim())];
  return DICTIONARY_COLUMNS.find((c) => parts.some((p) => (c.names as readonly string[]).includes(p)))?.key;
}

const YES = new Set(['ya', 'y', 'yes', 'true', '1', 'wajib', 'x', '✓', '√', 'v', 'not null', 'harus']);

/** "Ya", "Y", "yes", "1", "wajib", "✓"… */
export function isYes(cell: string | undefined): boolean {
  return YES.has((cell ?? '').trim().toLowerCase().split('/')[0]?.trim() ?? '');
}

/** The type words the export writes, per JSON type and format. */
export function typeWord(schema: PropertySchema): string {
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (t) => t !== 'null' && t !== undefined,
  );
  const type = types.length === 1 ? String(types[0]) : undefined;
  if (type === 'string') {
    if (schema.format === 'date') return 'tanggal';
    if (schema.format === 'iso-date-time' || schema.format === 'date-time') return 'tanggal jam';
    if (schema.format === 'iso-time' || schema.format === 'time') return 'jam';
    return 'teks';
  }
  return (
    { integer: 'bilangan bulat', number: 'angka', boolean: 'ya/tidak', object: 'objek', array: 'daftar' }[
      type ?? ''
    ] ?? 'bebas'
  );
}

const WORDS: Record<string, string> = {
  teks: 'TEXT',
  text: 'TEXT',
  string: 'TEXT',
  karakter: 'TEXT',
  huruf: 'TEXT',
  alfanumerik: 'TEXT',
  'bilangan bulat': 'BIGINT',
  bulat: 'BIGINT',
  'angka bulat': 'BIGINT',
  integer: 'INT',
  int: 'INT',
  angka: 'DOUBLE',
  numerik: 'DOUBLE',
  number: 'DOUBLE',
  desimal: 'DECIMAL',
  pecahan: 'DOUBLE',
  tanggal: 'DATE',
  'tanggal jam': 'DATETIME',
  'tanggal dan jam': 'DATETIME',
  waktu: 'DATETIME',
  jam: 'TIME',
  'ya/tidak': 'BOOLEAN',
  'ya-tidak': 'BOOLEAN',
  logika: 'BOOLEAN',
  boolean: 'BOOLEAN',
  bool: 'BOOLEAN',
  bebas: 'JSON',
};

function numberCell(cell: string | undefined): number | undefined {
  if (cell === undefined || cell.trim() === '') return undefined;
  const n = Number(cell.trim().replace(/\s/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/**
 * One data dictionary row as a JSON Schema property: the type (SQL names such as `varchar(100)` and the
 * Indonesian words `teks`, `bilangan bulat`, `tanggal`… both work), `panjang` → maxLength (or
 * `12,2` → DECIMAL), `wajib` → not null, then the rule columns. A `Skema JSON` cell is the exact schema.
 */
export function rowSchema(cells: DictionaryCells): { schema: PropertySchema; unmapped?: string } {
  if (cells.schema?.trim()) {
    try {
      const exact: unknown = JSON.parse(cells.schema);
      if (exact !== null && typeof exact === 'object' && !Array.isArray(exact))
        return { schema: exact as PropertySchema };
    } catch {
      return { schema: {}, unmapped: 'the Skema JSON cell is not JSON: fix it or empty it' };
    }
  }
  const raw = (cells.type ?? '').trim().toLowerCase();
  const nullable = !isYes(cells.required);
  let schema: PropertySchema;
  let unmapped: string | undefined;
  if (raw === 'objek' || raw === 'object' || raw === 'daftar' || raw === 'array' || raw === 'list') {
    const type = raw === 'objek' || raw === 'object' ? 'object' : 'array';
    schema = { type: nullable ? [type, 'null'] : type };
  } else {
    const sql = /^([a-z][a-z /-]*?)\s*(?:\((\d+)(?:\s*,\s*(\d+))?\))?$/.exec(raw);
    const word = sql?.[1]?.trim() ?? raw;
    const length = cells.length?.trim() ?? '';
    const [lenA, lenB] = length.split(/[,.;]/).map((p) => numberCell(p));
    let dataType = WORDS[word] ?? word.toUpperCase();
    const sizeA = sql?.[2] === undefined ? lenA : Number(sql[2]);
    const sizeB = sql?.[3] === undefined ? lenB : Number(sql[3]);
    if (dataType === 'TEXT' && sizeA !== undefined) dataType = 'VARCHAR';
    if (dataType === 'DOUBLE' && sizeA !== undefined && sizeB !== undefined) dataType = 'DECIMAL';
    const decimal = dataType === 'DECIMAL' || dataType === 'NUMERIC';
    const column: ColumnDescription = {
      name: cells.name ?? '',
      dataType,
      nullable,
      rules: [],
      ...(decimal
        ? { precision: sizeA ?? 10, scale: sizeB ?? 0 }
        : sizeA === undefined
          ? {}
          : { length: sizeA }),
    };
    const mapped =
      raw === ''
        ? { schema: {}, unmapped: 'no type given: write teks, bilangan bulat, angka, tanggal, ya/tidak…' }
        : columnSchema(column);
    schema = { ...mapped.schema };
    unmapped = mapped.unmapped;
  }
  if (cells.description?.trim()) schema = { description: cells.description.trim(), ...schema };
  if (cells.format?.trim()) schema.format = cells.format.trim();
  const numeric = ['integer', 'number'].some(
    (t) => schema.type === t || (Array.isArray(schema.type) && schema.type.includes(t)),
  );
  if (cells.enum?.trim()) {
    const values: unknown[] = cells.enum
      .split(/\s*[,;]\s*/)
      .filter((v) => v !== '')
      .map((v) => (numeric && numberCell(v) !== undefined ? numberCell(v) : v));
    if (nullable) values.push(null);
    schema.enum = values;
  }
  if (cells.pattern?.trim()) schema.pattern = cells.pattern.trim();
  const minimum = numberCell(cells.minimum);
  const maximum = numberCell(cells.maximum);
  const minLength = numberCell(cells.minLength);
  if (minimum !== undefined) schema.minimum = minimum;
  if (maximum !== undefined) schema.maximum = maximum;
  if (minLength !== undefined) schema.minLength = minLength;
  if (isYes(cells.pii)) schema['x-pii'] = true;
  return unmapped ? { schema, unmapped } : { schema };
}
