import type { Contract } from '../contract-schema';
import type { PropertySchema } from '../import/column-schema';
import { DICTIONARY_COLUMNS, type DictionaryCells, rowSchema, typeWord } from '../import/dictionary-columns';
import { dataDictionaryRows } from './dictionary-rows';
import { sameJson } from './inline-refs';

/**
 * The data dictionary as plain cells, for spreadsheets and CSV: a header block (label, value), the
 * column labels, one row per field, and the extras a spreadsheet form has no column for (provider,
 * unique keys, examples when no field is personal data) as JSON.
 *
 * @example
 * ```ts
 * import { dataDictionaryTable, loadContract } from '@tukar/contracts';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (loaded.ok) console.log(dataDictionaryTable(loaded.contract).rows.map((r) => r[1]));
 * ```
 */
export interface DictionaryTable {
  readonly header: readonly (readonly [string, string])[];
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly extras: readonly (readonly [string, string])[];
}

/** Labels of the header block, shared by the export and the import. */
export const HEADER_LABELS = {
  contract: 'Kontrak data / Data contract',
  version: 'Versi / Version',
  title: 'Judul / Title',
  status: 'Status',
  opd: 'Produsen data (OPD) / Data producer',
  unit: 'Unit',
  contact: 'Kontak / Contact',
  steward: 'Walidata / Data steward',
  classification: 'Klasifikasi / Classification',
  compatibility: 'Kompatibilitas / Compatibility',
  updateFrequency: 'Pemutakhiran / Update frequency',
  primaryKey: 'Kunci utama / Primary key',
  description: 'Keterangan / Description',
} as const;

const cell = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/**
 * The cells of a contract's data dictionary. Each top-level field's row holds its rules in the form's
 * columns; when those columns cannot give the exact schema back, the row's `Skema JSON` cell holds it,
 * so that importing the spreadsheet gives the same contract.
 *
 * @example
 * ```ts
 * import { dataDictionaryTable, loadContract, toCsv } from '@tukar/contracts';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (loaded.ok) {
 *   const table = dataDictionaryTable(loaded.contract);
 *   process.stdout.write(toCsv([[...table.columns], ...table.rows.map((row) => [...row])]));
 * }
 * ```
 */
export function dataDictionaryTable(contract: Contract): DictionaryTable {
  const schema = contract.schema as { properties?: Record<string, unknown>; required?: unknown[] } & Record<
    string,
    unknown
  >;
  const rows = dataDictionaryRows(contract).map((row, index) => {
    const p = row.schema;
    const decimal = p['x-decimal'] as { precision?: number; scale?: number } | undefined;
    const cells: DictionaryCells = {
      no: String(index + 1),
      name: row.field,
      type: typeWord(p),
      length:
        decimal?.precision !== undefined ? `${decimal.precision},${decimal.scale ?? 0}` : cell(p.maxLength),
      required: row.required ? 'Ya' : 'Tidak',
      description: row.description ?? '',
      rules: row.rules.id,
      format: cell(p.format),
      enum: Array.isArray(p.enum) ? p.enum.filter((v) => v !== null).join(', ') : '',
      pattern: cell(p.pattern),
      minimum: cell(p.minimum),
      maximum: cell(p.maximum),
      minLength: cell(p.minLength),
      pii: row.pii ? 'Ya' : 'Tidak',
      example: row.example ?? '',
    };
    if (row.depth === 0) {
      const raw = (schema.properties?.[row.field] ?? {}) as PropertySchema;
      if (!sameJson(rowSchema(cells).schema, raw)) cells.schema = JSON.stringify(raw);
    }
    return DICTIONARY_COLUMNS.map((c) => cells[c.key] ?? '');
  });
  const header: [string, string][] = [
    [HEADER_LABELS.contract, contract.contract],
    [HEADER_LABELS.version, contract.version],
    [HEADER_LABELS.title, contract.title],
    [HEADER_LABELS.status, contract.status],
    [HEADER_LABELS.opd, contract.owner.opd],
    [HEADER_LABELS.unit, contract.owner.unit ?? ''],
    [HEADER_LABELS.contact, contract.owner.contact],
    [HEADER_LABELS.steward, contract.steward],
    [HEADER_LABELS.classification, contract.classification],
    [HEADER_LABELS.compatibility, contract.compatibility],
    [HEADER_LABELS.updateFrequency, contract.updateFrequency],
    [HEADER_LABELS.primaryKey, contract.primaryKey.join(', ')],
    [HEADER_LABELS.description, contract.description ?? ''],
  ];
  const extras: [string, string][] = [];
  const { type: _t, properties: _p, required: _r, ...rest } = schema;
  for (const [key, value] of Object.entries(rest)) extras.push([`schema.${key}`, JSON.stringify(value)]);
  if (contract.provider) extras.push(['provider', JSON.stringify(contract.provider)]);
  if (contract.tags) extras.push(['tags', JSON.stringify(contract.tags)]);
  const hasPii = dataDictionaryRows(contract).some((r) => r.pii);
  if (contract.examples && !hasPii) extras.push(['examples', JSON.stringify(contract.examples)]);
  return { header, columns: DICTIONARY_COLUMNS.map((c) => c.label), rows, extras };
}
