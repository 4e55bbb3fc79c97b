import { HubProblem } from './hub-problem';
import { joinBytes } from './join-bytes';
import { refuseDeepJson } from './json-depth';

/**
 * Reads a request body up to `maxBytes`. A declared `Content-Length` over the limit is refused before
 * reading anything; a body that streams past the limit is cancelled at the limit. Either way the answer
 * is 413 `payload_too_large` and nothing is kept.
 */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge(Number(declared), maxBytes);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(undefined, maxBytes);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : joinBytes(chunks);
}

function tooLarge(declared: number | undefined, maxBytes: number): HubProblem {
  const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
  const size = declared === undefined ? 'The body is' : `The body is ${mib(declared)},`;
  return new HubProblem(
    413,
    'payload_too_large',
    `${size} over the limit of ${mib(maxBytes)} (${maxBytes} bytes). Split the batch into smaller requests.`,
  );
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Parses a JSON body; malformed JSON, bytes that are not UTF-8 or nesting deeper than `MAX_JSON_DEPTH` answer 400 saying where. */
export function parseJsonBody(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new HubProblem(
      400,
      'bad_request',
      'The request body is not valid UTF-8; send JSON encoded as UTF-8.',
    );
  }
  if (text.trim() === '')
    throw new HubProblem(400, 'bad_request', 'The request body is empty; this operation needs a JSON body.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new HubProblem(400, 'bad_request', `The request body is not valid JSON: ${reason}.`);
  }
  refuseDeepJson(value);
  return value;
}

/** Parses an `application/x-www-form-urlencoded` body into its fields. */
export function parseFormBody(bytes: Uint8Array): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(new TextDecoder().decode(bytes))) fields[name] = value;
  return fields;
}
