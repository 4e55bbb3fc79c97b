// What a batch is given and what it did: the types of `applyBatch` (datasets and records).
import type { AuditEntryInput } from './audit-store';

/**
 * A batch for {@link DatasetStore.applyBatch}: already validated and keyed by the core.
 *
 * @example
 * ```ts
 * import { type BatchInput, createMemoryStore } from '@tukar/hub';
 *
 * const store = createMemoryStore(); // or your own Store, in its tests
 * const batch: BatchInput = {
 *   datasetId: 'dinkes.puskesmas',
 *   at: new Date().toISOString(),
 *   upserts: [{ key: 'P3374010101', json: '{"kode_puskesmas":"P3374010101","nama":"Puskesmas Bandarharjo"}' }],
 *   deletes: ['P3374010102'],
 * };
 * const outcome = await store.applyBatch(batch); // { kind: 'missing-dataset' } until createDataset
 * ```
 */
export interface BatchInput {
  datasetId: string;
  at: string;
  /** Upserts in order; keys are unique within the batch. */
  upserts: ReadonlyArray<{ key: string; json: string }>;
  /** Keys to delete, applied after the upserts; unknown keys are skipped. */
  deletes: readonly string[];
  /** When given, a stored key is replayed, and a new one is stored with the batch's counts. */
  idempotency?: IdempotencyInput;
  /**
   * The audit entry of the request that writes the batch, stored in the batch's transaction: the log
   * holds it exactly when the batch is committed (a crash cannot keep one without the other). The store
   * gives it its id; no other audit writer is waited for. Not written on a replay.
   */
  audit?: AuditEntryInput;
  /**
   * Signs the batch's receipt from what it did, inside the batch's transaction (after planning, before
   * anything is written): the receipt is stored with the idempotency record and returned with the
   * outcome, so a replay returns the same receipt. Not called on a replay or a missing dataset.
   */
  receipt?: (counts: BatchCounts) => Promise<string>;
}

/**
 * The idempotency key of a batch. The store reads it once, in the batch's transaction: when the key is
 * stored, the batch is not applied and the outcome is a `replay` of what the first request did; otherwise
 * the key is stored with the batch's counts, in the same transaction.
 *
 * @example
 * ```ts
 * import { createMemoryStore, type IdempotencyInput } from '@tukar/hub';
 *
 * const store = createMemoryStore();
 * const idempotency: IdempotencyInput = {
 *   scope: 'ciamis/dinkes/simpus dinkes.puskesmas',
 *   key: '0b6f7c1e-5a3d-4f1b-9e2a-7d8c4b3a2f10', // the request's Idempotency-Key
 *   requestHash: bodySha256,
 * };
 * const at = new Date().toISOString();
 * const outcome = await store.applyBatch({ datasetId: 'dinkes.puskesmas', at, upserts, deletes: [], idempotency });
 * if (outcome.kind === 'replay' && outcome.requestHash !== bodySha256) console.log('key reused with another body');
 * ```
 */
export interface IdempotencyInput {
  /**
   * Who and where: `<clientId> <datasetId>`; keys of different scopes never collide. A scope names one
   * dataset: the batches of a dataset are applied one at a time, so the key is read once per batch.
   */
  scope: string;
  key: string;
  /** SHA-256 of the request body, to tell a replay from a reuse with another body. */
  requestHash: string;
}

/**
 * What a batch did.
 *
 * @example
 * ```ts
 * import { type BatchCounts, createMemoryStore } from '@tukar/hub';
 *
 * const store = createMemoryStore();
 * const outcome = await store.applyBatch(batch);
 * if (outcome.kind === 'applied') {
 *   const { created, updated, unchanged, deleted, seq }: BatchCounts = outcome.counts;
 *   console.log(`${created} new, ${updated} changed, ${unchanged} unchanged, ${deleted} deleted; feed at #${seq}`);
 * }
 * ```
 */
export interface BatchCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** The dataset's sequence after the batch. */
  seq: number;
}

/**
 * What the store keeps under an idempotency key: the first request's body hash and what its batch did.
 * The hub answers a replay from it (the first answer again) and a reuse with another body with 409.
 *
 * @example
 * ```ts
 * import type { IdempotencyRecord, Store } from '@tukar/hub';
 *
 * async function wasApplied(store: Store, idempotencyKey: string): Promise<boolean> {
 *   const stored: IdempotencyRecord | undefined = await store.getIdempotencyRecord(
 *     'ciamis/dinkes/simpus dinkes.puskesmas',
 *     idempotencyKey,
 *   );
 *   if (stored) console.log(`applied as change #${stored.counts.seq} (body ${stored.requestHash})`);
 *   return stored !== undefined;
 * }
 * ```
 */
export interface IdempotencyRecord {
  requestHash: string;
  counts: BatchCounts;
  /** The batch's signed receipt (compact JWS); absent for batches stored before receipts or without one. */
  receipt?: string;
}

/**
 * The result of {@link DatasetStore.applyBatch}: what happened, for the caller to answer.
 *
 * @example
 * ```ts
 * import { type BatchOutcome, createMemoryStore } from '@tukar/hub';
 *
 * const store = createMemoryStore();
 * const outcome: BatchOutcome = await store.applyBatch(batch);
 * switch (outcome.kind) {
 *   case 'applied':
 *     console.log(`dinkes.puskesmas now at change #${outcome.counts.seq}`);
 *     break;
 *   case 'replay':
 *     console.log(`already applied as change #${outcome.counts.seq}; nothing written now`);
 *     break;
 *   case 'missing-dataset':
 *     throw new Error('Dataset dinkes.puskesmas does not exist.');
 * }
 * ```
 */
export type BatchOutcome =
  | { kind: 'applied'; counts: BatchCounts; receipt?: string }
  /** The idempotency key was stored by an earlier request: nothing was written. */
  | ({ kind: 'replay' } & IdempotencyRecord)
  | { kind: 'missing-dataset' };
