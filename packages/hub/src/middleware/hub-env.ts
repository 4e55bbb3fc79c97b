import type { MiddlewareHandler } from 'hono';
import type { Caller, HubCore } from '../request-context';

/**
 * What the middleware of one request hand on to the next (Hono's typed `c.set` / `c.get`), for
 * middleware added to `hub.app`.
 *
 * @example
 * ```ts
 * import type { HubVariables } from '@tukar/hub';
 *
 * const whoCalled = (variables: Pick<HubVariables, 'caller' | 'requestId'>) =>
 *   `${variables.requestId}: ${variables.caller?.client.id ?? 'anonymous'}`;
 * ```
 */
export interface HubVariables {
  /** The request id: the client's valid `X-Request-Id`, or a new one. */
  requestId: string;
  /** The caller once identified: `null` for an anonymous request; unset before authentication. */
  caller: Caller | null | undefined;
  /** The dataset the request concerns, for the audit log. */
  datasetId: string | null | undefined;
  /** Path, query and header parameters, checked and converted against the spec. */
  parameters: {
    path: Record<string, unknown>;
    query: Record<string, unknown>;
    headers: Record<string, unknown>;
  };
  /** The parsed body (JSON or form fields); `undefined` for operations that take none. */
  body: unknown;
  /** The raw body bytes, once read. */
  rawBody: Uint8Array | undefined;
  /** SHA-256 (hex) of the raw body, computed at most once; `null` without a body. */
  bodySha256: () => Promise<string | null>;
  /** `with-write` when the route stored the request's audit entry in its own write transaction. */
  audited: 'with-write' | undefined;
}

/**
 * The Hono environment of the hub's app (`hub.app`): its per-request variables.
 *
 * @example
 * ```ts
 * import { createHub, createMemoryStore, type HubEnv } from '@tukar/hub';
 *
 * const hub = await createHub({ store: createMemoryStore() });
 * type RequestId = HubEnv['Variables']['requestId']; // string
 * const label = (id: RequestId) => `request ${id} on ${hub.store.kind}`;
 * ```
 */
export interface HubEnv {
  Variables: HubVariables;
}

/** One step of the hub's request path. */
export type HubMiddleware = MiddlewareHandler<HubEnv>;

/** A step that needs the hub core (store, clock, log). */
export type HubMiddlewareFactory = (core: HubCore) => HubMiddleware;

/** The request's path, undecoded (Hono's `c.req.path` is decoded). */
export function pathnameOf(request: Request): string {
  return new URL(request.url).pathname;
}

/**
 * An operation's own steps, declared next to its route instead of as branches in the shared path.
 */
export interface OperationSteps {
  /** Identifies the caller its own way (the dashboard's session cookie); runs before authentication. */
  identify?: HubMiddlewareFactory;
  /** Checks the parsed body before the spec's schema does (a rule with its own answer, e.g. 413). */
  body?: HubMiddlewareFactory;
}
