import type { paths } from '@tukar/spec';
import type { Client } from 'openapi-fetch';
import type { OutgoingRequest } from './outgoing-request';
import { answerBytes } from './read-answer';

/** The typed operations of a hub client: openapi-fetch's `GET`/`POST`/`PUT`/`DELETE`, typed from the spec. */
export type TypedCalls = Pick<Client<paths>, 'GET' | 'POST' | 'PUT' | 'DELETE'>;

/** The options of a call the client reads (openapi-fetch's, typed there; loose here). */
interface CallInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: HeaderValues };
  headers?: HeaderValues | Headers;
  body?: unknown;
  bodySerializer?: (body: unknown, headers: Headers) => BodyInit;
  querySerializer?: unknown;
  parseAs?: 'json' | 'text' | 'arrayBuffer' | 'blob' | 'stream';
  signal?: AbortSignal | null;
  redirect?: RequestRedirect;
}
type HeaderValues = Record<
  string,
  string | number | boolean | (string | number | boolean)[] | null | undefined
>;
type Answer = { data?: unknown; error?: unknown; response: Response };

/**
 * The client's own implementation of openapi-fetch's calls, as openapi-fetch answers them
 * (`{ data, error, response }`), for the options the hub's operations use: `params` (`path`, `query`,
 * `header`), `headers`, `body`, `bodySerializer`, a `querySerializer` function, `parseAs`, `signal` and
 * `redirect`. openapi-fetch itself stays a type: its code was a third of the client's browser bundle.
 * Each call builds an {@link OutgoingRequest} and hands it to `send` (the transport).
 */
export function createTypedCalls(
  baseUrl: string,
  send: (request: OutgoingRequest) => Promise<Response>,
): TypedCalls {
  const call =
    (method: string) =>
    async (path: string, init: CallInit = {}) => {
      const { params = {}, parseAs = 'json' } = init;
      const headers = new Headers();
      for (const values of [init.headers, params.header]) setHeaders(headers, values);
      const body =
        init.body === undefined
          ? undefined
          : init.bodySerializer
            ? init.bodySerializer(init.body, headers)
            : JSON.stringify(init.body);
      if (body !== undefined && !headers.has('content-type')) {
        headers.set('content-type', 'application/json');
      }
      const query =
        typeof init.querySerializer === 'function'
          ? (init.querySerializer as (query: unknown) => string)(params.query ?? {})
          : serializeQuery(params.query);
      const url = `${baseUrl}${path.replace(/\{([^{}]+)\}/g, (match, name: string) => {
        const value = params.path?.[name];
        return value == null ? match : encodeURIComponent(String(value));
      })}`;
      const response = await send({
        url: query ? `${url}?${query.replace(/^\?/, '')}` : url,
        method,
        headers,
        body: body ?? null,
        signal: init.signal ?? undefined,
        redirect: init.redirect, // undefined: fetch follows redirects
      });
      return readAnswer(response, parseAs);
    };
  // openapi-fetch's types describe every operation; this implementation serves them all.
  return {
    GET: call('GET'),
    POST: call('POST'),
    PUT: call('PUT'),
    DELETE: call('DELETE'),
  } as unknown as TypedCalls;
}

const decoder = new TextDecoder();

/**
 * The answer as openapi-fetch gives it, from the bytes the transport read: no data for an empty body
 * (a 204), else the data as `parseAs` asks, or the error (parsed when it is JSON).
 */
async function readAnswer(response: Response, parseAs: string): Promise<Answer> {
  const bytes = answerBytes(response);
  if (bytes.length === 0) return response.ok ? { data: undefined, response } : { error: undefined, response };
  if (response.ok) {
    if (parseAs === 'json') return { data: JSON.parse(decoder.decode(bytes)), response };
    if (parseAs === 'text') return { data: decoder.decode(bytes), response };
    // What is rarely asked (bytes, a blob, a stream) is read from a copy of the bytes.
    const copy = new Response(bytes, response);
    return { data: parseAs === 'stream' ? copy.body : await copy[parseAs as 'blob'](), response };
  }
  const text = decoder.decode(bytes);
  try {
    return { error: JSON.parse(text), response };
  } catch {
    return { error: text, response };
  }
}

/** Sets headers given as an object or a Headers: `null` removes one, an array repeats it. */
function setHeaders(headers: Headers, values: HeaderValues | Headers | undefined): void {
  if (!values) return;
  for (const [name, value] of values instanceof Headers ? values : Object.entries(values)) {
    if (value === null) headers.delete(name);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, String(item));
    else if (value !== undefined) headers.set(name, String(value));
  }
}

/** `name=value` pairs, URI-encoded; an array repeats its name (openapi-fetch's default, form/explode). */
function serializeQuery(query: Record<string, unknown> | undefined): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item != null) pairs.push(`${name}=${encodeURIComponent(String(item))}`);
    }
  }
  return pairs.join('&');
}
