// A fetch that checks every hub answer against the @tukar/spec document: status documented for the
// operation, media type documented, body valid against the response schema. Tests route their client
// through it, so any drift between hub and spec fails the test that caused it.
import { createSpecAjv, findOperation } from '@tukar/spec/operations';

const specAjv = createSpecAjv();

/** Problems found so far (tests assert this stays empty). */
export const specViolations: string[] = [];

/** Checks one answer against the spec; returns the problems. */
export async function checkAgainstSpec(method: string, url: string, response: Response): Promise<string[]> {
  const { pathname } = new URL(url);
  const op = findOperation(method, pathname)?.operation;
  const where = `${method} ${pathname} → ${response.status}`;
  const problems: string[] = [];
  if (!op) {
    if (response.status !== 404 && response.status !== 405)
      problems.push(`${where}: no operation in the spec`);
  } else {
    const documented = op.responses[String(response.status)];
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
        const validate = specAjv.compile(media.schema);
        const body: unknown = await response.clone().json();
        if (!validate(body)) {
          problems.push(`${where}: body does not match the spec: ${specAjv.ajv.errorsText(validate.errors)}`);
        }
      }
      if (!response.headers.get('x-request-id')) problems.push(`${where}: no X-Request-Id header`);
    }
  }
  return problems;
}

/** `fetch` that checks each answer against the spec, collecting the problems in {@link specViolations}. */
export const specCheckedFetch = async (input: Request): Promise<Response> => {
  const method = input.method;
  const url = input.url;
  const response = await fetch(input);
  specViolations.push(...(await checkAgainstSpec(method, url, response)));
  return response;
};
