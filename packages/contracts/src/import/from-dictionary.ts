import {
  CLASSIFICATIONS,
  COMPATIBILITY_MODES,
  CONTRACT_STATUSES,
  UPDATE_FREQUENCIES,
} from '../contract-schema';
import { HEADER_LABELS } from '../export/dictionary-table';
import type { PropertySchema } from './column-schema';
import {
  columnOf,
  type DictionaryCells,
  type DictionaryColumn,
  isYes,
  rowSchema,
} from './dictionary-columns';
import { ImportError } from './import-error';
import { contractHeader, type ImportDecision, type ImportOptions, type ImportResult } from './import-result';
import { type ImportSuggestion, suggestForProperties } from './suggest';

const labelKey = (label: string): keyof typeof HEADER_LABELS | undefined => {
  const text = label.trim().toLowerCase();
  return (Object.keys(HEADER_LABELS) as (keyof typeof HEADER_LABELS)[]).find((key) => {
    const known = HEADER_LABELS[key].toLowerCase();
    return known === text || known.split(' / ')[0] === text || known.split(' / ')[1] === text;
  });
};

const pick = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined =>
  value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/**
 * `tukar contract init --dictionary`: a draft contract from a data dictionary table — the form OPDs fill
 * in (nama kolom, tipe, panjang, wajib, keterangan, and optionally format, pilihan nilai, pola, minimum,
 * maksimum, data pribadi) as cells from CSV or a spreadsheet. The header row is found by its column
 * names (Bahasa Indonesia or English); a header block above it (`Kontrak data`, `Versi`, …) and the
 * extras of a Tukar export fill in the rest. Rows with dotted names (nested fields) are informational.
 *
 * @example
 * ```ts
 * import { importDataDictionary, parseCsv, renderImportYaml } from '@tukar/contracts';
 *
 * const cells = parseCsv('Nama kolom,Tipe,Panjang,Wajib,Keterangan\nnpsn,varchar,8,Ya,NPSN sekolah\nnama,teks,120,Ya,\n');
 * console.log(renderImportYaml(importDataDictionary(cells, {}, { name: 'sekolah' })));
 * ```
 */
export function importDataDictionary(
  cells: readonly (readonly string[])[],
  extras: Readonly<Record<string, string>> = {},
  options: ImportOptions & { readonly name?: string } = {},
): ImportResult {
  const headerIndex = cells.findIndex(
    (row) => row.some((c) => columnOf(c) === 'name') && row.some((c) => columnOf(c) === 'type'),
  );
  if (headerIndex < 0) {
    throw new ImportError(
      'invalid_input',
      'no header row with the columns "Nama kolom" and "Tipe" (or "Field" and "Type") was found',
    );
  }
  const columns = (cells[headerIndex] ?? []).map(columnOf);
  const block: Partial<Record<keyof typeof HEADER_LABELS, string>> = {};
  for (const row of cells.slice(0, headerIndex)) {
    const key = labelKey(row[0] ?? '');
    if (key && row[1] !== undefined && row[1] !== '') block[key] = row[1];
  }
  const decisions: ImportDecision[] = [];
  const properties: Record<string, PropertySchema> = {};
  const required: string[] = [];
  for (const [offset, row] of cells.slice(headerIndex + 1).entries()) {
    const named: DictionaryCells = {};
    row.forEach((value, i) => {
      const column: DictionaryColumn | undefined = columns[i];
      if (column && value.trim() !== '') named[column] = value;
    });
    const name = named.name?.trim();
    if (!name) continue;
    if (name.includes('.') && properties[name.split('.')[0] ?? '']) continue; // a nested field, described by its parent
    if (properties[name])
      throw new ImportError(
        'invalid_input',
        `row ${headerIndex + offset + 2}: the column ${name} appears twice`,
      );
    const mapped = rowSchema(named);
    properties[name] = mapped.schema;
    if (mapped.unmapped)
      decisions.push({ field: name, message: `row ${headerIndex + offset + 2}: ${mapped.unmapped}` });
    if (isYes(named.required)) required.push(name);
  }
  if (Object.keys(properties).length === 0)
    throw new ImportError('invalid_input', 'the data dictionary has no rows under its header');
  const fromTukar = block.contract !== undefined && block.classification !== undefined;
  const suggestions: ImportSuggestion[] = fromTukar
    ? []
    : suggestForProperties(options.name ?? 'data', properties, {});
  for (const s of suggestions)
    if (!s.applied)
      decisions.push({ field: s.field, message: `${s.keyword} ${String(s.value)}? ${s.reason}` });
  let primaryKey = (block.primaryKey ?? '').split(/\s*,\s*/).filter((k) => k !== '' && properties[k]);
  if (primaryKey.length === 0) {
    primaryKey = [required[0] ?? Object.keys(properties)[0] ?? 'id'];
    decisions.push({
      message: `no primary key given: primaryKey is [${primaryKey.join(', ')}]; write the columns that identify a record`,
    });
  }
  const owner =
    block.opd && block.contact
      ? { opd: block.opd, contact: block.contact, ...(block.unit ? { unit: block.unit } : {}) }
      : undefined;
  const classification = pick(block.classification, CLASSIFICATIONS);
  const updateFrequency = pick(block.updateFrequency, UPDATE_FREQUENCIES);
  const header = contractHeader(
    options.name ?? block.contract?.split('.').pop() ?? 'data',
    Object.values(properties).some((p) => p['x-pii'] === true),
    {
      ...options,
      ...(block.contract && !options.contract ? { contract: block.contract } : {}),
      ...(block.version && !options.version ? { version: block.version } : {}),
      ...(block.title && !options.title ? { title: block.title } : {}),
      ...(owner && !options.owner ? { owner } : {}),
      ...(block.steward && !options.steward ? { steward: block.steward } : {}),
      ...(classification && !options.classification ? { classification } : {}),
      ...(updateFrequency && !options.updateFrequency ? { updateFrequency } : {}),
    },
    decisions,
    suggestions,
  );
  const json = (key: string): unknown => {
    const text = extras[key];
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new ImportError('invalid_input', `the extra ${key} is not JSON`, { cause });
    }
  };
  const schema: Record<string, unknown> = { type: 'object' };
  for (const key of Object.keys(extras))
    if (key.startsWith('schema.')) schema[key.slice('schema.'.length)] = json(key);
  schema.required = required;
  schema.properties = properties;
  const provider = json('provider');
  const tags = json('tags');
  const examples = json('examples');
  const status = pick(block.status, CONTRACT_STATUSES);
  const compatibility = pick(block.compatibility, COMPATIBILITY_MODES);
  return {
    contract: {
      ...header,
      ...(status ? { status } : {}),
      ...(block.description ? { description: block.description } : {}),
      ...(compatibility ? { compatibility } : {}),
      primaryKey,
      schema,
      ...(provider ? { provider: provider as never } : {}),
      ...(Array.isArray(examples) ? { examples: examples as Record<string, unknown>[] } : {}),
      ...(Array.isArray(tags) ? { tags: tags as string[] } : {}),
    },
    suggestions,
    decisions,
  };
}
