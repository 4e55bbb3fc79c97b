import type { PropertySchema } from '../import/column-schema';

/**
 * A phrase in Bahasa Indonesia with its English.
 *
 * @example
 * ```ts
 * import type { Words } from '@tukar/contracts';
 *
 * const both = (w: Words) => `${w.id} / ${w.en}`;
 * ```
 */
export interface Words {
  readonly id: string;
  readonly en: string;
}

const FORMAT_WORDS: Record<string, Words> = {
  nik: {
    id: 'NIK 16 digit: kode kecamatan + tanggal lahir (perempuan +40) + nomor urut',
    en: 'NIK, 16 digits: kecamatan code + birth date (women +40) + sequence',
  },
  nip: {
    id: 'NIP 18 digit: tanggal lahir + TMT pengangkatan + jenis kelamin + nomor urut',
    en: 'NIP, 18 digits: birth date + appointment + gender + sequence',
  },
  npsn: { id: 'NPSN 8 digit', en: 'NPSN, 8 digits' },
  npwp: {
    id: 'NPWP 15 digit (boleh 12.345.678.9-012.345) atau 16 digit berbasis NIK',
    en: 'NPWP, 15 digits (or 12.345.678.9-012.345) or 16 digits based on the NIK',
  },
  'kode-wilayah-provinsi': {
    id: 'kode provinsi Kemendagri, mis. 32 (diperiksa ke daftar)',
    en: 'Kemendagri provinsi code, e.g. 32 (checked against the list)',
  },
  'kode-wilayah-kabupaten': {
    id: 'kode kabupaten/kota Kemendagri bertitik, mis. 32.07 (diperiksa ke daftar)',
    en: 'Kemendagri kabupaten/kota code, dotted, e.g. 32.07 (checked against the list)',
  },
  'kode-wilayah-kecamatan': {
    id: 'kode kecamatan Kemendagri bertitik, mis. 32.07.01 (diperiksa ke daftar)',
    en: 'Kemendagri kecamatan code, dotted, e.g. 32.07.01 (checked against the list)',
  },
  'kode-wilayah-desa': {
    id: 'kode desa/kelurahan Kemendagri bertitik, mis. 32.07.01.2008 (diperiksa ke daftar)',
    en: 'Kemendagri desa/kelurahan code, dotted, e.g. 32.07.01.2008 (checked against the list)',
  },
  date: { id: 'tanggal TTTT-BB-HH', en: 'date YYYY-MM-DD' },
  'date-time': {
    id: 'tanggal dan jam ISO 8601 dengan zona waktu',
    en: 'ISO 8601 date and time with time zone',
  },
  'iso-date-time': { id: 'tanggal dan jam ISO 8601', en: 'ISO 8601 date and time' },
  time: { id: 'jam JJ:MM:DD dengan zona waktu', en: 'time HH:MM:SS with time zone' },
  'iso-time': { id: 'jam JJ:MM:DD', en: 'time HH:MM:SS' },
  email: { id: 'alamat surel', en: 'e-mail address' },
  uri: { id: 'alamat URI', en: 'URI' },
  uuid: { id: 'UUID', en: 'UUID' },
};

const num = (n: number, locale: string): string => n.toLocaleString(locale, { maximumFractionDigits: 6 });

/** The JSON types of a property (without `null`), and whether `null` is allowed. */
export function typesOf(schema: PropertySchema): { types: string[]; nullable: boolean } {
  let types = Array.isArray(schema.type) ? schema.type.map(String) : schema.type ? [String(schema.type)] : [];
  if (types.length === 0 && Array.isArray(schema.enum)) {
    types = [
      ...new Set(schema.enum.map((v) => (v === null ? 'null' : Number.isInteger(v) ? 'integer' : typeof v))),
    ];
  }
  return {
    types: types.filter((t) => t !== 'null'),
    nullable: types.includes('null') || (Array.isArray(schema.enum) && schema.enum.includes(null)),
  };
}

const TYPE_WORDS: Record<string, Words> = {
  string: { id: 'Teks', en: 'Text' },
  integer: { id: 'Bilangan bulat', en: 'Integer' },
  number: { id: 'Angka', en: 'Number' },
  boolean: { id: 'Ya/Tidak', en: 'Boolean' },
  object: { id: 'Objek', en: 'Object' },
  array: { id: 'Daftar', en: 'List' },
};

/** The type of a field in words: `Teks (boleh kosong)` / `Text (may be null)`. */
export function typeInWords(schema: PropertySchema): Words {
  const { types, nullable } = typesOf(schema);
  const words = types.map((t) => TYPE_WORDS[t] ?? { id: t, en: t });
  const id = words.length === 0 ? 'Bebas' : words.map((w) => w.id).join(' atau ');
  const en = words.length === 0 ? 'Any' : words.map((w) => w.en).join(' or ');
  return nullable ? { id: `${id} (boleh kosong)`, en: `${en} (may be null)` } : { id, en };
}

/**
 * The rules of one field in words a person reads, in both languages: "16 digit, kode wilayah + tanggal
 * lahir", "panjang 3–120 karakter", "salah satu: dasar, madya", "nilai 0–100.000"…
 */
export function rulesInWords(schema: PropertySchema): Words {
  const id: string[] = [];
  const en: string[] = [];
  const push = (w: Words) => {
    id.push(w.id);
    en.push(w.en);
  };
  if (typeof schema.format === 'string')
    push(FORMAT_WORDS[schema.format] ?? { id: `format ${schema.format}`, en: `format ${schema.format}` });
  const minL = typeof schema.minLength === 'number' ? schema.minLength : undefined;
  const maxL = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  if (minL !== undefined && maxL !== undefined)
    push({ id: `panjang ${minL}–${maxL} karakter`, en: `${minL}–${maxL} characters` });
  else if (maxL !== undefined)
    push({ id: `paling panjang ${maxL} karakter`, en: `at most ${maxL} characters` });
  else if (minL !== undefined)
    push({ id: `paling pendek ${minL} karakter`, en: `at least ${minL} characters` });
  const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  if (min !== undefined && max !== undefined)
    push({
      id: `nilai ${num(min, 'id-ID')} s.d. ${num(max, 'id-ID')}`,
      en: `value ${num(min, 'en-US')} to ${num(max, 'en-US')}`,
    });
  else if (min !== undefined)
    push({ id: `paling kecil ${num(min, 'id-ID')}`, en: `at least ${num(min, 'en-US')}` });
  else if (max !== undefined)
    push({ id: `paling besar ${num(max, 'id-ID')}`, en: `at most ${num(max, 'en-US')}` });
  if (typeof schema.exclusiveMinimum === 'number')
    push({
      id: `lebih dari ${num(schema.exclusiveMinimum, 'id-ID')}`,
      en: `more than ${num(schema.exclusiveMinimum, 'en-US')}`,
    });
  if (typeof schema.exclusiveMaximum === 'number')
    push({
      id: `kurang dari ${num(schema.exclusiveMaximum, 'id-ID')}`,
      en: `less than ${num(schema.exclusiveMaximum, 'en-US')}`,
    });
  const decimal = schema['x-decimal'] as { precision?: number; scale?: number } | undefined;
  if (decimal?.precision !== undefined)
    push({
      id: `${decimal.precision} digit, ${decimal.scale ?? 0} di belakang koma`,
      en: `${decimal.precision} digits, ${decimal.scale ?? 0} after the decimal point`,
    });
  if (Array.isArray(schema.enum)) {
    const values = schema.enum
      .filter((v) => v !== null)
      .map((v) => String(v))
      .join(', ');
    push({ id: `salah satu: ${values}`, en: `one of: ${values}` });
  }
  if (typeof schema.pattern === 'string')
    push({ id: `pola ${schema.pattern}`, en: `pattern ${schema.pattern}` });
  if (schema.default !== undefined)
    push({ id: `bawaan ${JSON.stringify(schema.default)}`, en: `default ${JSON.stringify(schema.default)}` });
  return { id: id.join('; '), en: en.join('; ') };
}
