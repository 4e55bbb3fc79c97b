import { unescapePointer } from '../json-pointer';
import type { ChangeDetails, ContractChange } from './change';
import type { ChangeRule } from './rules';

/** A JSON Schema object after `$ref`s are followed and boolean `true` is turned into `{}`. */
export type SchemaNode = Record<string, unknown>;

/** The `false` schema: accepts nothing. */
export const FALSE_SCHEMA: SchemaNode = Object.freeze({ not: {} });

/**
 * What a keyword comparison gets: the two resolved nodes' emitter and a way to recurse into subschemas.
 * Internal to the diff.
 */
export interface DiffContext {
  emit(rule: ChangeRule, path: string, message: string, details?: ChangeDetails): void;
  /** Compares two (unresolved) subschemas found at `path` (one more level down). */
  walk(prev: unknown, next: unknown, path: string): void;
  /** Runs `fn` and returns the changes it emitted instead of keeping them. */
  collect(fn: () => void): ContractChange[];
  /** Keeps changes gathered by {@link collect}. */
  keep(changes: ContractChange[]): void;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A readable name for the field at a schema path: `alamat.kode_pos`, `anggota[].nik`, `the record`. */
export function fieldLabel(path: string): string {
  if (path === '') return 'the record';
  const tokens = path.slice(1).split('/').map(unescapePointer);
  let label = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const next = tokens[i + 1];
    if (token === 'properties' && next !== undefined) {
      label += label === '' ? next : `.${next}`;
      i++;
    } else if (token === 'items') label += '[]';
    else if (token === 'prefixItems' && next !== undefined) {
      label += `[${next}]`;
      i++;
    } else if (token === 'patternProperties' && next !== undefined) {
      label += `${label === '' ? '' : '.'}/${next}/`;
      i++;
    } else if (token === 'additionalProperties' || token === 'unevaluatedProperties') label += '.*';
    else if (next !== undefined && /^(anyOf|oneOf|allOf)$/.test(token ?? '')) {
      label += ` (${token} #${next})`;
      i++;
    } else label += ` (${token})`;
  }
  return `\`${label.trim() || 'the record'}\``;
}
