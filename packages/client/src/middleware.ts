import type { Middleware } from 'openapi-fetch';

/** Generates request ids: a random UUID (available in Node 20+ and every current browser). */
export function newRequestId(): string {
  return crypto.randomUUID();
}

/**
 * Sets what every request to the hub carries: `Authorization: Bearer <apiKey>`, an `X-Request-Id`
 * (kept when the caller set one) and, when given, a `User-Agent`.
 */
export function hubHeadersMiddleware(apiKey: string, userAgent: string | undefined): Middleware {
  const authorization = `Bearer ${apiKey}`;
  return {
    onRequest({ request }) {
      const headers = request.headers;
      headers.set('authorization', authorization);
      if (!headers.has('x-request-id')) headers.set('x-request-id', newRequestId());
      if (userAgent) headers.set('user-agent', userAgent);
      return request;
    },
  };
}
