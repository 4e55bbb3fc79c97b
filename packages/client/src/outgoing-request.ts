/**
 * What the typed calls build for each request, in place of a `Request`: the same fields, without the
 * cost of constructing a WHATWG Request (undici builds one again inside `fetch`). Only the client's
 * transport sees it; it sends it with `fetch(url, init)`, or as a real `Request` to an injected fetch.
 */
export interface OutgoingRequest {
  readonly url: string;
  /** Upper case, e.g. `POST`. */
  readonly method: string;
  readonly headers: Headers;
  /** The serialized body: a string (the hub's operations take JSON), never a stream, so it can be sent again. */
  readonly body: BodyInit | null;
  /** The caller's signal, when one was given. */
  readonly signal: AbortSignal | undefined;
  readonly redirect: RequestRedirect | undefined;
}
