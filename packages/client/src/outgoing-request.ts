/**
 * What the typed calls build for each request, in place of a `Request`: the same fields, without the
 * cost of constructing a WHATWG Request (undici builds one again inside `fetch`). Only the client's
 * transport sees it; it sends it with `fetch(url, init)`, or as a real `Request` to an injected fetch.
 */
export class OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** The serialized body: a string (JSON) or FormData, never a stream, so it can be sent again. */
  readonly body: BodyInit | null;
  /** The caller's signal, when one was given. */
  readonly signal: AbortSignal | undefined;
  readonly redirect: RequestRedirect | undefined;

  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = (init.method ?? 'GET').toUpperCase();
    // the typed calls hand over a Headers of their own, built for this call: take it rather than copy it.
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.signal = init.signal ?? undefined;
    this.redirect = init.redirect;
  }

  /** The init for `fetch(url, init)`, with `signal` in place of the caller's. */
  toInit(signal: AbortSignal | undefined): RequestInit {
    return { method: this.method, headers: this.headers, body: this.body, redirect: this.redirect, signal };
  }

  /** A real Request, for a `fetch` that takes one. */
  toRequest(signal: AbortSignal | undefined): Request {
    return new Request(this.url, this.toInit(signal));
  }
}
