import { openApiDocument, type operations } from '@tukar/spec';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { HubProblem } from './hub-problem';

/** The operationId of every operation of the hub API. */
export type OperationId = keyof operations;

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: unknown;
}

interface OperationObject {
  operationId: OperationId;
  parameters?: Array<ParameterObject | { $ref: string }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: unknown }> };
  security?: unknown[];
}

/** One operation of the spec, with what the hub needs to route and check it. */
export interface SpecOperation {
  id: OperationId;
  method: string;
  /** The spec's path, e.g. `/v1/datasets/{datasetId}`. */
  path: string;
  /** The same path in Hono's syntax, e.g. `/v1/datasets/:datasetId`. */
  routePath: string;
  /** `true` for operations that need no API key (`security: []`). */
  anonymous: boolean;
  parameters: ParameterObject[];
  /** Media types of the request body, or empty when the operation takes none. */
  bodyTypes: string[];
  bodyRequired: boolean;
  bodySchema: unknown;
}

const SCHEMA_ID = 'tukar-hub-api';
const document = openApiDocument as unknown as {
  paths: Record<string, Record<string, OperationObject | ParameterObject[]>>;
  components: { parameters: Record<string, ParameterObject>; schemas: Record<string, unknown> };
};

/** Rewrites the document's local `$ref`s to the id the ajv instances know it by. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] =
        key === '$ref' && typeof item === 'string' && item.startsWith('#/')
          ? `${SCHEMA_ID}${item}`
          : rewriteRefs(item);
    }
    return out;
  }
  return value;
}

function resolveParameter(param: ParameterObject | { $ref: string }): ParameterObject {
  if ('$ref' in param) {
    const name = param.$ref.split('/').pop() as string;
    const resolved = document.components.parameters[name];
    if (!resolved) throw new Error(`The hub's OpenAPI document has a dangling parameter $ref ${param.$ref}.`);
    return resolved;
  }
  return param;
}

/** Every operation of the `@tukar/spec` document, in document order. */
export const SPEC_OPERATIONS: readonly SpecOperation[] = Object.entries(document.paths).flatMap(
  ([path, item]) => {
    const shared = ((item.parameters as ParameterObject[] | undefined) ?? []).map(resolveParameter);
    return Object.entries(item)
      .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
      .map(([method, raw]) => {
        const op = raw as OperationObject;
        const parameters = [...shared, ...(op.parameters ?? []).map(resolveParameter)];
        const content = op.requestBody?.content ?? {};
        const bodyTypes = Object.keys(content);
        return {
          id: op.operationId,
          method: method.toUpperCase(),
          path,
          routePath: path.replace(/\{([^}]+)\}/g, ':$1'),
          anonymous: Array.isArray(op.security) && op.security.length === 0,
          parameters,
          bodyTypes,
          bodyRequired: op.requestBody?.required === true,
          bodySchema: bodyTypes[0] ? content[bodyTypes[0]]?.schema : undefined,
        };
      });
  },
);

function makeAjv(coerceTypes: boolean): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes, useDefaults: coerceTypes });
  addFormats(ajv);
  ajv.addFormat('int64', { type: 'number', validate: Number.isSafeInteger });
  ajv.addFormat('binary', true);
  ajv.addSchema(rewriteRefs({ $id: SCHEMA_ID, components: document.components }) as object);
  return ajv;
}

let bodyAjv: Ajv2020 | undefined;
let parameterAjv: Ajv2020 | undefined;
const bodyValidators = new Map<OperationId, ValidateFunction>();
const parameterValidators = new Map<string, ValidateFunction>();

/** A readable line for one ajv error, with where it happened. */
function describe(error: ErrorObject, where: string): string {
  const at = error.instancePath === '' ? where : `${where}${error.instancePath}`;
  if (error.keyword === 'required') return `${at}: "${String(error.params.missingProperty)}" is required`;
  if (error.keyword === 'additionalProperties')
    return `${at}: unknown property "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'enum')
    return `${at}: must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${at}: ${error.message ?? error.keyword}`;
}

/** The first few errors, deduplicated (a `oneOf` can report the same place many times). */
function summarize(errors: readonly ErrorObject[], where: string): string {
  const lines = [
    ...new Set(
      errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if').map((e) => describe(e, where)),
    ),
  ];
  const shown = lines.slice(0, 5).join('; ');
  return lines.length > 5 ? `${shown}; and ${lines.length - 5} more` : shown;
}

/**
 * Checks a request body against the operation's schema in the spec. Throws a 400 `bad_request` that
 * names each wrong field (`body/upsert: must NOT have more than 5000 items`).
 */
export function checkBody(op: SpecOperation, body: unknown): void {
  if (op.bodySchema === undefined) return;
  let validate = bodyValidators.get(op.id);
  if (!validate) {
    bodyAjv ??= makeAjv(false);
    validate = bodyAjv.compile(rewriteRefs(op.bodySchema) as object);
    bodyValidators.set(op.id, validate);
  }
  if (!validate(body)) {
    throw new HubProblem(
      400,
      'bad_request',
      `The request body does not match the API: ${summarize(validate.errors ?? [], 'body')}.`,
    );
  }
}

/**
 * Checks and converts (string → integer, defaults) the parameters of one location. Returns the
 * converted values; throws a 400 that names the parameter.
 */
export function checkParameters(
  op: SpecOperation,
  location: 'path' | 'query' | 'header',
  values: Record<string, string | undefined>,
): Record<string, unknown> {
  const params = op.parameters.filter((p) => p.in === location);
  const cacheKey = `${op.id} ${location}`;
  let validate = parameterValidators.get(cacheKey);
  if (!validate) {
    parameterAjv ??= makeAjv(true);
    const schema = {
      type: 'object',
      properties: Object.fromEntries(
        params.map((p) => [location === 'header' ? p.name.toLowerCase() : p.name, rewriteRefs(p.schema)]),
      ),
      required: params
        .filter((p) => p.required)
        .map((p) => (location === 'header' ? p.name.toLowerCase() : p.name)),
    };
    validate = parameterAjv.compile(schema);
    parameterValidators.set(cacheKey, validate);
  }
  const data: Record<string, unknown> = {};
  for (const p of params) {
    const name = location === 'header' ? p.name.toLowerCase() : p.name;
    const value = values[name];
    if (value !== undefined) data[name] = value;
  }
  if (!validate(data)) {
    const missingKey =
      location === 'header' &&
      (validate.errors ?? []).some(
        (e) => e.keyword === 'required' && e.params.missingProperty === 'idempotency-key',
      );
    if (missingKey) {
      throw new HubProblem(
        400,
        'idempotency_key_required',
        'The Idempotency-Key header is required: send a unique key per batch (8–128 characters of A-Z a-z 0-9 . _ : -) and reuse it only when retrying the same batch.',
      );
    }
    const label =
      location === 'header' ? 'header' : location === 'path' ? 'path parameter' : 'query parameter';
    throw new HubProblem(
      400,
      'bad_request',
      `Invalid ${label}: ${summarize(validate.errors ?? [], '')
        .replace(/^\//, '')
        .replace(/; \//g, '; ')}.`,
    );
  }
  return data;
}
