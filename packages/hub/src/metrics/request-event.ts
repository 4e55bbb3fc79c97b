import type { OperationId } from '@tukar/spec/operations';

/**
 * What the hub tells its observer about one answered request (for metrics): no record content, no key,
 * nothing an `x-pii` field could hold.
 *
 * @example
 * ```ts
 * import { createHub, createMemoryStore, type RequestEvent } from '@tukar/hub';
 *
 * const slow: RequestEvent[] = [];
 * const hub = await createHub({
 *   store: createMemoryStore(),
 *   observer: { request: (event) => (event.durationMs > 1000 ? slow.push(event) : undefined) },
 * });
 * ```
 */
export interface RequestEvent {
  /** The operation of the spec; `null` for a path or method the spec does not have. */
  operation: OperationId | null;
  status: number;
  /** The problem `code` of an error answer, `null` for a success. */
  code: string | null;
  durationMs: number;
  /** The dataset the request concerned, if any. */
  datasetId: string | null;
  /** The authenticated client, if any. */
  clientId: string | null;
  /** For a push or delete batch: how many records it carried (upserts and deletes). */
  records?: number;
  /** For a read of the changes feed: the `since` the consumer asked from. */
  since?: number;
}

/**
 * Receives one event per answered request: `hubMetrics` of `@tukar/hub/node` turns them into
 * Prometheus metrics. It must not throw or block (it runs on every request).
 *
 * @example
 * ```ts
 * import { createHub, createMemoryStore, type HubObserver } from '@tukar/hub';
 *
 * const byStatus = new Map<number, number>();
 * const observer: HubObserver = { request: ({ status }) => void byStatus.set(status, (byStatus.get(status) ?? 0) + 1) };
 * const hub = await createHub({ store: createMemoryStore(), observer });
 * ```
 */
export interface HubObserver {
  request(event: RequestEvent): void;
}
