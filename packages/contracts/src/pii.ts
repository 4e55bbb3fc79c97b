import { getByPointer, joinPointer, parsePointer } from './json-pointer';

/**
 * Masks one value for reports and logs. The rule, applied to the value's text (`String(value)` for
 * numbers and booleans):
 * - 12 characters or more: keep the first 4 and the last 2, replace the rest with `*`
 *   (`3207011203850001` → `3207**********01`);
 * - 4 to 11 characters: keep the first and the last, replace the rest with `*` (`Budi` → `B**i`);
 * - fewer than 4 characters: every character becomes `*`.
 * `null` and `undefined` stay as they are (there is nothing to hide); objects and arrays are masked leaf by leaf
 * (a part nested deeper than 128 levels becomes `'…'` as a whole).
 *
 * @example
 * ```ts
 * maskValue('3207011203850001'); // '3207**********01'
 * maskValue('Siti Aminah'); // 'S*********h'
 * ```
 */
export function maskValue(value: unknown): unknown {
  return maskBounded(value, MAX_MASK_DEPTH);
}

/**
 * How deep masking follows nested objects and arrays. A part nested deeper (a hostile record; the hub
 * refuses bodies deeper than 100 levels before this) is replaced as a whole by {@link TOO_DEEP}: nothing
 * in it is shown, and no recursion goes deeper than this.
 */
const MAX_MASK_DEPTH = 128;
const TOO_DEEP = '…';

function maskBounded(value: unknown, levels: number): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'object' && levels === 0) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => maskBounded(item, levels - 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = maskBounded(inner, levels - 1);
    return out;
  }
  const text = String(value);
  const n = [...text].length;
  const chars = [...text];
  if (n >= 12) return chars.slice(0, 4).join('') + '*'.repeat(n - 6) + chars.slice(n - 2).join('');
  if (n >= 4) return chars[0] + '*'.repeat(n - 2) + chars[n - 1];
  return '*'.repeat(n);
}

type SchemaNode = Record<string, unknown>;

function isObject(value: unknown): value is SchemaNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Lists the record pointers of the fields marked `x-pii: true` in a record schema, following local `$ref`s,
 * nested objects, arrays (`*` stands for every array item or every additional property) and
 * `allOf`/`anyOf`/`oneOf`/`if`/`then`/`else` branches. A field inside a PII object is covered by its parent's
 * pointer. A recursive `$ref` is followed once (the list is finite); {@link isPiiField} and
 * {@link maskRecord} follow recursion to any depth.
 *
 * @example
 * ```ts
 * piiPaths({
 *   type: 'object',
 *   properties: { nik: { type: 'string', 'x-pii': true }, anggota: { type: 'array', items: { $ref: '#/$defs/orang' } } },
 *   $defs: { orang: { type: 'object', properties: { nama: { type: 'string', 'x-pii': true } } } },
 * }); // ['/nik', '/anggota/*\/nama']
 * ```
 */
export function piiPaths(schema: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: unknown, at: string, refs: ReadonlySet<string>): void => {
    if (!isObject(node)) return;
    if (node['x-pii'] === true) {
      found.add(at);
      return;
    }
    if (typeof node.$ref === 'string' && !refs.has(node.$ref)) {
      const target = node.$ref.startsWith('#') ? getByPointer(schema, node.$ref) : undefined;
      walk(target, at, new Set([...refs, node.$ref]));
    }
    if (isObject(node.properties)) {
      for (const [name, sub] of Object.entries(node.properties)) walk(sub, joinPointer(at, name), refs);
    }
    for (const key of [
      'additionalProperties',
      'items',
      'contains',
      'unevaluatedItems',
      'unevaluatedProperties',
    ]) {
      walk(node[key], `${at}/*`, refs);
    }
    if (isObject(node.patternProperties)) {
      for (const sub of Object.values(node.patternProperties)) walk(sub, `${at}/*`, refs);
    }
    if (Array.isArray(node.prefixItems)) {
      node.prefixItems.forEach((sub, i) => {
        walk(sub, joinPointer(at, i), refs);
      });
    }
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      if (Array.isArray(node[key])) for (const sub of node[key] as unknown[]) walk(sub, at, refs);
    }
    for (const key of ['if', 'then', 'else', 'not']) walk(node[key], at, refs);
    if (isObject(node.dependentSchemas))
      for (const sub of Object.values(node.dependentSchemas)) walk(sub, at, refs);
  };
  walk(schema, '', new Set());
  return [...found].sort();
}

/**
 * `true` when the record pointer `instancePath` (as ajv reports it) is, or is inside, one of the PII
 * pointers from {@link piiPaths}.
 *
 * @example
 * ```ts
 * isPiiPointer(['/anggota/*\/nama'], '/anggota/3/nama'); // true
 * ```
 */
export function isPiiPointer(paths: readonly string[], instancePath: string): boolean {
  if (paths.length === 0) return false;
  const tokens = parsePointer(instancePath) ?? [];
  return paths.some((pattern) => {
    const want = parsePointer(pattern) ?? [];
    if (want.length > tokens.length) return false;
    return want.every((token, i) => token === '*' || token === tokens[i]);
  });
}

/** The schemas that apply at a node: itself, its `$ref` targets and its combinator branches (cycles cut). */
function expand(
  root: unknown,
  node: unknown,
  out: SchemaNode[] = [],
  seen = new Set<unknown>(),
): SchemaNode[] {
  if (!isObject(node) || seen.has(node)) return out;
  seen.add(node);
  out.push(node);
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#'))
    expand(root, getByPointer(root, node.$ref), out, seen);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(node[key])) for (const sub of node[key] as unknown[]) expand(root, sub, out, seen);
  }
  for (const key of ['then', 'else']) expand(root, node[key], out, seen);
  return out;
}

function childSchemas(
  root: unknown,
  schemas: readonly SchemaNode[],
  token: string,
  isIndex: boolean,
): SchemaNode[] {
  const out: SchemaNode[] = [];
  for (const schema of schemas) {
    if (isIndex) {
      const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
      const index = Number(token);
      if (index < prefix.length) expand(root, prefix[index], out);
      else expand(root, schema.items, out);
      continue;
    }
    const properties = isObject(schema.properties) ? schema.properties : {};
    let matched = Object.hasOwn(properties, token);
    if (matched) expand(root, properties[token], out);
    if (isObject(schema.patternProperties)) {
      for (const [pattern, sub] of Object.entries(schema.patternProperties)) {
        try {
          if (new RegExp(pattern, 'u').test(token)) {
            matched = true;
            expand(root, sub, out);
          }
        } catch {
          // an invalid pattern is reported by the loader
        }
      }
    }
    if (!matched) expand(root, schema.additionalProperties, out);
  }
  return out;
}

const isPiiSchema = (schemas: readonly SchemaNode[]) => schemas.some((s) => s['x-pii'] === true);

/**
 * `true` when the record field at `pointer` is personal data: it, or a field containing it, is marked
 * `x-pii: true` in `schema` (following `$ref`s to any depth, so recursive schemas are covered).
 *
 * @example
 * ```ts
 * isPiiField(schema, '/kepala/atasan/nama'); // true when orang.nama is x-pii
 * ```
 */
export function isPiiField(schema: unknown, pointer: string): boolean {
  let schemas = expand(schema, schema);
  if (isPiiSchema(schemas)) return true;
  for (const token of parsePointer(pointer) ?? []) {
    schemas = childSchemas(schema, schemas, token, /^\d+$/.test(token));
    if (schemas.length === 0) return false;
    if (isPiiSchema(schemas)) return true;
  }
  return false;
}

function maskWith(root: unknown, value: unknown, schemas: readonly SchemaNode[], levels: number): unknown {
  if (isPiiSchema(schemas)) return maskValue(value);
  if (value !== null && typeof value === 'object' && levels === 0) return TOO_DEEP;
  if (Array.isArray(value)) {
    return value.map((item, i) =>
      maskWith(root, item, childSchemas(root, schemas, String(i), true), levels - 1),
    );
  }
  if (isObject(value)) {
    const out: SchemaNode = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] =
        schemas.length === 0
          ? deepCopy(inner, levels - 1)
          : maskWith(root, inner, childSchemas(root, schemas, key, false), levels - 1);
    }
    return out;
  }
  return value;
}

function deepCopy(value: unknown, levels: number): unknown {
  if (value !== null && typeof value === 'object' && levels === 0) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => deepCopy(item, levels - 1));
  if (isObject(value)) {
    const out: SchemaNode = {};
    for (const [key, inner] of Object.entries(value)) out[key] = deepCopy(inner, levels - 1);
    return out;
  }
  return value;
}

/**
 * Returns a deep copy of `record` with every `x-pii` field masked by {@link maskValue}; the input is not changed.
 * The record is walked together with the schema, so `$ref`s, recursive schemas, arrays, `patternProperties`
 * and `additionalProperties` are followed; combinator branches are merged (PII in any branch masks). A part of the
 * record nested deeper than 128 levels is replaced as a whole by `'…'` (bounded recursion, nothing shown).
 *
 * @example
 * ```ts
 * const schema = { type: 'object', properties: { nik: { type: 'string', 'x-pii': true }, kota: { type: 'string' } } };
 * maskRecord(schema, { nik: '3207011203850001', kota: 'Ciamis' }); // { nik: '3207**********01', kota: 'Ciamis' }
 * ```
 */
export function maskRecord<T>(schema: unknown, record: T): T {
  return maskWith(schema, record, expand(schema, schema), MAX_MASK_DEPTH) as T;
}
