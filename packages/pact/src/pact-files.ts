import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PactError } from './pact-error';
import { isObject } from './schema-walk';

/**
 * A pact file's top level, as far as this package reads it.
 *
 * @example
 * ```ts
 * import { loadPacts, type PactDocument } from '@tukar/pact';
 *
 * for (const { source, document } of await loadPacts(['pacts'])) {
 *   const pact: PactDocument = document;
 *   console.log(`${source}: ${pact.consumer.name} → ${pact.provider.name}, ${pact.interactions.length} interaction(s)`);
 * }
 * ```
 */
export interface PactDocument {
  consumer: { name: string };
  provider: { name: string };
  interactions: unknown[];
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * A pact and where it came from.
 *
 * @example
 * ```ts
 * import { type LoadedPact, loadPacts } from '@tukar/pact';
 *
 * const pacts: LoadedPact[] = await loadPacts(['pacts']);
 * const byConsumer = new Map(pacts.map((pact) => [pact.document.consumer.name, pact.source]));
 * console.log(byConsumer.get('ciamis-dinkes-simpus')); // /…/pacts/ciamis-dinkes-simpus-tukar-hub.json
 * ```
 */
export interface LoadedPact {
  /** The file path, or `(pact #n)` for a pact passed as an object. */
  source: string;
  document: PactDocument;
}

/**
 * One HTTP interaction of a pact, the same for pact specification 2, 3 and 4.
 *
 * @example
 * ```ts
 * import { loadPacts, type PactInteraction, pactInteractions } from '@tukar/pact';
 *
 * const [first] = await loadPacts(['pacts/ciamis-dinkes-simpus-tukar-hub.json']);
 * const writes = (i: PactInteraction) => i.request.method !== 'GET' && i.request.path.startsWith('/v1/datasets/');
 * for (const interaction of first ? pactInteractions(first.document).filter(writes) : []) {
 *   console.log(interaction.request.method, interaction.request.path, '→', interaction.response.status);
 * }
 * ```
 */
export interface PactInteraction {
  description: string;
  states: Array<{ name: string; params: Record<string, unknown> }>;
  /** `Synchronous/HTTP` for HTTP interactions; message interactions are not HTTP. */
  type: string;
  request: {
    method: string;
    path: string;
    query: Record<string, string[]>;
    /** Header names in lower case. */
    headers: Record<string, string[]>;
    body: unknown;
    contentType: string | undefined;
  };
  response: {
    status: number;
    headers: Record<string, string[]>;
    body: unknown;
    contentType: string | undefined;
  };
}

/**
 * Pact files larger than this are refused unread.
 *
 * @example
 * ```ts
 * import { stat } from 'node:fs/promises';
 * import { MAX_PACT_BYTES } from '@tukar/pact';
 *
 * const file = 'pacts/ciamis-dinkes-simpus-tukar-hub.json';
 * if ((await stat(file)).size > MAX_PACT_BYTES) console.warn(`${file} is too large for a pact`);
 * ```
 */
export const MAX_PACT_BYTES = 20 * 1024 * 1024;

/**
 * `true` when a parsed JSON value has the shape of a pact.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { isPactDocument } from '@tukar/pact';
 *
 * isPactDocument(JSON.parse(await readFile('pacts/ciamis-dinkes-simpus-tukar-hub.json', 'utf8'))); // true
 * ```
 */
export function isPactDocument(value: unknown): value is PactDocument {
  return (
    isObject(value) &&
    isObject(value.consumer) &&
    typeof value.consumer.name === 'string' &&
    isObject(value.provider) &&
    typeof value.provider.name === 'string' &&
    (Array.isArray(value.interactions) || Array.isArray(value.messages))
  );
}

/**
 * Loads pacts from files, directories (their `*.json` pact files; other JSON is skipped) and objects.
 * Throws {@link PactError} `invalid_pact` naming the file for a missing, unreadable, oversized or
 * non-pact file given by name.
 *
 * @example
 * ```ts
 * import { loadPacts } from '@tukar/pact';
 *
 * const pacts = await loadPacts(['pacts']);
 * for (const { source, document } of pacts) console.log(source, document.consumer.name);
 * ```
 */
export async function loadPacts(
  inputs: ReadonlyArray<string | object>,
  cwd = process.cwd(),
): Promise<LoadedPact[]> {
  if (!Array.isArray(inputs)) {
    throw new PactError('invalid_option', 'pacts: pass an array of pact files, directories or pact objects');
  }
  const loaded: LoadedPact[] = [];
  let objectCount = 0;
  for (const input of inputs) {
    if (typeof input !== 'string') {
      objectCount++;
      if (!isPactDocument(input)) {
        throw new PactError(
          'invalid_pact',
          `pact #${objectCount} passed as an object is not a pact (needs consumer.name, provider.name and interactions)`,
        );
      }
      loaded.push({ source: `(pact #${objectCount})`, document: input });
      continue;
    }
    const path = resolve(cwd, input);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      throw new PactError('invalid_pact', `${input}: no such pact file or directory (relative to ${cwd})`);
    }
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((name) => name.toLowerCase().endsWith('.json')).sort();
      for (const name of names) {
        const file = join(path, name);
        const document = await readPactFile(file, true);
        if (document) loaded.push({ source: file, document });
      }
      continue;
    }
    const document = await readPactFile(path, false);
    if (document) loaded.push({ source: path, document });
  }
  return loaded;
}

async function readPactFile(file: string, lenient: boolean): Promise<PactDocument | undefined> {
  const info = await stat(file);
  if (!info.isFile()) {
    if (lenient) return undefined;
    throw new PactError('invalid_pact', `${file}: not a file`);
  }
  if (info.size > MAX_PACT_BYTES) {
    if (lenient) return undefined;
    throw new PactError(
      'invalid_pact',
      `${file}: ${info.size} bytes, over the limit of ${MAX_PACT_BYTES} bytes for a pact`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if (lenient) return undefined;
    const reason = error instanceof Error ? error.message : String(error);
    throw new PactError('invalid_pact', `${file}: not valid JSON (${reason})`, { cause: error });
  }
  if (!isPactDocument(parsed)) {
    if (lenient) return undefined;
    throw new PactError(
      'invalid_pact',
      `${file}: not a pact file (a pact has consumer.name, provider.name and interactions)`,
    );
  }
  return parsed;
}

function headerMap(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!isObject(value)) return out;
  for (const [name, raw] of Object.entries(value)) {
    const values = Array.isArray(raw) ? raw.map(String) : [String(raw)];
    out[name.toLowerCase()] = [...(out[name.toLowerCase()] ?? []), ...values];
  }
  return out;
}

function queryMap(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (typeof value === 'string') {
    for (const [name, item] of new URLSearchParams(value)) out[name] = [...(out[name] ?? []), item];
    return out;
  }
  if (!isObject(value)) return out;
  for (const [name, raw] of Object.entries(value))
    out[name] = Array.isArray(raw) ? raw.map(String) : [String(raw)];
  return out;
}

/** The body of a request or response of any pact specification, decoded, and its content type. */
function bodyOf(
  part: Record<string, unknown>,
  headers: Record<string, string[]>,
): {
  body: unknown;
  contentType: string | undefined;
} {
  const headerType = headers['content-type']?.[0];
  const raw = part.body;
  if (raw === undefined) return { body: undefined, contentType: headerType };
  // Pact specification 4: { content, contentType, encoded }.
  if (isObject(raw) && 'content' in raw && ('encoded' in raw || 'contentType' in raw)) {
    const contentType = typeof raw.contentType === 'string' ? raw.contentType : headerType;
    let content = raw.content;
    if (raw.encoded === 'base64' && typeof content === 'string')
      content = Buffer.from(content, 'base64').toString('utf8');
    if (typeof content === 'string' && contentType !== undefined && /json/i.test(contentType)) {
      try {
        content = JSON.parse(content);
      } catch {
        // Left as text: the checks report that it is not JSON.
      }
    }
    return { body: content, contentType };
  }
  return { body: raw, contentType: headerType ?? (typeof raw === 'string' ? undefined : 'application/json') };
}

/**
 * The HTTP interactions of a pact in one shape, whatever its specification version.
 *
 * @example
 * ```ts
 * import { loadPacts, pactInteractions } from '@tukar/pact';
 *
 * for (const { document } of await loadPacts(['pacts'])) {
 *   for (const interaction of pactInteractions(document)) console.log(interaction.request.method, interaction.request.path);
 * }
 * ```
 */
export function pactInteractions(document: PactDocument): PactInteraction[] {
  const list = Array.isArray(document.interactions) ? document.interactions : [];
  return list.filter(isObject).map((raw, index) => {
    const request = isObject(raw.request) ? raw.request : {};
    const response = isObject(raw.response) ? raw.response : {};
    const requestHeaders = headerMap(request.headers);
    const responseHeaders = headerMap(response.headers);
    const states: PactInteraction['states'] = Array.isArray(raw.providerStates)
      ? raw.providerStates.filter(isObject).map((state) => ({
          name: String(state.name ?? ''),
          params: isObject(state.params) ? state.params : {},
        }))
      : typeof raw.providerState === 'string'
        ? [{ name: raw.providerState, params: {} }]
        : [];
    const requestBody = bodyOf(request, requestHeaders);
    const responseBody = bodyOf(response, responseHeaders);
    return {
      description: typeof raw.description === 'string' ? raw.description : `(interaction #${index + 1})`,
      states,
      type: typeof raw.type === 'string' ? raw.type : 'Synchronous/HTTP',
      request: {
        method: String(request.method ?? 'GET').toUpperCase(),
        path: typeof request.path === 'string' ? request.path : String(request.path ?? '/'),
        query: queryMap(request.query),
        headers: requestHeaders,
        body: requestBody.body,
        contentType: requestBody.contentType,
      },
      response: {
        status: typeof response.status === 'number' ? response.status : Number(response.status ?? 200),
        headers: responseHeaders,
        body: responseBody.body,
        contentType: responseBody.contentType,
      },
    };
  });
}
