// A fetch that checks every hub answer against the @tukar/spec document: status documented for the
// operation, media type documented, body valid against the response schema. Tests route their client
// through it, so any drift between hub and spec fails the test that caused it.
import { openApiDocument } from '@tukar/spec';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { SPEC_OPERATIONS } from '../src/spec-operations';

interface MediaObject {
  schema?: unknown;
}
interface ResponseObject {
  $ref?: string;
  content?: Record<string, MediaObject>;
}

const doc = openApiDocument as unknown as {
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  components: { responses: Record<string, ResponseObject>; schemas: Record<string, unknown> };
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('int64', { type: 'number', validate: Number.isSafeInteger });
ajv.addFormat('binary', true);
const rewrite = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(rewrite)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value).map(([k, v]) => [
            k,
            k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `spec${v}` : rewrite(v),
          ]),
        )
      : value;
ajv.addSchema(rewrite({ $id: 'spec', components: doc.components }) as object);
const validators = new Map<string, ValidateFunction>();

/** Problems found so far (tests assert this stays empty). */
export const specViolations: string[] = [];

function operationFor(method: string, pathname: string) {
  return SPEC_OPERATIONS.find(
    (op) => op.method === method && new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathname),
  );
}

/** Checks one answer; returns the problems (also appended to {@link specViolations}). */
export async function checkAgainstSpec(method: string, url: string, response: Response): Promise<string[]> {
  const { pathname } = new URL(url);
  const op = operationFor(method, pathname);
  const where = `${method} ${pathname} → ${response.status}`;
  const problems: string[] = [];
  if (!op) {
    if (response.status !== 404 && response.status !== 405)
      problems.push(`${where}: no operation in the spec`);
  } else {
    let documented = doc.paths[op.path]?.[op.method.toLowerCase()]?.responses[String(response.status)];
    if (documented?.$ref) documented = doc.components.responses[documented.$ref.split('/').pop() as string];
    if (!documented) {
      problems.push(`${where}: status not documented for ${op.id}`);
    } else {
      const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      const content = documented.content ?? {};
      const media = content[type] ?? content['*/*'];
      if (Object.keys(content).length === 0) {
        if (
          response.status !== 204 &&
          response.status !== 302 &&
          response.status !== 303 &&
          (await response.clone().text()) !== ''
        ) {
          problems.push(`${where}: the spec documents no body`);
        }
      } else if (!media) {
        problems.push(`${where}: media type "${type}" not documented (${Object.keys(content).join(', ')})`);
      } else if (type.endsWith('json') && content[type] && media.schema) {
        // Only a JSON media type the spec names is parsed: `*/*` (an attachment) is raw bytes.
        const key = `${op.id} ${response.status} ${type}`;
        let validate = validators.get(key);
        if (!validate) {
          validate = ajv.compile(rewrite(media.schema) as object);
          validators.set(key, validate);
        }
        const body: unknown = await response.clone().json();
        if (!validate(body)) {
          problems.push(`${where}: body does not match the spec: ${ajv.errorsText(validate.errors)}`);
        }
      }
      if (!response.headers.get('x-request-id')) problems.push(`${where}: no X-Request-Id header`);
    }
  }
  specViolations.push(...problems);
  return problems;
}

/** `fetch` that checks each answer against the spec. */
export const specCheckedFetch = async (input: Request): Promise<Response> => {
  const method = input.method;
  const url = input.url;
  const response = await fetch(input);
  await checkAgainstSpec(method, url, response);
  return response;
};
