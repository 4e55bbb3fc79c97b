import { createSpecAjv, type SpecAjv, type SpecOperation } from '@tukar/spec/operations';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { HubProblem } from './hub-problem';

let bodyAjv: SpecAjv | undefined;
let parameterAjv: SpecAjv | undefined;
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
  if (op.requestBody?.schema === undefined) return;
  bodyAjv ??= createSpecAjv();
  const validate = bodyAjv.compile(op.requestBody.schema);
  if (!validate(body)) {
    throw new HubProblem(
      400,
      'bad_request',
      `The request body does not match the API: ${summarize(validate.errors ?? [], 'body')}.`,
    );
  }
}

/** The parameter validator of one location, compiled once (header names lower-cased). */
function parameterValidator(op: SpecOperation, location: 'path' | 'query' | 'header'): ValidateFunction {
  const cacheKey = `${op.id} ${location}`;
  let validate = parameterValidators.get(cacheKey);
  if (!validate) {
    const params = op.parameters.filter((p) => p.in === location);
    const nameOf = (name: string) => (location === 'header' ? name.toLowerCase() : name);
    parameterAjv ??= createSpecAjv({ coerceTypes: true, useDefaults: true });
    validate = parameterAjv.compile({
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [nameOf(p.name), p.schema])),
      required: params.filter((p) => p.required).map((p) => nameOf(p.name)),
    });
    parameterValidators.set(cacheKey, validate);
  }
  return validate;
}

/**
 * Checks and converts (string → integer, defaults) the parameters of one location. Returns the
 * converted values by their names in the spec (`Idempotency-Key`; headers are matched in any case);
 * throws a 400 that names the parameter.
 */
export function checkParameters(
  op: SpecOperation,
  location: 'path' | 'query' | 'header',
  values: Record<string, string | undefined>,
): Record<string, unknown> {
  const params = op.parameters.filter((p) => p.in === location);
  const validate = parameterValidator(op, location);
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
  if (location !== 'header') return data;
  const named: Record<string, unknown> = {};
  for (const p of params) {
    const value = data[p.name.toLowerCase()];
    if (value !== undefined) named[p.name] = value;
  }
  return named;
}
