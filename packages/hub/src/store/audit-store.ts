import type { Schemas } from '@tukar/spec';

/**
 * One audit entry (see `GET /v1/audit`).
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * for (const entry of await store.listAudit(0, 100, { datasetId: 'dinkes.puskesmas' })) {
 *   const who = entry.clientId ?? 'no key';
 *   console.log(`#${entry.seq} ${entry.at} ${who} ${entry.method} ${entry.path} → ${entry.status} (${entry.requestId})`);
 * }
 * ```
 */
export type AuditRow = Schemas['AuditEntry'];

/**
 * The audit part of a {@link Store}: the append-only log of requests.
 *
 * @example
 * ```ts
 * import type { AuditStore } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * async function lastRequest(store: AuditStore): Promise<string> {
 *   const entry = await store.lastAuditEntry();
 *   return entry ? `#${entry.seq} ${entry.method} ${entry.path} → ${entry.status}` : 'no request yet';
 * }
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * console.log(await lastRequest(store));
 * ```
 */
export interface AuditStore {
  /** The last audit entry, or undefined when the log is empty. */
  lastAuditEntry(): Promise<AuditRow | undefined>;
  /** Appends an entry whose `seq` is the last one plus one; `false` when that seq is taken. */
  appendAuditEntry(row: AuditRow): Promise<boolean>;
  listAudit(
    since: number,
    limit: number,
    filter?: { clientId?: string; datasetId?: string },
  ): Promise<AuditRow[]>;
}
