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
 * An audit entry as it is written: everything but the id the store gives it (`seq`) and the checkpoint
 * that seals it later.
 *
 * @example
 * ```ts
 * import { auditLeafHash, type AuditEntryInput } from '@tukar/hub';
 *
 * const content = {
 *   at: new Date().toISOString(),
 *   requestId: 'simpus-sync-20250310-0001',
 *   clientId: 'ciamis/dinkes/simpus',
 *   method: 'GET',
 *   path: '/v1/datasets/dinkes.puskesmas/changes',
 *   datasetId: 'dinkes.puskesmas',
 *   status: 200,
 *   bodySha256: null,
 * };
 * const entry: AuditEntryInput = { ...content, leafHash: await auditLeafHash(content) };
 * ```
 */
export type AuditEntryInput = Omit<AuditRow, 'seq' | 'checkpoint'>;

/**
 * A signed checkpoint of the audit log as the store keeps it: its number and its compact JWS.
 *
 * @example
 * ```ts
 * import type { AuditCheckpointRow } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * const checkpoints: AuditCheckpointRow[] = await store.listAuditCheckpoints(0, 100);
 * console.log(checkpoints.map((c) => c.number));
 * ```
 */
export type AuditCheckpointRow = Schemas['AuditCheckpoint'];

/**
 * Signs the checkpoint that seals `entries` (ascending ids, none sealed yet), following `previous` (the
 * newest checkpoint, if any); called by {@link AuditStore.sealAuditEntries} inside its transaction.
 *
 * @example
 * ```ts
 * import { type AuditSealer, createMemoryStore } from '@tukar/hub';
 *
 * // In a store's own tests: a sealer that names the ids it seals instead of signing them.
 * const sealer: AuditSealer = async (entries, previous) => {
 *   const number = (previous?.number ?? 0) + 1;
 *   return { number, jws: `checkpoint ${number}: ${entries.map((e) => e.seq).join(',')}` };
 * };
 * const store = createMemoryStore();
 * const checkpoint = await store.sealAuditEntries(1000, sealer); // undefined: nothing to seal yet
 * ```
 */
export type AuditSealer = (
  entries: readonly AuditRow[],
  previous: AuditCheckpointRow | undefined,
) => Promise<AuditCheckpointRow>;

/**
 * The audit part of a {@link Store}: the append-only log of requests and its signed checkpoints.
 * Entries get their id from the store, so writers never wait for each other.
 *
 * @example
 * ```ts
 * import type { AuditStore } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * async function lastRequests(store: AuditStore): Promise<string[]> {
 *   const entries = await store.listAudit(0, 10);
 *   return entries.map((entry) => `#${entry.seq} ${entry.method} ${entry.path} → ${entry.status}`);
 * }
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * console.log(await lastRequests(store));
 * ```
 */
export interface AuditStore {
  /** Appends entries in one transaction (all or none); the store gives each its id, in order. */
  appendAuditEntries(entries: readonly AuditEntryInput[]): Promise<void>;
  listAudit(
    since: number,
    limit: number,
    filter?: { clientId?: string; datasetId?: string },
  ): Promise<AuditRow[]>;
  /**
   * Seals up to `limit` entries not sealed yet (lowest ids first) into the next checkpoint, which `seal`
   * signs, in one transaction: the entries are marked with the checkpoint's number as it is stored, so an
   * entry committed later with a lower id is sealed by the next checkpoint. One sealer at a time across
   * instances: undefined when another one is sealing, or nothing is left to seal.
   */
  sealAuditEntries(limit: number, seal: AuditSealer): Promise<AuditCheckpointRow | undefined>;
  /** Checkpoints numbered above `since`, in order, each with its time-stamp token once it has one. */
  listAuditCheckpoints(since: number, limit: number): Promise<AuditCheckpointRow[]>;
  /**
   * Keeps the RFC 3161 time-stamp token (DER, base64) of checkpoint `number`; `false` when there is no
   * such checkpoint or it has a token already (the first one stays).
   */
  putAuditCheckpointTimestamp(number: number, token: string): Promise<boolean>;
}
