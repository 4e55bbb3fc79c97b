import type { CompiledContract } from '@tukar/contracts';
import { HUB_LIMITS, type Schemas } from '@tukar/spec';
import { requireDatasetAccess } from '../access-control';
import { requestAuditInput } from '../audit-log';
import { canonicalJson } from '../canonical-json';
import { sha256Hex } from '../crypto-helpers';
import { eventLoopSlices } from '../event-loop-slices';
import { type ReceiptSubject, signReceipt } from '../evidence/receipt';
import { HubProblem } from '../hub-problem';
import { maskRecordKey } from '../mask-record-key';
import { knownStore } from '../metadata-access';
import { decodeCursor, encodeCursor, isAfterCursor } from '../page-cursor';
import { callerOf, json, type RequestContext, type RouteAnswer, type RouteTable } from '../request-context';
import type { BatchCounts, BatchInput, BatchOutcome, IdempotencyInput, IdempotencyRecord } from '../store';
import { compiledContractOf, requireDataset } from './dataset-helpers';
import { checkOriginSignature } from './origin-check';
import { slicedPageAnswer } from './sliced-page';

type RecordError = Schemas['RecordError'];

/** The 422 lists at most this many record errors; the detail says how many there were. */
const MAX_LISTED_ERRORS = 1000;

interface CheckedBatch {
  upserts: Array<{ key: string; json: string }>;
  deletes: string[];
  errors: RecordError[];
  errorCount: number;
}

function keyOrUndefined(compiled: CompiledContract, record: unknown): string | undefined {
  try {
    return compiled.keyOf(record);
  } catch {
    return undefined;
  }
}

/**
 * Validates every record of a batch against the pinned contract; collects each problem. A large batch
 * is checked in slices of the event loop (see {@link eventLoopSlices}), so reads are served in between;
 * nothing is written before the whole batch is checked.
 */
async function checkBatch(
  compiled: CompiledContract,
  request: Schemas['PushRequest'],
): Promise<CheckedBatch> {
  const slices = eventLoopSlices();
  const out: CheckedBatch = { upserts: [], deletes: [], errors: [], errorCount: 0 };
  const add = (error: RecordError) => {
    out.errorCount++;
    if (out.errors.length < MAX_LISTED_ERRORS) out.errors.push(error);
  };
  const firstIndex = new Map<string, number>();
  const upserts = request.upsert ?? [];
  for (let index = 0; index < upserts.length; index++) {
    await slices.pause();
    const record = upserts[index];
    if (!compiled.check(record)) {
      const key = keyOrUndefined(compiled, record);
      for (const issue of compiled.validate(record)) {
        add({
          index,
          op: 'upsert',
          ...(key !== undefined && { key: maskRecordKey(compiled, key) }),
          path: issue.path,
          code: issue.code,
          message: issue.message,
        });
      }
      continue;
    }
    const key = compiled.keyOf(record);
    const earlier = firstIndex.get(key);
    if (earlier !== undefined) {
      add({
        index,
        op: 'upsert',
        key: maskRecordKey(compiled, key),
        path: '',
        code: 'duplicate_key',
        message: `The record has the same primary key as upsert[${earlier}]; send each key once per batch.`,
      });
      continue;
    }
    firstIndex.set(key, index);
    out.upserts.push({ key, json: canonicalJson(record) });
  }
  const deleted = new Set<string>();
  const { primaryKey } = compiled.contract;
  (request.delete ?? []).forEach((keyObject, index) => {
    const missing = primaryKey.filter((field) => (keyObject as Record<string, unknown>)[field] === undefined);
    if (missing.length > 0) {
      add({
        index,
        op: 'delete',
        path: `/${missing[0]}`,
        code: 'primary_key_missing',
        message: `The delete names no value for the primary-key field(s) ${missing.join(', ')}.`,
      });
      return;
    }
    const key = compiled.keyOf(keyObject);
    if (firstIndex.has(key)) {
      add({
        index,
        op: 'delete',
        key: maskRecordKey(compiled, key),
        path: '',
        code: 'duplicate_key',
        message: `The batch both upserts (upsert[${firstIndex.get(key)}]) and deletes this key; send one of them.`,
      });
      return;
    }
    if (!deleted.has(key)) out.deletes.push(key);
    deleted.add(key);
  });
  return out;
}

/** The problem of a batch with invalid records: nothing was written. */
function validationProblem(checked: CheckedBatch): HubProblem {
  const records = new Set(checked.errors.map((e) => `${e.op}${e.index}`)).size;
  const first = checked.errors[0] as RecordError;
  const listed =
    checked.errorCount > checked.errors.length ? ` (the first ${checked.errors.length} are listed)` : '';
  return new HubProblem(
    422,
    'validation_failed',
    `${checked.errorCount} problem(s) in ${records === 1 ? 'one record' : `at least ${records} records`}${listed}; nothing was written. First: ${first.op}[${first.index}]${first.path ? ` ${first.path}` : ''}: ${first.message}`,
    { errors: checked.errors },
  );
}

/** The context of the two writing operations. */
type WriteContext = RequestContext<'pushRecords' | 'deleteRecord'>;

/** The answer to a request whose key was stored before: the first answer again, or 409 for another body. */
function replayOrConflict(ctx: WriteContext, stored: IdempotencyRecord, requestHash: string): Response {
  if (stored.requestHash !== requestHash) {
    throw new HubProblem(
      409,
      'idempotency_conflict',
      `Idempotency-Key "${String(ctx.headers['Idempotency-Key'])}" was already used for another request body on this dataset; use a new key for a new batch.`,
    );
  }
  return json(ctx, 200, {
    ...stored.counts,
    replayed: true,
    ...(stored.receipt !== undefined && { receipt: stored.receipt }),
  });
}

/**
 * The answer to a request that reaches no batch (`problem`, unless its key was stored before: then the
 * first answer or 409, as when it reaches one). The only read of the key for such a request; a request
 * that reaches a batch has its key read by the store, in the batch's transaction.
 */
async function answerUnwritten(
  ctx: WriteContext,
  idempotency: IdempotencyInput | undefined,
  problem: HubProblem,
): Promise<Response> {
  const earlier =
    idempotency && (await ctx.core.store.getIdempotencyRecord(idempotency.scope, idempotency.key));
  if (idempotency && earlier) return replayOrConflict(ctx, earlier, idempotency.requestHash);
  throw problem;
}

/**
 * Applies a batch with the request's audit entry in the same transaction, so a crash cannot keep the
 * write without its entry. The entry's status is 200, the answer to an applied batch: the entry is in the
 * log exactly when the outcome is `applied`. A replay or a missing dataset writes no entry here and is
 * audited with its answer like any other request.
 */
async function applyBatchAudited(
  ctx: WriteContext,
  batch: BatchInput,
  subject: ReceiptSubject,
): Promise<BatchOutcome> {
  const entry = requestAuditInput(ctx.request, {
    at: ctx.at,
    requestId: ctx.requestId,
    clientId: ctx.caller?.client.id ?? null,
    datasetId: ctx.datasetId,
    status: 200,
    bodySha256: await ctx.bodySha256(),
  });
  if (subject.originSignature !== undefined) entry.originSignature = subject.originSignature;
  const audit = await ctx.core.audit.entryOf(entry);
  const signing = ctx.core.signingKey;
  const receipt = (counts: BatchCounts) => signReceipt(signing, subject, counts);
  return ctx.core.store.applyBatch({ ...batch, audit, receipt });
}

/** The answer to a batch; an applied one tells the audit step its entry was written with the batch. */
function answerOf(outcome: BatchOutcome, ctx: WriteContext, requestHash: string): RouteAnswer {
  if (outcome.kind === 'missing-dataset')
    throw new HubProblem(404, 'not_found', `Dataset ${ctx.datasetId} does not exist.`);
  if (outcome.kind === 'replay') return replayOrConflict(ctx, outcome, requestHash);
  const body = {
    ...outcome.counts,
    replayed: false,
    ...(outcome.receipt !== undefined && { receipt: outcome.receipt }),
  };
  return { response: json(ctx, 200, body), audited: 'with-write' };
}

function idempotencyOf(ctx: WriteContext, requestHash: string): IdempotencyInput | undefined {
  const key = ctx.headers['Idempotency-Key'];
  if (typeof key !== 'string') return undefined;
  return { scope: `${callerOf(ctx).client.id} ${ctx.datasetId}`, key, requestHash };
}

/** Who sent which batch where, for its receipt. */
function receiptSubject(
  ctx: WriteContext,
  op: ReceiptSubject['op'],
  dataset: { id: string; contractVersion: string },
  requestHash: string,
  originSignature: string | undefined,
): ReceiptSubject {
  const key = ctx.headers['Idempotency-Key'];
  return {
    ...(originSignature !== undefined && { originSignature }),
    op,
    datasetId: dataset.id,
    contractVersion: dataset.contractVersion,
    bodySha256: requestHash,
    idempotencyKey: typeof key === 'string' ? key : null,
    clientId: callerOf(ctx).client.id,
    at: ctx.at,
  };
}

export const recordRoutes = {
  async pushRecords(ctx) {
    const { store } = ctx.core;
    const dataset = await requireDataset(knownStore(ctx), ctx.path.datasetId);
    await requireDatasetAccess(ctx, dataset, 'write');
    const request = ctx.body;
    const requestHash = (await ctx.bodySha256()) ?? '';
    const idempotency = idempotencyOf(ctx, requestHash);
    const origin = await checkOriginSignature({
      store,
      clientId: callerOf(ctx).client.id,
      datasetId: dataset.id,
      bodySha256: requestHash,
      signature: ctx.headers['Tukar-Signature'],
    });
    const compiled = await compiledContractOf(store, dataset);
    const checked = await checkBatch(compiled, request);
    if (checked.errorCount > 0) return answerUnwritten(ctx, idempotency, validationProblem(checked));
    const batch: BatchInput = {
      datasetId: dataset.id,
      at: ctx.at,
      upserts: checked.upserts,
      deletes: checked.deletes,
      ...(idempotency && { idempotency }),
    };
    const subject = receiptSubject(ctx, 'push', dataset, requestHash, origin);
    const outcome = await applyBatchAudited(ctx, batch, subject);
    return answerOf(outcome, ctx, requestHash);
  },

  async deleteRecord(ctx) {
    const { store } = ctx.core;
    const { datasetId, key } = ctx.path;
    const dataset = await requireDataset(knownStore(ctx), datasetId);
    await requireDatasetAccess(ctx, dataset, 'write');
    const requestHash = await sha256Hex(`DELETE ${key}`);
    const idempotency = idempotencyOf(ctx, requestHash);
    if ((await store.listClientSigningKeys(callerOf(ctx).client.id)).length > 0) {
      throw new HubProblem(
        422,
        'origin_signature_missing',
        `Client ${callerOf(ctx).client.id} signs its batches, and a DELETE of one record carries no signature; send the delete as a signed batch: POST /v1/datasets/${dataset.id}/records with {"delete": [ … ]}. Nothing was written.`,
      );
    }
    if (!(await store.getRecord(dataset.id, key))) {
      const shown = maskRecordKey(await compiledContractOf(store, dataset), key);
      const missing = new HubProblem(
        404,
        'not_found',
        `Dataset ${dataset.id} has no record with key "${shown}".`,
      );
      return answerUnwritten(ctx, idempotency, missing);
    }
    const batch: BatchInput = {
      datasetId: dataset.id,
      at: ctx.at,
      upserts: [],
      deletes: [key],
      ...(idempotency && { idempotency }),
    };
    const subject = receiptSubject(ctx, 'delete', dataset, requestHash, undefined);
    const outcome = await applyBatchAudited(ctx, batch, subject);
    return answerOf(outcome, ctx, requestHash);
  },

  async listRecords(ctx) {
    const { store } = ctx.core;
    const dataset = await requireDataset(knownStore(ctx), ctx.path.datasetId);
    await requireDatasetAccess(ctx, dataset, 'read');
    const limit = ctx.query.limit ?? HUB_LIMITS.defaultPageSize;
    const after = decodeCursor(ctx.query.cursor, isAfterCursor)?.k;
    const rows = await store.listRecords(dataset.id, { after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const items = page.map(
      (r) =>
        `{"key":${JSON.stringify(r.key)},"seq":${r.seq},"updatedAt":"${r.updatedAt}","record":${r.json}}`,
    );
    const last = page.at(-1);
    const nextCursor = rows.length > limit && last ? JSON.stringify(encodeCursor({ k: last.key })) : 'null';
    return new Response(`{"items":[${items.join(',')}],"nextCursor":${nextCursor}}`, {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  },

  async getRecord(ctx) {
    const { store } = ctx.core;
    const { datasetId, key } = ctx.path;
    const dataset = await requireDataset(knownStore(ctx), datasetId);
    await requireDatasetAccess(ctx, dataset, 'read');
    const row = await store.getRecord(dataset.id, key);
    if (!row) {
      const shown = maskRecordKey(await compiledContractOf(store, dataset), key);
      throw new HubProblem(404, 'not_found', `Dataset ${dataset.id} has no record with key "${shown}".`);
    }
    return new Response(
      `{"key":${JSON.stringify(row.key)},"seq":${row.seq},"updatedAt":"${row.updatedAt}","record":${row.json}}`,
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  },

  async listChanges(ctx) {
    const { store } = ctx.core;
    const dataset = await requireDataset(knownStore(ctx), ctx.path.datasetId);
    await requireDatasetAccess(ctx, dataset, 'read');
    const since = ctx.query.since ?? 0;
    return slicedPageAnswer({
      limit: ctx.query.limit ?? HUB_LIMITS.defaultChangesLimit,
      read: (offset, count) => store.changeItems(dataset.id, since + offset, count),
      tail: (count, hasMore) => `,"nextSince":${since + count},"hasMore":${hasMore}`,
      onLateFailure: (error) =>
        ctx.core.log({
          level: 'error',
          msg: 'changes page cut short: a read failed after the answer started',
          requestId: ctx.requestId,
          error: error instanceof Error ? error.message : String(error),
        }),
    });
  },
} satisfies Partial<RouteTable>;
