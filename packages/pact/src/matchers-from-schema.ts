import { exampleFromSchema } from './example-from-schema';
import { escapeRegex, formatPattern, pactRegexFromPattern } from './format-patterns';
import { PactError } from './pact-error';
import {
  isObject,
  jsonTypeOf,
  MAX_SCHEMA_DEPTH,
  pickBranch,
  resolveNode,
  type SchemaNode,
  showPath,
  typeAllows,
  typesOf,
} from './schema-walk';

/**
 * A body template for Pact: plain JSON where any value may be a Pact matcher object
 * (`{ 'pact:matcher:type': …, value }`), as `jsonBody()` of a PactV4 interaction takes it.
 *
 * @example
 * ```ts
 * import { authorizationHeader, hubPact, matchersFromSchema, type PactTemplate } from '@tukar/pact';
 *
 * // contract: loadContract(…).contract
 * const puskesmas: PactTemplate = matchersFromSchema(contract.schema, contract.examples?.[0], { properties: 'required' });
 * hubPact({ consumer: 'ciamis-dinkes-simpus' })
 *   .addInteraction()
 *   .uponReceiving('a request for one puskesmas')
 *   .withRequest('GET', '/v1/datasets/dinkes.puskesmas/records/P3207010101', (b) => b.headers(authorizationHeader()))
 *   .willRespondWith(200, (b) => b.jsonBody({ key: 'P3207010101', record: puskesmas }));
 * ```
 */
export type PactTemplate =
  | string
  | number
  | boolean
  | null
  | PactMatcher
  | PactTemplate[]
  | { [key: string]: PactTemplate };

/**
 * One Pact matcher in the Pact core's integration JSON format.
 *
 * @example
 * ```ts
 * import type { PactMatcher } from '@tukar/pact';
 *
 * // Any kode wilayah kabupaten, answered as 33.74 (Kota Semarang) by the mock server.
 * const kodeWilayah: PactMatcher = { 'pact:matcher:type': 'regex', regex: '^\\d{2}\\.\\d{2}$', value: '33.74' };
 * const body = { kode_wilayah: kodeWilayah, jumlah: { 'pact:matcher:type': 'integer', value: 37 } satisfies PactMatcher };
 * ```
 */
export interface PactMatcher {
  'pact:matcher:type': string;
  value: unknown;
  regex?: string;
  min?: number;
  max?: number;
}

/**
 * Options of {@link matchersFromSchema}.
 *
 * @example
 * ```ts
 * import { type MatchersFromSchemaOptions, matchersFromSchema } from '@tukar/pact';
 *
 * // For a response body: demand only the fields the contract requires of every record.
 * const options: MatchersFromSchemaOptions = { properties: 'required' };
 * const record = matchersFromSchema(contract.schema, contract.examples?.[0], options); // contract: loadContract(…).contract
 * ```
 */
export interface MatchersFromSchemaOptions {
  /**
   * Which properties of an object the template lists:
   * - `'example'` (default): those of the example, plus the required ones — for request bodies, where
   *   the consumer sends exactly these fields;
   * - `'required'`: only the required ones — for response bodies, where records differ in their optional
   *   fields and a pact must not demand a field the contract lets the provider leave out.
   */
  properties?: 'example' | 'required';
}

interface WalkContext {
  root: SchemaNode;
  properties: 'example' | 'required';
}

/**
 * Pact matchers from a contract's JSON Schema, so that a pact says "a record like this" instead of
 * one literal record: strings by their `pattern` (as a whole-value regex), `format` (ISO dates and times,
 * email, URI, UUID, kode wilayah, NIK, NIP, NPSN, NPWP) or length; `enum`s as alternations; integers,
 * numbers and booleans by type; arrays with `eachLike` semantics and `minItems`/`maxItems`; nested
 * objects and local `$ref`s followed.
 *
 * The example gives the values the Pact mock server answers with (and that a verifier sends); without
 * one, values are made from the schema (`examples`, `default`, `enum`, formats, patterns). An example
 * that breaks its own schema is refused with a {@link PactError} naming the field, because the pact
 * would describe a value the hub itself rejects.
 *
 * Not expressible in Pact (so left to the hub and `tukar validate`): numeric ranges, `uniqueItems`,
 * reference codes checked against the Kemendagri list (a pact checks their shape), nullable fields
 * (matched by the example's kind), and patterns with lookaround or backreferences (matched by type).
 *
 * @example
 * ```ts
 * import { loadContract } from '@tukar/contracts';
 * import { matchersFromSchema } from '@tukar/pact';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (!loaded.ok) throw new Error('contract does not load');
 * const puskesmas = matchersFromSchema(loaded.contract.schema, loaded.contract.examples?.[0]);
 * // { kode_puskesmas: { 'pact:matcher:type': 'regex', regex: '^P[0-9]{10}$', value: 'P3207010101' }, … }
 * ```
 */
export function matchersFromSchema(
  schema: unknown,
  example?: unknown,
  options: MatchersFromSchemaOptions = {},
): PactTemplate {
  if (!isObject(schema) && typeof schema !== 'boolean') {
    throw new PactError(
      'invalid_schema',
      `matchersFromSchema: schema must be a JSON Schema object, got ${schema === null ? 'null' : typeof schema}`,
    );
  }
  const properties = options.properties ?? 'example';
  if (properties !== 'example' && properties !== 'required') {
    throw new PactError(
      'invalid_option',
      `matchersFromSchema: options.properties must be 'example' or 'required', got ${JSON.stringify(properties)}`,
    );
  }
  const root = (isObject(schema) ? schema : {}) as SchemaNode;
  return build({ root, properties }, schema, example, '', 0);
}

function fail(path: string, message: string): never {
  throw new PactError('invalid_schema', `example value at ${showPath(path)} ${message}`);
}

function build(ctx: WalkContext, raw: unknown, given: unknown, path: string, depth: number): PactTemplate {
  if (depth > MAX_SCHEMA_DEPTH) {
    throw new PactError('invalid_schema', `schema at ${showPath(path)} is nested too deeply`);
  }
  const node = pickBranch(ctx.root, resolveNode(ctx.root, raw, path), given, path);
  const example = given === undefined ? exampleFromSchema(node, ctx.root) : given;
  const actual = jsonTypeOf(example);
  if (actual === 'undefined' || actual === 'function' || actual === 'symbol' || actual === 'bigint') {
    fail(path, `is ${actual}, not a JSON value`);
  }
  if (typeof example === 'number' && !Number.isFinite(example))
    fail(path, `is ${example}, not a JSON number`);

  if (node.const !== undefined) {
    if (JSON.stringify(node.const) !== JSON.stringify(example)) {
      fail(
        path,
        `is ${JSON.stringify(example)}, the schema wants the constant ${JSON.stringify(node.const)}`,
      );
    }
    return { 'pact:matcher:type': 'equality', value: example };
  }
  if (Array.isArray(node.enum)) {
    const allowed = node.enum.map((value) => JSON.stringify(value));
    if (!allowed.includes(JSON.stringify(example))) {
      fail(path, `is ${JSON.stringify(example)}, not one of ${allowed.join(', ')}`);
    }
    if (typeof example === 'string' && node.enum.every((value) => typeof value === 'string')) {
      const alternatives = (node.enum as string[]).map(escapeRegex).join('|');
      return { 'pact:matcher:type': 'regex', regex: `^(?:${alternatives})$`, value: example };
    }
    return { 'pact:matcher:type': 'equality', value: example };
  }

  const declared = typesOf(node);
  if (declared.length > 0 && !declared.some((type) => typeAllows(type, actual))) {
    fail(
      path,
      `is ${describeType(actual)} ${JSON.stringify(example)}, the schema wants ${declared.join(' or ')}`,
    );
  }
  switch (actual) {
    case 'null':
      return { 'pact:matcher:type': 'null', value: null };
    case 'boolean':
      return { 'pact:matcher:type': 'boolean', value: example };
    case 'integer':
      return declared.includes('integer') || declared.length === 0
        ? { 'pact:matcher:type': 'integer', value: example }
        : { 'pact:matcher:type': 'number', value: example };
    case 'number':
      return { 'pact:matcher:type': 'number', value: example };
    case 'string':
      return stringMatcher(node, example as string, path);
    case 'array':
      return arrayMatcher(ctx, node, example as unknown[], path, depth);
    default:
      return objectTemplate(ctx, node, example as Record<string, unknown>, path, depth, given === undefined);
  }
}

function describeType(type: string): string {
  return type === 'array' || type === 'object' || type === 'integer' ? `an ${type}` : `a ${type}`;
}

function stringMatcher(node: SchemaNode, example: string, path: string): PactTemplate {
  if (typeof node.pattern === 'string') {
    let ecma: RegExp;
    try {
      ecma = new RegExp(node.pattern, 'u');
    } catch (cause) {
      throw new PactError(
        'invalid_schema',
        `schema at ${showPath(path)}: pattern ${node.pattern} is not a valid regex`,
        {
          cause,
        },
      );
    }
    if (!ecma.test(example))
      fail(path, `${JSON.stringify(example)} does not match the pattern ${node.pattern}`);
    const regex = pactRegexFromPattern(node.pattern);
    if (regex) return { 'pact:matcher:type': 'regex', regex, value: example };
  }
  if (typeof node.format === 'string') {
    const known = formatPattern(node.format);
    if (known) {
      if (!new RegExp(known.regex).test(example)) {
        fail(
          path,
          `${JSON.stringify(example)} is not a valid ${node.format} (expected like ${known.example})`,
        );
      }
      return { 'pact:matcher:type': 'regex', regex: known.regex, value: example };
    }
  }
  const length = [...example].length;
  if (node.minLength !== undefined && length < node.minLength) {
    fail(path, `${JSON.stringify(example)} is shorter than minLength ${node.minLength}`);
  }
  if (node.maxLength !== undefined && length > node.maxLength) {
    fail(path, `is ${length} characters long, over maxLength ${node.maxLength}`);
  }
  if ((node.minLength ?? 0) > 0 || node.maxLength !== undefined) {
    const bounds = `${node.minLength ?? 0},${node.maxLength ?? ''}`;
    return { 'pact:matcher:type': 'regex', regex: `^[\\s\\S]{${bounds}}$`, value: example };
  }
  return { 'pact:matcher:type': 'type', value: example };
}

function arrayMatcher(
  ctx: WalkContext,
  node: SchemaNode,
  example: unknown[],
  path: string,
  depth: number,
): PactTemplate {
  if (node.minItems !== undefined && example.length < node.minItems) {
    fail(path, `has ${example.length} items, fewer than minItems ${node.minItems}`);
  }
  if (node.maxItems !== undefined && example.length > node.maxItems) {
    fail(path, `has ${example.length} items, more than maxItems ${node.maxItems}`);
  }
  if (Array.isArray(node.prefixItems)) {
    return example.map((item, i) =>
      build(
        ctx,
        node.prefixItems?.[i] ?? (isObject(node.items) ? node.items : {}),
        item,
        `${path}/${i}`,
        depth + 1,
      ),
    );
  }
  const itemSchema = isObject(node.items) ? node.items : {};
  const template = build(ctx, itemSchema, example[0], `${path}/0`, depth + 1);
  // Every item of the example must fit the schema too, or the pact would carry values the hub rejects.
  for (let i = 1; i < example.length; i++) build(ctx, itemSchema, example[i], `${path}/${i}`, depth + 1);
  const matcher: PactMatcher = { 'pact:matcher:type': 'type', min: node.minItems ?? 0, value: [template] };
  if (node.maxItems !== undefined) matcher.max = node.maxItems;
  return matcher;
}

function objectTemplate(
  ctx: WalkContext,
  node: SchemaNode,
  example: Record<string, unknown>,
  path: string,
  depth: number,
  generated: boolean,
): PactTemplate {
  const required = Array.isArray(node.required) ? node.required : [];
  const properties = isObject(node.properties) ? node.properties : {};
  if (!generated) {
    for (const key of required) {
      if (example[key] === undefined) fail(`${path}/${key}`, 'is missing, and the schema requires it');
    }
  }
  if (node.additionalProperties === false) {
    for (const key of Object.keys(example)) {
      if (!Object.hasOwn(properties, key)) {
        fail(`${path}/${key}`, `is a field the schema does not allow (additionalProperties: false)`);
      }
    }
  }
  const keys =
    ctx.properties === 'required' ? required : [...new Set([...Object.keys(example), ...required])];
  const out: Record<string, PactTemplate> = {};
  for (const key of keys) {
    const schema =
      properties[key] ?? (isObject(node.additionalProperties) ? node.additionalProperties : undefined) ?? {};
    out[key] = build(ctx, schema, example[key], `${path}/${key}`, depth + 1);
  }
  return out;
}

/**
 * The example value of a template: every matcher replaced by its value (arrays of `min` > 1 keep one
 * item). What the Pact mock server answers and what a verifier sends.
 *
 * @example
 * ```ts
 * import { exampleOfTemplate } from '@tukar/pact';
 *
 * exampleOfTemplate({ kode: { 'pact:matcher:type': 'regex', regex: '^P\\d+$', value: 'P1' } }); // { kode: 'P1' }
 * ```
 */
export function exampleOfTemplate(template: unknown): unknown {
  if (Array.isArray(template)) return template.map(exampleOfTemplate);
  if (!isObject(template)) return template;
  if (typeof template['pact:matcher:type'] === 'string') return exampleOfTemplate(template.value);
  return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, exampleOfTemplate(value)]));
}
