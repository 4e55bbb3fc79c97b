import type { PropertySchema } from './column-schema';
import { contractHeader, type ImportDecision, type ImportOptions, type ImportResult } from './import-result';
import { type ImportSuggestion, suggestForProperties } from './suggest';

/** What was seen of one field across the records. */
interface FieldStats {
  present: number;
  types: Set<string>;
  /** Non-null string values (up to the sample cap), for formats and reference codes. */
  strings: string[];
  distinct: Map<string, number>;
  tooMany: boolean;
  children?: Map<string, FieldStats>;
  objects: number;
  items?: FieldStats;
}

const newStats = (): FieldStats => ({
  present: 0,
  types: new Set(),
  strings: [],
  distinct: new Map(),
  tooMany: false,
  objects: 0,
});

const STRING_FORMATS: readonly [string, RegExp][] = [
  ['date', /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/],
  ['date-time', /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}(:?\d{2})?)$/],
  ['iso-date-time', /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}(:?\d{2})?)?$/],
  ['iso-time', /^\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}(:?\d{2})?)?$/],
  ['email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/],
  ['uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i],
];

/**
 * Options of {@link inferFromRecords}: the contract facts, a dataset name and the limits of inference.
 *
 * @example
 * ```ts
 * import type { InferOptions } from '@tukar/contracts';
 *
 * const options: InferOptions = { name: 'umkm', contract: 'diskumdag.umkm', enumMax: 8 };
 * ```
 */
export interface InferOptions extends ImportOptions {
  /** Dataset name, for the contract id and the person-data heuristics (e.g. the file name). */
  readonly name?: string;
  /** A string field with at most this many distinct values (each seen several times) becomes an enum. Default 12. */
  readonly enumMax?: number;
  /** String values kept per field to check formats and reference codes. Default 10,000. */
  readonly sampleCap?: number;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function observe(
  stats: FieldStats,
  value: unknown,
  options: Required<Pick<InferOptions, 'enumMax' | 'sampleCap'>>,
): void {
  stats.present++;
  const type = jsonType(value);
  stats.types.add(type);
  if (type === 'string') {
    const text = value as string;
    if (stats.strings.length < options.sampleCap) stats.strings.push(text);
    if (!stats.tooMany) {
      stats.distinct.set(text, (stats.distinct.get(text) ?? 0) + 1);
      if (stats.distinct.size > options.enumMax) stats.tooMany = true;
    }
  } else if (type === 'object') {
    stats.objects++;
    stats.children ??= new Map();
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      let child = stats.children.get(key);
      if (!child) {
        child = newStats();
        stats.children.set(key, child);
      }
      observe(child, inner, options);
    }
  } else if (type === 'array') {
    stats.items ??= newStats();
    for (const item of value as unknown[]) observe(stats.items, item, options);
  }
}

function fieldSchema(stats: FieldStats, enumMax: number): PropertySchema {
  const types = new Set(stats.types);
  if (types.has('integer') && types.has('number')) types.delete('integer');
  const nonNull = [...types].filter((t) => t !== 'null');
  const schema: PropertySchema = {};
  if (nonNull.length === 1) schema.type = types.has('null') ? [nonNull[0], 'null'] : nonNull[0];
  else if (nonNull.length > 1) schema.type = [...nonNull, ...(types.has('null') ? ['null'] : [])];
  if (nonNull.length === 1 && nonNull[0] === 'string') {
    const format = STRING_FORMATS.find(
      ([, re]) => stats.strings.length > 0 && stats.strings.every((s) => re.test(s)),
    )?.[0];
    if (format) schema.format = format;
    const seen = stats.strings.length;
    if (
      !format &&
      !stats.tooMany &&
      stats.distinct.size > 0 &&
      seen >= 5 * stats.distinct.size &&
      stats.distinct.size <= enumMax
    ) {
      schema.enum = [...stats.distinct.keys()].sort();
      if (types.has('null')) schema.enum = [...(schema.enum as string[]), null];
    }
  }
  if (nonNull.length === 1 && nonNull[0] === 'object' && stats.children) {
    Object.assign(schema, objectSchema(stats.children, stats.objects, enumMax));
  }
  if (nonNull.length === 1 && nonNull[0] === 'array' && stats.items && stats.items.present > 0) {
    schema.items = fieldSchema(stats.items, enumMax);
  }
  return schema;
}

function objectSchema(children: Map<string, FieldStats>, count: number, enumMax: number): PropertySchema {
  const properties: Record<string, PropertySchema> = {};
  const required: string[] = [];
  for (const [key, child] of children) {
    properties[key] = fieldSchema(child, enumMax);
    if (child.present === count) required.push(key);
  }
  return { required, properties };
}

/** Suggestions (formats, x-pii) on every object level; field names are dot paths. */
function suggestDeep(
  name: string,
  schema: PropertySchema,
  stats: Map<string, FieldStats>,
  prefix: string,
  out: ImportSuggestion[],
): void {
  const properties = schema.properties as Record<string, PropertySchema> | undefined;
  if (!properties) return;
  const samples = Object.fromEntries([...stats].map(([key, s]) => [key, s.strings]));
  for (const s of suggestForProperties(name, properties, samples)) {
    out.push(s.field ? { ...s, field: `${prefix}${s.field}` } : s);
  }
  for (const [key, child] of stats) {
    const inner = properties[key];
    if (inner && child.children) suggestDeep(key, inner, child.children, `${prefix}${key}.`, out);
  }
}

function keyOf(records: readonly Record<string, unknown>[], fields: readonly string[]): boolean {
  const seen = new Set<string>();
  for (const record of records) {
    const parts = fields.map((f) => record[f]);
    if (parts.some((p) => p === null || p === undefined || typeof p === 'object')) return false;
    const key = JSON.stringify(parts);
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

/** The smallest set of required fields (one or two) whose values identify each record. */
function inferKey(
  records: readonly Record<string, unknown>[],
  required: readonly string[],
): string[] | undefined {
  const ranked = [...required].sort(
    (a, b) =>
      Number(/^(id|kode|no|nik|nib|npsn|nip)/.test(b)) - Number(/^(id|kode|no|nik|nib|npsn|nip)/.test(a)),
  );
  for (const field of ranked) if (keyOf(records, [field])) return [field];
  for (let i = 0; i < ranked.length; i++) {
    for (let j = i + 1; j < ranked.length; j++) {
      const pair = [ranked[i] as string, ranked[j] as string];
      if (keyOf(records, pair)) return pair;
    }
  }
  return undefined;
}

/**
 * `tukar contract init --sample`: infers a draft contract from sample records (a JSON array or NDJSON
 * file, or records crawled from an endpoint): types (with `null`), required = present in every record,
 * enums for small closed sets of strings, formats from values (dates, times, e-mail, UUID) and the
 * reference codes (Kemendagri kode wilayah, NIK, NIP, NPSN) with `x-pii` and classification, nested
 * objects, and a primary key from the fields whose values are unique.
 *
 * @example
 * ```ts
 * import { inferFromRecords, renderImportYaml } from '@tukar/contracts';
 *
 * const records = [
 *   { npsn: '20211111', nama: 'SDN 1 Ciamis', jenjang: 'SD', kode_desa: '32.07.01.2008' },
 *   { npsn: '20211112', nama: 'SMPN 1 Ciamis', jenjang: 'SMP', kode_desa: '32.07.02.2001' },
 * ];
 * console.log(renderImportYaml(inferFromRecords(records, { name: 'sekolah', contract: 'disdik.sekolah' })));
 * ```
 */
export function inferFromRecords(
  records: readonly Record<string, unknown>[],
  options: InferOptions = {},
): ImportResult {
  const limits = { enumMax: options.enumMax ?? 12, sampleCap: options.sampleCap ?? 10_000 };
  const top = new Map<string, FieldStats>();
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      let stats = top.get(key);
      if (!stats) {
        stats = newStats();
        top.set(key, stats);
      }
      observe(stats, value, limits);
    }
  }
  const name = options.name ?? 'data';
  const decisions: ImportDecision[] = [];
  const object = objectSchema(top, records.length, limits.enumMax);
  const suggestions: ImportSuggestion[] = [];
  // a reference format (a few kode desa, say) beats an enum of the same few values
  const enums = new Map<PropertySchema, unknown>();
  const setAside = (schema: PropertySchema): void => {
    if (schema.enum !== undefined) {
      enums.set(schema, schema.enum);
      delete schema.enum;
    }
    for (const inner of Object.values((schema.properties ?? {}) as Record<string, PropertySchema>))
      setAside(inner);
  };
  setAside(object);
  suggestDeep(name, object, top, '', suggestions);
  for (const [schema, values] of enums) if (schema.format === undefined) schema.enum = values;
  for (const s of suggestions) {
    if (!s.applied)
      decisions.push({ field: s.field, message: `${s.keyword} ${String(s.value)}? ${s.reason}` });
  }
  const required = object.required as string[];
  const properties = object.properties as Record<string, PropertySchema>;
  for (const [key, schema] of Object.entries(properties)) {
    if (Array.isArray(schema.enum)) {
      suggestions.push({
        field: key,
        keyword: 'enum',
        value: (schema.enum as unknown[]).filter((v) => v !== null).join(', '),
        reason: `only ${(schema.enum as unknown[]).filter((v) => v !== null).length} distinct values in ${records.length} records: check no other value is possible`,
        applied: true,
      });
    }
  }
  let primaryKey = inferKey(records, required);
  if (primaryKey) {
    decisions.push({
      message: `primaryKey [${primaryKey.join(', ')}] was inferred: its values are unique in the ${records.length} records; confirm it identifies a record`,
    });
  } else {
    primaryKey = [required[0] ?? Object.keys(properties)[0] ?? 'id'];
    decisions.push({
      message: `no field is unique in the records: primaryKey is [${primaryKey.join(', ')}]; write the fields that identify a record`,
    });
  }
  if (records.length === 0) decisions.push({ message: 'no records: the schema is empty' });
  const hasPii = JSON.stringify(properties).includes('"x-pii":true');
  const header = contractHeader(name, hasPii, options, decisions, suggestions);
  return {
    contract: { ...header, primaryKey, schema: { type: 'object', required, properties } },
    suggestions,
    decisions,
  };
}
