import { openApiDocument } from './document';
import type { operations } from './schema.generated';

/**
 * The `operationId` of every operation of the hub API.
 *
 * @example
 * import type { OperationId } from '@tukar/spec/operations';
 * const push: OperationId = 'pushRecords';
 */
export type OperationId = keyof operations;

/**
 * Who may call an operation, from its `x-tukar-role`: `public` needs no API key, `client` needs any
 * valid key (access to a dataset is then decided by grants), `admin` needs the administrator's role.
 *
 * @example
 * import { SPEC_OPERATIONS, type OperationRole } from '@tukar/spec/operations';
 * const adminOnly = (role: OperationRole) => role === 'admin';
 * console.log(SPEC_OPERATIONS.filter((op) => adminOnly(op.role)).map((op) => op.id));
 */
export type OperationRole = 'public' | 'client' | 'admin';

/**
 * One parameter of an operation (path-level and operation-level parameters merged, `$ref`s resolved).
 *
 * @example
 * import { SPEC_OPERATIONS, type OperationParameter } from '@tukar/spec/operations';
 * const required = (p: OperationParameter) => p.required;
 * console.log(SPEC_OPERATIONS.find((op) => op.id === 'pushRecords')?.parameters.filter(required).map((p) => p.name));
 */
export interface OperationParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  /** The parameter's JSON Schema as the document writes it (local `$ref`s unresolved). */
  readonly schema: unknown;
}

/**
 * Size limits of one operation, from `info.x-tukar-limits` and the operation's schemas.
 *
 * @example
 * import { SPEC_OPERATIONS, type OperationLimits } from '@tukar/spec/operations';
 * const limits: OperationLimits | undefined = SPEC_OPERATIONS.find((op) => op.id === 'pushRecords')?.limits;
 * console.log(limits?.maxBodyBytes, limits?.maxItems); // 10485760 5000
 */
export interface OperationLimits {
  /** Largest request body in bytes (operations that take a body). */
  readonly maxBodyBytes?: number;
  /** Most items of any array at the top of the request body (the schema's `maxItems`). */
  readonly maxItems?: number;
  /** Largest `limit` query parameter (the parameter's `maximum`). */
  readonly maxPageSize?: number;
}

/**
 * One response of an operation (`$ref`s to `components/responses` resolved).
 *
 * @example
 * import { SPEC_OPERATIONS, type OperationResponse } from '@tukar/spec/operations';
 * const ok: OperationResponse | undefined = SPEC_OPERATIONS[0]?.responses['200'];
 * console.log(Object.keys(ok?.content ?? {})); // ['application/json']
 */
export interface OperationResponse {
  readonly content?: Readonly<Record<string, { readonly schema?: unknown }>>;
}

/**
 * One operation of the hub API as code uses it at run time: to route, check and authorize requests
 * (the hub), or to check recorded interactions against the document (`@tukar/pact`).
 *
 * @example
 * import { SPEC_OPERATIONS, type SpecOperation } from '@tukar/spec/operations';
 * const line = (op: SpecOperation) => `${op.method} ${op.path} (${op.id}, ${op.role})`;
 * SPEC_OPERATIONS.map(line).forEach((text) => console.log(text));
 */
export interface SpecOperation<Id extends string = OperationId> {
  readonly id: Id;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The document's path template, e.g. `/v1/datasets/{datasetId}`. */
  readonly path: string;
  readonly parameters: readonly OperationParameter[];
  /** The request body, or `undefined` when the operation takes none. */
  readonly requestBody:
    | {
        readonly required: boolean;
        /** The accepted media types, in document order. */
        readonly mediaTypes: readonly string[];
        /** The schema of the first media type (the hub's operations take one each). */
        readonly schema: unknown;
        /** The schema of each media type. */
        readonly content: Readonly<Record<string, { readonly schema?: unknown }>>;
      }
    | undefined;
  readonly role: OperationRole;
  readonly limits: OperationLimits;
  /** Documented responses by status key (`200`, `4XX`, `default`). */
  readonly responses: Readonly<Record<string, OperationResponse>>;
}

type Obj = { readonly [key: string]: unknown };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const ROLES: readonly string[] = ['public', 'client', 'admin'] satisfies OperationRole[];
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Follows local `$ref`s (`#/components/...`) to the object they name. */
function resolve(document: Obj, value: unknown): Obj {
  let current = value;
  for (let hops = 0; isObj(current) && typeof current.$ref === 'string' && hops < 16; hops++) {
    let target: unknown = document;
    for (const part of current.$ref.replace(/^#\//, '').split('/'))
      target = isObj(target) ? target[part] : undefined;
    if (target === undefined) throw new Error(`The OpenAPI document has a dangling $ref ${current.$ref}.`);
    current = target;
  }
  return isObj(current) ? current : {};
}

function parameterOf(document: Obj, raw: unknown): OperationParameter {
  const p = resolve(document, raw);
  const where = p.in;
  if (
    typeof p.name !== 'string' ||
    !(where === 'path' || where === 'query' || where === 'header' || where === 'cookie')
  ) {
    throw new Error(
      `The OpenAPI document has a parameter without a name or location: ${JSON.stringify(raw)}.`,
    );
  }
  return { name: p.name, in: where, required: p.required === true, schema: p.schema };
}

function roleOf(op: Obj, where: string): OperationRole {
  const role = op['x-tukar-role'];
  if (role === undefined) return Array.isArray(op.security) && op.security.length === 0 ? 'public' : 'client';
  if (typeof role !== 'string' || !ROLES.includes(role)) {
    throw new Error(
      `${where}: x-tukar-role must be one of ${ROLES.join(', ')}, not ${JSON.stringify(role)}.`,
    );
  }
  return role as OperationRole;
}

function limitsOf(document: Obj, parameters: readonly OperationParameter[], body: unknown): OperationLimits {
  const info = resolve(document, document.info);
  const documentLimits = isObj(info['x-tukar-limits']) ? info['x-tukar-limits'] : {};
  const limit = parameters.find((p) => p.in === 'query' && p.name === 'limit');
  const maxPageSize = limit ? resolve(document, limit.schema).maximum : undefined;
  const itemLimits = Object.values(resolve(document, resolve(document, body).properties)).flatMap(
    (property) => {
      const max = resolve(document, property).maxItems;
      return typeof max === 'number' ? [max] : [];
    },
  );
  return {
    ...(body !== undefined &&
      typeof documentLimits.maxBodyBytes === 'number' && { maxBodyBytes: documentLimits.maxBodyBytes }),
    ...(itemLimits.length > 0 && { maxItems: Math.max(...itemLimits) }),
    ...(typeof maxPageSize === 'number' && { maxPageSize }),
  };
}

/**
 * Reads the operation table of an OpenAPI 3.x document (any document; the hub's is {@link SPEC_OPERATIONS}).
 * Operations without an `operationId` are named `METHOD /path`. Throws on a dangling `$ref` or an
 * unknown `x-tukar-role`.
 *
 * @example
 * import { openApiDocument, readOperations } from '@tukar/spec/operations';
 * const table = readOperations(openApiDocument);
 * console.log(table.length); // one entry per operation
 */
export function readOperations(document: object): SpecOperation<string>[] {
  const doc = document as Obj;
  const paths = isObj(doc.paths) ? doc.paths : {};
  return Object.entries(paths).flatMap(([path, rawItem]) => {
    const item = resolve(doc, rawItem);
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    return METHODS.flatMap((method) => {
      const op = item[method];
      if (!isObj(op)) return [];
      const own = Array.isArray(op.parameters) ? op.parameters : [];
      const merged = new Map<string, OperationParameter>();
      for (const raw of [...shared, ...own]) {
        const parameter = parameterOf(doc, raw);
        merged.set(`${parameter.in} ${parameter.name}`, parameter);
      }
      const parameters = [...merged.values()];
      const body = op.requestBody === undefined ? undefined : resolve(doc, op.requestBody);
      const content = body && isObj(body.content) ? body.content : {};
      const mediaTypes = Object.keys(content);
      const first = mediaTypes[0];
      const schema = first === undefined ? undefined : resolve(doc, content[first]).schema;
      const id = typeof op.operationId === 'string' ? op.operationId : `${method.toUpperCase()} ${path}`;
      const responses = Object.fromEntries(
        Object.entries(isObj(op.responses) ? op.responses : {}).map(([status, r]) => [
          status,
          resolve(doc, r) as OperationResponse,
        ]),
      );
      return [
        {
          id,
          method: method.toUpperCase(),
          path,
          parameters,
          requestBody:
            body && mediaTypes.length > 0
              ? {
                  required: body.required === true,
                  mediaTypes,
                  schema,
                  content: Object.fromEntries(
                    mediaTypes.map((type) => [type, { schema: resolve(doc, content[type]).schema }]),
                  ),
                }
              : undefined,
          role: roleOf(op, `${method.toUpperCase()} ${path}`),
          limits: limitsOf(doc, parameters, schema),
          responses,
        },
      ];
    });
  });
}

/**
 * Every operation of the hub API (the `@tukar/spec` document), in document order.
 *
 * @example
 * import { SPEC_OPERATIONS } from '@tukar/spec/operations';
 * const adminOnly = SPEC_OPERATIONS.filter((op) => op.role === 'admin').map((op) => op.id);
 * console.log(adminOnly.includes('putDataset')); // true
 */
// The document is the one `operations` was generated from; `test/operations.test.ts` checks the ids.
export const SPEC_OPERATIONS: readonly SpecOperation[] = readOperations(openApiDocument) as SpecOperation[];

/**
 * The operation with this id.
 *
 * @example
 * import { specOperation } from '@tukar/spec/operations';
 * console.log(specOperation('pushRecords').path); // '/v1/datasets/{datasetId}/records'
 */
export function specOperation<Id extends OperationId>(id: Id): SpecOperation<Id> {
  const found = SPEC_OPERATIONS.find((op): op is SpecOperation<Id> => op.id === id);
  if (!found) throw new Error(`The hub API has no operation "${id}".`);
  return found;
}
