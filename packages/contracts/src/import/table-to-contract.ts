import { columnSchema, type PropertySchema } from './column-schema';
import { readCommentTags } from './comment-tags';
import { contractHeader, type ImportDecision, type ImportOptions, type ImportResult } from './import-result';
import { type ImportSuggestion, suggestForProperties } from './suggest';
import type { TableDescription } from './table-description';

/** Sample values per column, from the sample records. */
function samplesByColumn(samples: readonly Record<string, unknown>[] | undefined): Record<string, unknown[]> {
  const byColumn: Record<string, unknown[]> = {};
  for (const record of samples ?? []) {
    for (const [key, value] of Object.entries(record)) {
      const values = byColumn[key] ?? [];
      values.push(value);
      byColumn[key] = values;
    }
  }
  return byColumn;
}

function withTags(schema: PropertySchema, comment: string | undefined): PropertySchema {
  const tags = readCommentTags(comment);
  // a [json-schema: …] tag is the property's exact schema (written by toDdl where SQL cannot say it)
  const next: PropertySchema = tags.schema ? { ...tags.schema } : { ...schema };
  delete next.description;
  if (tags.format) next.format = tags.format;
  if (tags.pii) next['x-pii'] = true;
  return tags.text ? { description: tags.text, ...next } : next;
}

/**
 * Turns a table description (from DDL or a live database) into a draft contract: columns → properties,
 * NOT NULL → `required`, primary key → `primaryKey`, unique keys → `x-unique`, comments → descriptions;
 * then suggests reference formats, `x-pii` and classification, and lists what the author must decide.
 *
 * @example
 * ```ts
 * import { tableToContract } from '@tukar/contracts';
 *
 * const result = tableToContract(
 *   {
 *     name: 'penduduk', dialect: 'mysql', primaryKey: ['nik'], uniqueKeys: [], otherChecks: [],
 *     columns: [
 *       { name: 'nik', dataType: 'CHAR', length: 16, nullable: false, rules: [] },
 *       { name: 'nama', dataType: 'VARCHAR', length: 100, nullable: false, rules: [] },
 *     ],
 *   },
 *   { contract: 'disdukcapil.penduduk' },
 * );
 * result.contract.classification; // 'terbatas': nik and nama are personal data
 * ```
 */
export function tableToContract(table: TableDescription, options: ImportOptions = {}): ImportResult {
  const decisions: ImportDecision[] = [];
  const properties: Record<string, PropertySchema> = {};
  const required: string[] = [];
  for (const column of table.columns) {
    const mapped = columnSchema(column);
    properties[column.name] = withTags(mapped.schema, column.comment);
    if (mapped.unmapped) decisions.push({ field: column.name, message: mapped.unmapped });
    if (!column.nullable || readCommentTags(column.comment).required) required.push(column.name);
  }
  for (const check of table.otherChecks) {
    decisions.push({
      message: `CHECK (${check}) spans several columns or is not a simple rule: the contract does not state it; describe it in a description or leave it to the database`,
    });
  }
  const suggestions: ImportSuggestion[] = suggestForProperties(
    table.name,
    properties,
    samplesByColumn(options.samples),
  );
  for (const s of suggestions) {
    if (!s.applied)
      decisions.push({ field: s.field, message: `${s.keyword} ${String(s.value)}? ${s.reason}` });
  }
  const hasPii = Object.values(properties).some((p) => p['x-pii'] === true);
  let primaryKey = [...table.primaryKey];
  if (primaryKey.length === 0) {
    const unique = table.uniqueKeys.find((key) => key.every((name) => required.includes(name)));
    primaryKey = unique ? [...unique] : [table.columns[0]?.name ?? 'id'];
    decisions.push({
      message: `the table has no primary key: primaryKey is [${primaryKey.join(', ')}]${unique ? ' (a unique key)' : ''}; write the columns that identify a record`,
    });
  }
  const tableTags = readCommentTags(table.comment);
  const schema: Record<string, unknown> = { type: 'object' };
  if (
    options.additionalProperties === false ||
    (options.additionalProperties === undefined && tableTags.closed)
  ) {
    schema.additionalProperties = false;
  }
  schema.required = required;
  schema.properties = properties;
  const unique = table.uniqueKeys.filter((key) => key.join() !== primaryKey.join());
  if (unique.length > 0) schema['x-unique'] = unique.map((key) => [...key]);
  const header = contractHeader(table.name, hasPii, options, decisions, suggestions);
  const examples = hasPii ? [] : (options.samples ?? []).slice(0, 2);
  return {
    contract: {
      ...header,
      ...(options.title || !tableTags.text ? {} : { title: tableTags.text }),
      primaryKey,
      schema,
      ...(examples.length > 0 ? { examples: examples.map((e) => ({ ...e })) } : {}),
    },
    suggestions,
    decisions,
  };
}
