import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { addReferenceFormats, REFERENCE_FORMAT_NAMES } from './formats/index';
import { validateMetaSchema2020 } from './meta-schema-2020.generated';

/** JSON Schema 2020-12's meta-schema: a schema without `$schema` is checked against it too. */
const META_SCHEMA_2020 = 'https://json-schema.org/draft/2020-12/schema';

/** The two record-schema ajv instances of this process: one stops at the first error, one collects all. */
const shared: { fast?: Ajv2020; full?: Ajv2020 } = {};
/** The annotation keywords registered in each shared instance. */
const annotations = new WeakMap<Ajv2020, Set<string>>();

/**
 * The process-wide ajv (JSON Schema 2020-12) instance Tukar compiles record schemas with: strict mode
 * (unknown keywords and formats are errors; union types such as `[string, "null"]` are allowed), the
 * ajv-formats formats, the Indonesian reference-code formats, and every `x-` annotation keyword used in
 * `schema` (such as `x-pii`) registered as an annotation. There is one instance per `allErrors` value, made
 * on first use, once per process. The instances do not check a schema against the meta-schema when
 * compiling it; call {@link checkAgainstMetaSchema} where a schema comes from a user.
 *
 * @example
 * ```ts
 * const validate = compileRecordSchema(sharedAjv({ allErrors: true }, contract.schema), contract.schema);
 * ```
 */
export function sharedAjv(options: { allErrors: boolean }, schema?: unknown): Ajv2020 {
  const slot = options.allErrors ? 'full' : 'fast';
  let ajv = shared[slot];
  if (!ajv) {
    ajv = new Ajv2020({
      strict: true,
      allowUnionTypes: true,
      allErrors: options.allErrors,
      messages: true,
      validateSchema: false,
    });
    addFormats(ajv);
    addReferenceFormats(ajv);
    ajv.addKeyword('x-pii');
    shared[slot] = ajv;
    annotations.set(ajv, new Set(['x-pii']));
  }
  const registered = annotations.get(ajv) as Set<string>;
  for (const keyword of collectAnnotationKeywords(schema)) {
    if (registered.has(keyword)) continue;
    ajv.addKeyword(keyword);
    registered.add(keyword);
  }
  return ajv;
}

/**
 * Compiles `schema` with `ajv` without keeping it in the instance (the compiled function keeps what it
 * needs), so a shared instance neither grows with every contract compiled nor refuses a second schema
 * with the same `$id`.
 *
 * @example
 * ```ts
 * const validate = compileRecordSchema(sharedAjv({ allErrors: false }, schema), schema);
 * ```
 */
export function compileRecordSchema(ajv: Ajv2020, schema: object): ValidateFunction {
  try {
    return ajv.compile(schema);
  } finally {
    ajv.removeSchema(schema);
  }
}

/**
 * Checks `schema` against JSON Schema 2020-12's meta-schema (compiled at build time; another `$schema` is
 * left to the shared instance) and returns ajv's errors, empty when it conforms.
 *
 * @example
 * ```ts
 * const errors = checkAgainstMetaSchema({ type: 'strin' }); // [{ instancePath: '/type', … }, …]
 * ```
 */
export function checkAgainstMetaSchema(schema: object): ErrorObject[] {
  const declared = (schema as { $schema?: unknown }).$schema;
  if (declared === undefined || declared === META_SCHEMA_2020) {
    // Compiled at build time (scripts/generate-meta-schema-validator.ts), with the options below.
    const validate = validateMetaSchema2020 as ((schema: object) => boolean) & {
      errors?: ErrorObject[] | null;
    };
    return validate(schema) ? [] : [...(validate.errors ?? [])];
  }
  const ajv = sharedAjv({ allErrors: true });
  if (ajv.validateSchema(schema)) return [];
  return [...(ajv.errors ?? [])];
}

/** Every object key starting with `x-` anywhere in `value` (annotation keywords to register). */
export function collectAnnotationKeywords(value: unknown): Set<string> {
  const found = new Set<string>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, inner] of Object.entries(node)) {
        if (/^x-[A-Za-z0-9_$:-]+$/.test(key)) found.add(key);
        stack.push(inner);
      }
    }
  }
  return found;
}

let formatNames: readonly string[] | undefined;

/**
 * Names of every `format` a contract schema may use: the ajv-formats set and the reference-code formats.
 *
 * @example
 * ```ts
 * knownFormats().includes('kode-wilayah-desa'); // true
 * ```
 */
export function knownFormats(): readonly string[] {
  if (!formatNames) {
    const ajv = sharedAjv({ allErrors: true });
    const standard = Object.keys(ajv.formats).filter(
      (name) => !REFERENCE_FORMAT_NAMES.includes(name as never),
    );
    formatNames = [...standard.sort(), ...REFERENCE_FORMAT_NAMES];
  }
  return formatNames;
}
