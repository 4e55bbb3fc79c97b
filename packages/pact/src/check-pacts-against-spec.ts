import {
  createSpecAjv,
  findOperation,
  openApiDocument,
  operationsAt,
  readOperations,
  type SpecAjv,
  type SpecOperation,
} from '@tukar/spec/operations';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { type LoadedPact, loadPacts, type PactInteraction, pactInteractions } from './pact-files';
import { isObject } from './schema-walk';

/**
 * One way an interaction disagrees with the hub's OpenAPI document.
 *
 * @example
 * ```ts
 * import { checkPactsAgainstSpec, type SpecMismatch } from '@tukar/pact';
 *
 * function hint(mismatch: SpecMismatch): string {
 *   if (mismatch.kind === 'path' || mismatch.kind === 'method') return 'the hub has no such endpoint: check the URL';
 *   if (mismatch.kind === 'status') return 'the hub never answers with this status';
 *   return `${mismatch.kind} ${mismatch.at ?? ''}: ${mismatch.message}`;
 * }
 * const report = await checkPactsAgainstSpec(['pacts']);
 * const mismatches = report.pacts.flatMap((pact) => pact.interactions.flatMap((i) => i.mismatches));
 * for (const mismatch of mismatches) console.error(hint(mismatch));
 * ```
 */
export interface SpecMismatch {
  /** `path`, `method`, `query`, `header`, `request-body`, `status` or `response-body`. */
  kind: 'path' | 'method' | 'query' | 'header' | 'request-body' | 'status' | 'response-body';
  /** Where: a JSON pointer into the body (`/upsert/0`), or the parameter name. */
  at?: string;
  message: string;
}

/**
 * The check of one interaction.
 *
 * @example
 * ```ts
 * import { checkPactsAgainstSpec, type InteractionSpecCheck } from '@tukar/pact';
 *
 * const report = await checkPactsAgainstSpec(['pacts']);
 * const failed: InteractionSpecCheck[] = report.pacts.flatMap((pact) => pact.interactions.filter((i) => !i.ok));
 * for (const check of failed) {
 *   console.error(`${check.request} (${check.operationId ?? 'no such operation'}): "${check.description}"`);
 * }
 * ```
 */
export interface InteractionSpecCheck {
  description: string;
  /** `METHOD /path` of the request. */
  request: string;
  /** The spec operation it was matched to, e.g. `pushRecords`. */
  operationId?: string;
  ok: boolean;
  mismatches: SpecMismatch[];
}

/**
 * The check of one pact.
 *
 * @example
 * ```ts
 * import { checkPactsAgainstSpec, type PactSpecCheck } from '@tukar/pact';
 *
 * const report = await checkPactsAgainstSpec(['pacts']);
 * const line = (pact: PactSpecCheck) =>
 *   `${pact.ok ? '✔' : '✖'} ${pact.consumer} → ${pact.provider} (${pact.source}): ${pact.interactions.length} interaction(s)`;
 * report.pacts.map(line).forEach((text) => console.log(text));
 * ```
 */
export interface PactSpecCheck {
  source: string;
  consumer: string;
  provider: string;
  ok: boolean;
  interactions: InteractionSpecCheck[];
}

/**
 * What {@link checkPactsAgainstSpec} found.
 *
 * @example
 * ```ts
 * import { checkPactsAgainstSpec, type SpecCheckReport } from '@tukar/pact';
 *
 * const report: SpecCheckReport = await checkPactsAgainstSpec(['pacts']);
 * if (!report.ok) {
 *   for (const line of report.lines) console.error(line);
 *   process.exitCode = 1;
 * }
 * ```
 */
export interface SpecCheckReport {
  ok: boolean;
  pacts: PactSpecCheck[];
  /** Every mismatch on one line each: `source: "interaction" (METHOD /path): kind at: message`. */
  lines: string[];
}

type Operation = SpecOperation<string>;

/** Headers described by the security scheme or HTTP itself, not by parameters. */
const TRANSPORT_HEADERS = new Set([
  'authorization',
  'content-type',
  'accept',
  'content-length',
  'user-agent',
  'host',
  'cookie',
]);

/** Keywords whose value is one schema, a list of schemas, or a map of schemas. */
const ONE_SCHEMA = new Set([
  'items',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
]);
const SCHEMA_LIST = new Set(['prefixItems', 'anyOf', 'oneOf']);
const SCHEMA_MAP = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas', 'schemas']);

/**
 * A response schema as a pact is checked against it. A pact lists only the fields its consumer needs,
 * so `required` is dropped; but every field it expects must be documented, so objects that do not say
 * otherwise are closed (`unevaluatedProperties: false`; not inside `allOf`, where the parent closes).
 */
function forResponses(node: unknown, inAllOf = false): unknown {
  if (Array.isArray(node)) return node.map((item) => forResponses(item));
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required') continue;
    if (key === 'allOf' && Array.isArray(value)) out[key] = value.map((branch) => forResponses(branch, true));
    else if (SCHEMA_LIST.has(key) && Array.isArray(value))
      out[key] = value.map((branch) => forResponses(branch));
    else if (SCHEMA_MAP.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, forResponses(schema)]),
      );
    } else if (ONE_SCHEMA.has(key) && isObject(value)) out[key] = forResponses(value);
    else out[key] = value;
  }
  const types = Array.isArray(node.type) ? node.type : [node.type];
  const objectLike = types.includes('object') || 'properties' in node || 'allOf' in node;
  if (objectLike && !inAllOf && !('additionalProperties' in node) && !('unevaluatedProperties' in node)) {
    out.unevaluatedProperties = false;
  }
  return out;
}

/** A checker over one OpenAPI document: the spec's operation table, ajv compiled lazily. */
class SpecChecker {
  private readonly operations: Operation[];
  private readonly requests: SpecAjv;
  private readonly responses: SpecAjv;

  constructor(document: object) {
    this.operations = readOperations(document);
    this.requests = createSpecAjv({ document });
    this.responses = createSpecAjv({ document, transform: (schema) => forResponses(schema) });
  }

  private validate(
    schema: unknown,
    value: unknown,
    kind: SpecMismatch['kind'],
    prefix: string,
  ): SpecMismatch[] {
    const validate = (kind === 'response-body' ? this.responses : this.requests).compile(schema);
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 10).map((error) => ({
      kind,
      at: `${prefix}${error.instancePath}` || '/',
      message: describe(error),
    }));
  }

  check(interaction: PactInteraction): InteractionSpecCheck {
    const { request } = interaction;
    const path = request.path.split('?')[0] ?? '/';
    const shown = `${request.method} ${request.path}`;
    const result = (mismatches: SpecMismatch[], operationId?: string): InteractionSpecCheck => ({
      description: interaction.description,
      request: shown,
      ...(operationId ? { operationId } : {}),
      ok: mismatches.length === 0,
      mismatches,
    });
    const candidates = operationsAt(path, this.operations);
    if (candidates.length === 0) {
      return result([{ kind: 'path', at: path, message: `no path ${path} in the hub's OpenAPI document` }]);
    }
    const found = findOperation(request.method, path, candidates);
    if (!found) {
      const allowed = [...new Set(candidates.map((op) => op.method))].join(', ');
      return result([
        {
          kind: 'method',
          at: path,
          message: `${request.method} is not an operation of ${candidates[0]?.path} (it has ${allowed})`,
        },
      ]);
    }
    const { operation } = found;
    const mismatches: SpecMismatch[] = [];
    for (const [name, raw] of Object.entries(found.path)) {
      const parameter = operation.parameters.find((p) => p.in === 'path' && p.name === name);
      let value: string;
      try {
        value = decodeURIComponent(raw);
      } catch {
        mismatches.push({
          kind: 'path',
          at: name,
          message: `path parameter ${name} is not valid percent-encoding`,
        });
        continue;
      }
      if (parameter?.schema) mismatches.push(...this.validate(parameter.schema, value, 'path', name));
    }
    mismatches.push(...this.checkQuery(operation, request.query));
    mismatches.push(...this.checkHeaders(operation, request.headers));
    mismatches.push(...this.checkRequestBody(operation, interaction));
    mismatches.push(...this.checkResponse(operation, interaction));
    return result(mismatches, operation.id);
  }

  private checkQuery(operation: Operation, query: Record<string, string[]>): SpecMismatch[] {
    const mismatches: SpecMismatch[] = [];
    const declared = operation.parameters.filter((p) => p.in === 'query');
    for (const [name, values] of Object.entries(query)) {
      const parameter = declared.find((p) => p.name === name);
      if (!parameter) {
        mismatches.push({
          kind: 'query',
          at: name,
          message: `query parameter ${name} is not in the spec for ${operation.id}${declared.length > 0 ? ` (it has ${declared.map((p) => p.name).join(', ')})` : ''}`,
        });
        continue;
      }
      for (const value of values)
        mismatches.push(
          ...this.validate(parameter.schema ?? {}, coerce(parameter.schema, value), 'query', name),
        );
    }
    for (const parameter of declared) {
      if (parameter.required && !(parameter.name in query)) {
        mismatches.push({
          kind: 'query',
          at: parameter.name,
          message: `required query parameter ${parameter.name} is missing`,
        });
      }
    }
    return mismatches;
  }

  private checkHeaders(operation: Operation, headers: Record<string, string[]>): SpecMismatch[] {
    const mismatches: SpecMismatch[] = [];
    for (const parameter of operation.parameters.filter((p) => p.in === 'header')) {
      const name = parameter.name.toLowerCase();
      if (TRANSPORT_HEADERS.has(name)) continue;
      const values = headers[name];
      if (!values) {
        if (parameter.required) {
          mismatches.push({
            kind: 'header',
            at: parameter.name,
            message: `required header ${parameter.name} is missing`,
          });
        }
        continue;
      }
      for (const value of values)
        mismatches.push(...this.validate(parameter.schema ?? {}, value, 'header', parameter.name));
    }
    return mismatches;
  }

  private checkRequestBody(operation: Operation, interaction: PactInteraction): SpecMismatch[] {
    const { body, contentType } = interaction.request;
    const spec = operation.requestBody;
    const hasBody = body !== undefined && body !== null && body !== '';
    if (!spec) {
      return hasBody
        ? [{ kind: 'request-body', message: `${operation.id} takes no request body, but the pact sends one` }]
        : [];
    }
    if (!hasBody) {
      return spec.required
        ? [{ kind: 'request-body', message: `${operation.id} requires a request body, the pact sends none` }]
        : [];
    }
    const media = pickMedia(spec.mediaTypes, contentType);
    if (!media) {
      return [
        {
          kind: 'request-body',
          message: `content type ${contentType ?? '(none)'} is not accepted by ${operation.id} (it takes ${spec.mediaTypes.join(', ')})`,
        },
      ];
    }
    const schema = spec.content[media]?.schema;
    return schema ? this.validate(schema, body, 'request-body', '') : [];
  }

  private checkResponse(operation: Operation, interaction: PactInteraction): SpecMismatch[] {
    const { status, body, contentType } = interaction.response;
    const key =
      [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, 'default'].find(
        (k) => k in operation.responses,
      ) ?? undefined;
    if (!key) {
      return [
        {
          kind: 'status',
          message: `status ${status} is not documented for ${operation.id} (documented: ${Object.keys(operation.responses).join(', ')})`,
        },
      ];
    }
    const response = operation.responses[key] ?? {};
    const hasBody = body !== undefined && body !== null && body !== '';
    if (!hasBody) return [];
    if (!response.content) {
      return [
        {
          kind: 'response-body',
          message: `the ${status} answer of ${operation.id} has no body in the spec, but the pact expects one`,
        },
      ];
    }
    const type = pickMedia(Object.keys(response.content), contentType);
    const media = type === undefined ? undefined : response.content[type];
    if (!media) {
      return [
        {
          kind: 'response-body',
          message: `content type ${contentType ?? '(none)'} is not documented for the ${status} answer of ${operation.id} (documented: ${Object.keys(response.content).join(', ')})`,
        },
      ];
    }
    return media.schema ? this.validate(media.schema, body, 'response-body', '') : [];
  }
}

/** The documented media type that fits the interaction's content type (any JSON type for JSON). */
function pickMedia(types: readonly string[], contentType: string | undefined): string | undefined {
  const wanted = (contentType ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  if (types.includes(wanted)) return wanted;
  if (/json/.test(wanted)) {
    const json = types.find((type) => /json/.test(type));
    if (json) return json;
  }
  return types.includes('*/*') ? '*/*' : undefined;
}

function coerce(schema: unknown, value: string): unknown {
  const type = isObject(schema) ? schema.type : undefined;
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && !Number.isNaN(Number(value)))
    return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'required') return `"${String(error.params.missingProperty)}" is required`;
  if (error.keyword === 'additionalProperties')
    return `unknown property "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'unevaluatedProperties') {
    return `"${String(error.params.unevaluatedProperty)}" is not documented here in the hub's OpenAPI document`;
  }
  if (error.keyword === 'enum') {
    return `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return error.message ?? error.keyword;
}

let defaultChecker: SpecChecker | undefined;

/**
 * Compares each pact's interactions with the hub's OpenAPI document (`@tukar/spec`) without running the
 * hub: the path and method exist; path, query and header parameters and the request body are valid; the
 * response status is documented and the response body is valid for its schema. The values checked are
 * the pact's examples (what a matcher's `value` holds). Message interactions are skipped.
 *
 * @example
 * ```ts
 * import { checkPactsAgainstSpec } from '@tukar/pact';
 *
 * const report = await checkPactsAgainstSpec(['pacts']);
 * for (const line of report.lines) console.error(line);
 * // pacts/simpus-tukar-hub.json: "a request for datasets" (GET /v1/dataset): path at /v1/dataset: no path /v1/dataset in the hub's OpenAPI document
 * ```
 */
export async function checkPactsAgainstSpec(
  pacts: ReadonlyArray<string | object>,
  options: { document?: object; cwd?: string } = {},
): Promise<SpecCheckReport> {
  const loaded: LoadedPact[] = await loadPacts(pacts, options.cwd);
  if (!options.document && !defaultChecker) defaultChecker = new SpecChecker(openApiDocument);
  const checker = options.document
    ? new SpecChecker(options.document)
    : (defaultChecker ?? new SpecChecker(openApiDocument));
  const results: PactSpecCheck[] = loaded.map(({ source, document }) => {
    const interactions = pactInteractions(document)
      .filter((interaction) => /http/i.test(interaction.type))
      .map((interaction) => checker.check(interaction));
    return {
      source,
      consumer: document.consumer.name,
      provider: document.provider.name,
      ok: interactions.every((i) => i.ok),
      interactions,
    };
  });
  const lines = results.flatMap((pact) =>
    pact.interactions.flatMap((interaction) =>
      interaction.mismatches.map(
        (m) =>
          `${pact.source}: "${interaction.description}" (${interaction.request}): ${m.kind}${m.at ? ` at ${m.at}` : ''}: ${m.message}`,
      ),
    ),
  );
  return { ok: results.every((pact) => pact.ok), pacts: results, lines };
}
