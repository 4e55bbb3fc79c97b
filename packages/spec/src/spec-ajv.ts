import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from './document';

/**
 * Options of {@link createSpecAjv}.
 *
 * @example
 * import { createSpecAjv, type SpecAjvOptions } from '@tukar/spec/operations';
 * // Query strings carry text: convert "50" to 50 and fill in defaults, as the hub does.
 * const options: SpecAjvOptions = { coerceTypes: true, useDefaults: true };
 * const parameters = createSpecAjv(options);
 */
export interface SpecAjvOptions {
  /** The OpenAPI document whose `components` the schemas refer to. Default: the hub API's. */
  document?: object;
  /** Convert values to the schema's type (`"50"` → `50`), for parameters. Default `false`. */
  coerceTypes?: boolean;
  /** Fill in the schemas' `default`s. Default `false`. */
  useDefaults?: boolean;
  /**
   * Rewrites each schema before it is compiled, the document's components included (e.g. to drop
   * `required` when checking a partial response). Default: none.
   */
  transform?: (schema: unknown) => unknown;
}

/**
 * Compiles JSON Schemas of (or inside) the document with ajv: local `$ref`s (`#/components/...`)
 * resolve against the document, OpenAPI formats (`int32`, `int64`, `binary`) and ajv-formats are known.
 *
 * @example
 * import { createSpecAjv, type SpecAjv } from '@tukar/spec/operations';
 * const specAjv: SpecAjv = createSpecAjv();
 * const validate = specAjv.compile({ $ref: '#/components/schemas/PushRequest' });
 * console.log(validate({ upsert: [] }), specAjv.ajv.errorsText(validate.errors));
 */
export interface SpecAjv {
  /** Compiles a schema of the document (cached per schema object). */
  compile(schema: unknown): ValidateFunction;
  /** The ajv instance, for `errorsText` and the like. */
  readonly ajv: Ajv2020;
}

const SCHEMA_ID = 'tukar-openapi';

/** Rewrites local `$ref`s to the id the ajv instance knows the document by. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === '$ref' && typeof item === 'string' && item.startsWith('#/')
        ? `${SCHEMA_ID}${item}`
        : rewriteRefs(item),
    ]),
  );
}

/**
 * The one way Tukar compiles the hub API's schemas with ajv (JSON Schema 2020-12): the hub's request
 * checks, `@tukar/pact`'s pact-against-spec check and the hub tests' response checks all use it.
 *
 * @example
 * import { createSpecAjv, specOperation } from '@tukar/spec/operations';
 *
 * const body = specOperation('pushRecords').requestBody;
 * const validate = createSpecAjv().compile(body?.schema);
 * if (!validate({ upsert: [{ kode_puskesmas: 'P3207010101' }] })) console.error(validate.errors);
 */
export function createSpecAjv(options: SpecAjvOptions = {}): SpecAjv {
  const transform = options.transform ?? ((schema: unknown) => schema);
  const document = (options.document ?? openApiDocument) as { components?: unknown };
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    allowUnionTypes: true,
    coerceTypes: options.coerceTypes ?? false,
    useDefaults: options.useDefaults ?? false,
  });
  addFormats(ajv);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: Number.isSafeInteger });
  ajv.addFormat('binary', true);
  ajv.addSchema(rewriteRefs({ $id: SCHEMA_ID, components: transform(document.components ?? {}) }) as object);
  const cache = new Map<unknown, ValidateFunction>();
  return {
    ajv,
    compile(schema) {
      let validate = cache.get(schema);
      if (!validate) {
        validate = ajv.compile(rewriteRefs(transform(schema ?? {})) as object);
        if (schema !== null && typeof schema === 'object') cache.set(schema, validate);
      }
      return validate;
    },
  };
}
