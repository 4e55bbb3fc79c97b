import { parse } from 'yaml';
import { CONTRACT_ID_PATTERN, SEMVER_PATTERN } from '../contract-schema';
import type { PropertySchema } from './column-schema';
import { ImportError } from './import-error';
import {
  contractHeader,
  datasetName,
  type ImportDecision,
  type ImportOptions,
  type ImportResult,
} from './import-result';
import { type OdcsProperty, odcsPropertySchema, odcsRequired } from './odcs-property';
import { type ImportSuggestion, suggestForProperties } from './suggest';

type Json = Record<string, unknown>;

const STATUS: Record<string, 'draft' | 'agreed' | 'deprecated' | 'retired'> = {
  proposed: 'draft',
  draft: 'draft',
  active: 'agreed',
  deprecated: 'deprecated',
  retired: 'retired',
};

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function custom(document: Json, name: string): unknown {
  const list = Array.isArray(document.customProperties) ? document.customProperties : [];
  const found = list.find((c) => isObject(c) && c.property === name);
  return isObject(found) ? found.value : undefined;
}

/**
 * The schema objects (tables) of an ODCS document that describe records: those with properties.
 *
 * @example
 * ```ts
 * import { importOdcs, odcsTables } from '@tukar/contracts';
 * import { parse } from 'yaml';
 *
 * declare const text: string; // an ODCS document
 * const document = parse(text) as Record<string, unknown>;
 * for (const table of odcsTables(document)) console.log(table, importOdcs(document, { table }).decisions.length);
 * ```
 */
export function odcsTables(document: unknown): string[] {
  if (!isObject(document) || !Array.isArray(document.schema)) return [];
  return document.schema
    .filter((s): s is Json => isObject(s) && Array.isArray(s.properties) && typeof s.name === 'string')
    .map((s) => String(s.name));
}

function owner(document: Json): ImportOptions['owner'] | undefined {
  const team = document.team;
  const members: unknown[] = Array.isArray(team)
    ? team
    : isObject(team) && Array.isArray(team.members)
      ? team.members
      : [];
  const member = members.find(
    (m) => isObject(m) && typeof m.username === 'string' && m.username.includes('@'),
  );
  if (!isObject(member)) return undefined;
  const opd =
    (isObject(team) && typeof team.name === 'string' && team.name) ||
    (typeof document.domain === 'string' && document.domain) ||
    String(member.name ?? '');
  if (!opd) return undefined;
  return {
    opd,
    contact: String(member.username),
    ...(typeof member.description === 'string' ? { unit: member.description } : {}),
  };
}

/**
 * `tukar contract init --odcs`: a draft contract from an Open Data Contract Standard v3 document (YAML or
 * JSON text, or the parsed object) and one of its schema objects (the first with properties unless
 * `table` names one). Logical types and options, `required`, primary key positions, `unique`,
 * `invalidValues` lists and restricted classifications map to the contract; Tukar's own custom
 * properties (written by {@link toOdcs}) give the rest back exactly.
 *
 * @example
 * ```ts
 * import { importOdcs, renderImportYaml } from '@tukar/contracts';
 *
 * const result = importOdcs(`
 * apiVersion: v3.1.0
 * kind: DataContract
 * id: 53581432-6c55-4ba2-a65f-72344a91553b
 * version: 1.0.0
 * status: active
 * schema:
 *   - name: sekolah
 *     properties:
 *       - { name: npsn, logicalType: string, required: true, primaryKey: true, primaryKeyPosition: 1 }
 * `);
 * console.log(renderImportYaml(result));
 * ```
 */
export function importOdcs(
  source: string | Record<string, unknown>,
  options: ImportOptions & { readonly table?: string } = {},
): ImportResult {
  let document: unknown = source;
  if (typeof source === 'string') {
    try {
      document = parse(source);
    } catch (cause) {
      throw new ImportError(
        'invalid_input',
        `the ODCS document is not YAML or JSON: ${(cause as Error).message}`,
        { cause },
      );
    }
  }
  if (!isObject(document) || document.kind !== 'DataContract' || !Array.isArray(document.schema)) {
    throw new ImportError(
      'invalid_input',
      'not an ODCS v3 document: expected `kind: DataContract` and a `schema` list',
    );
  }
  const tables = odcsTables(document);
  const name = options.table ?? tables[0];
  const table = (document.schema as unknown[]).find((s) => isObject(s) && s.name === name);
  if (!isObject(table) || !Array.isArray(table.properties)) {
    throw new ImportError(
      'invalid_input',
      options.table
        ? `the ODCS document has no schema object ${options.table} with properties (it has: ${tables.join(', ') || 'none'})`
        : 'the ODCS document has no schema object with properties',
    );
  }
  const decisions: ImportDecision[] = [];
  const properties: Record<string, PropertySchema> = {};
  const required: string[] = [];
  const keys: [number, string][] = [];
  const singleUnique: string[][] = [];
  for (const raw of table.properties) {
    if (!isObject(raw) || typeof raw.name !== 'string') continue;
    const property = raw as OdcsProperty;
    const mapped = odcsPropertySchema(property);
    properties[property.name] = mapped.schema;
    if (mapped.unmapped) decisions.push({ field: property.name, message: mapped.unmapped });
    if (odcsRequired(property)) required.push(property.name);
    if (property.primaryKey === true)
      keys.push([property.primaryKeyPosition ?? keys.length + 1, property.name]);
    if (property.unique === true && property.primaryKey !== true) singleUnique.push([property.name]);
  }
  const tukar = custom(document, 'tukarClassification') !== undefined;
  const suggestions: ImportSuggestion[] = tukar ? [] : suggestForProperties(String(name), properties, {});
  for (const s of suggestions) {
    if (!s.applied)
      decisions.push({ field: s.field, message: `${s.keyword} ${String(s.value)}? ${s.reason}` });
  }
  let primaryKey = keys.sort((a, b) => a[0] - b[0]).map(([, key]) => key);
  if (primaryKey.length === 0) {
    primaryKey = [Object.keys(properties)[0] ?? 'id'];
    decisions.push({
      message: `no property is a primaryKey: primaryKey is [${primaryKey.join(', ')}]; write the fields that identify a record`,
    });
  }
  // a key identifies the record: it is always there and never null
  for (const key of primaryKey) {
    if (!required.includes(key)) required.push(key);
    const keySchema = properties[key];
    if (keySchema && Array.isArray(keySchema.type)) {
      const types = keySchema.type.filter((t) => t !== 'null');
      keySchema.type = types.length === 1 ? types[0] : types;
    }
  }
  const id =
    typeof document.id === 'string' && CONTRACT_ID_PATTERN.test(document.id) ? document.id : undefined;
  const domain = [document.domain, document.dataProduct].find((v): v is string => typeof v === 'string');
  const version =
    typeof document.version === 'string' && SEMVER_PATTERN.test(document.version)
      ? document.version
      : undefined;
  if (!version)
    decisions.push({
      message: `version ${JSON.stringify(document.version)} is not a semantic version: 0.1.0 was written`,
    });
  const classification = custom(document, 'tukarClassification');
  const frequency = custom(document, 'tukarUpdateFrequency');
  const steward = custom(document, 'tukarSteward');
  const header = contractHeader(
    String(name),
    Object.values(properties).some((p) => p['x-pii'] === true),
    {
      ...options,
      contract:
        options.contract ??
        id ??
        (domain ? `${datasetName(domain)}.${datasetName(String(name))}` : undefined),
      version: options.version ?? version,
      title:
        options.title ??
        (typeof document.name === 'string'
          ? document.name
          : typeof table.businessName === 'string'
            ? table.businessName
            : String(name)),
      owner: options.owner ?? owner(document),
      ...(typeof steward === 'string' && !options.steward ? { steward } : {}),
      ...(typeof classification === 'string' && !options.classification
        ? { classification: classification as never }
        : {}),
      ...(typeof frequency === 'string' && !options.updateFrequency
        ? { updateFrequency: frequency as never }
        : {}),
    },
    decisions,
    suggestions,
  );
  const description =
    isObject(document.description) && typeof document.description.purpose === 'string'
      ? document.description.purpose
      : typeof table.description === 'string'
        ? table.description
        : undefined;
  const schema: Json = { type: 'object' };
  if (custom(document, 'tukarAdditionalProperties') === false) schema.additionalProperties = false;
  schema.required = required;
  schema.properties = properties;
  const multiUnique = custom(document, 'tukarUnique');
  const unique = [...singleUnique, ...(Array.isArray(multiUnique) ? (multiUnique as string[][]) : [])];
  if (unique.length > 0) schema['x-unique'] = unique;
  const compatibility = custom(document, 'tukarCompatibility');
  const provider = custom(document, 'tukarProvider');
  const examples = custom(document, 'tukarExamples');
  const status = STATUS[String(document.status)] ?? 'draft';
  return {
    contract: {
      ...header,
      status,
      ...(description && !header.description ? { description } : {}),
      ...(typeof compatibility === 'string' ? { compatibility: compatibility as never } : {}),
      primaryKey,
      schema,
      ...(isObject(provider) ? { provider: provider as never } : {}),
      ...(Array.isArray(examples) ? { examples: examples as Json[] } : {}),
      ...(Array.isArray(document.tags) && document.tags.every((t) => typeof t === 'string')
        ? { tags: document.tags as string[] }
        : {}),
    },
    suggestions,
    decisions,
  };
}
