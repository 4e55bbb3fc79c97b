/**
 * Generates request ids: a random UUID (available in Node 20+ and every current browser). The client
 * sends one as `X-Request-Id` with every request; make your own to write it in your log first.
 *
 * @example
 * ```ts
 * import { createHubClient, newRequestId } from '@tukar/client';
 *
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * const requestId = newRequestId();
 * console.log(`reading dinkes.puskesmas, request ${requestId}`);
 * const { error } = await hub.GET('/v1/datasets/{datasetId}', {
 *   params: { path: { datasetId: 'dinkes.puskesmas' }, header: { 'X-Request-Id': requestId } },
 * });
 * if (error) console.error(`request ${requestId} failed: ${error.code}`);
 * ```
 */
export function newRequestId(): string {
  return crypto.randomUUID();
}

/**
 * Sets `Authorization: Bearer <apiKey>`, an `X-Request-Id` (kept when the caller set one, so it is
 * the same on every retry) and, when given, a `User-Agent`.
 */
export function applyHubHeaders(
  request: { headers: Headers },
  authorization: string,
  userAgent: string | undefined,
): void {
  const headers = request.headers;
  headers.set('authorization', authorization);
  if (!headers.has('x-request-id')) headers.set('x-request-id', newRequestId());
  if (userAgent) headers.set('user-agent', userAgent);
}

const methods = new WeakMap<Response, string>();

/** Remembers which method `response` answers, for error messages. */
export function rememberMethod(response: Response, method: string): void {
  methods.set(response, method);
}

/** The method of the request that `response` answers, when it went through the client. */
export function requestMethodOf(response: Response): string | undefined {
  return methods.get(response);
}
