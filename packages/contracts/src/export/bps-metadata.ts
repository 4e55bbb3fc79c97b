import type { Contract } from '../contract-schema';
import { dataDictionaryRows } from './dictionary-rows';
import { typesOf } from './rules-in-words';

/**
 * Columns of the BPS *Metadata Statistik Variabel* (MS-Var) rows Tukar derives from a contract.
 *
 * @example
 * ```ts
 * import { BPS_METADATA_COLUMNS } from '@tukar/contracts';
 *
 * console.log(BPS_METADATA_COLUMNS.join(' | '));
 * ```
 */
export const BPS_METADATA_COLUMNS = [
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
] as const;

function bpsType(types: readonly string[], format: unknown): string {
  if (format === 'date' || format === 'date-time' || format === 'iso-date-time') return 'Tanggal';
  if (types.length === 1 && (types[0] === 'integer' || types[0] === 'number')) return 'Numerik';
  if (types.length === 1 && types[0] === 'boolean') return 'Boolean';
  if (types.length === 1 && types[0] === 'string') return 'Karakter';
  return 'Lainnya';
}

const humanize = (field: string): string =>
  field
    .split('.')
    .pop()
    ?.replace(/_/g, ' ')
    .replace(/\b\w/g, (c) => c.toUpperCase()) ?? field;

/**
 * One MS-Var row per field (Metadata Statistik Variabel, the metadata walidata files with BPS under Satu
 * Data Indonesia): name, alias, concept and definition from the description, size, data type, the
 * allowed values, the validation rule in words — derived from the schema the validator enforces, so the
 * metadata cannot drift from it — whether it must be filled, and whether it may be public (not when the
 * contract is not `publik` or the field is personal data).
 *
 * @example
 * ```ts
 * import { bpsMetadataRows, loadContract, toCsv } from '@tukar/contracts';
 *
 * const loaded = await loadContract('contracts/disdukcapil.penduduk-desa.yaml');
 * if (loaded.ok) process.stdout.write(toCsv(bpsMetadataRows(loaded.contract)));
 * ```
 */
export function bpsMetadataRows(contract: Contract): string[][] {
  const rows = dataDictionaryRows(contract).map((row) => {
    const { types } = typesOf(row.schema);
    const values = Array.isArray(row.schema.enum) ? row.schema.enum.filter((v) => v !== null).join('; ') : '';
    const size =
      row.schema.maxLength ?? (row.schema['x-decimal'] as { precision?: number } | undefined)?.precision;
    return [
      row.field,
      typeof row.schema.title === 'string' ? row.schema.title : humanize(row.field),
      row.description ?? contract.title,
      row.description ?? '',
      size === undefined ? '' : String(size),
      '',
      bpsType(types, row.schema.format),
      values,
      row.rules.id,
      row.required ? 'Ya' : 'Tidak',
      contract.classification === 'publik' && !row.pii ? 'Ya' : 'Tidak',
    ];
  });
  return [[...BPS_METADATA_COLUMNS], ...rows];
}
