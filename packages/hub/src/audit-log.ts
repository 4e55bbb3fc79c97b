import type { components } from '@tukar/spec';
import { auditedPath, auditKeySecret, hasRecordKey } from './audit-key-digest';
import { auditLeafHash } from './evidence/audit-leaf';
import { publishedKeySet } from './evidence/signing-keys';
import { verifyAuditEvidence } from './evidence/verify-audit-evidence';
import type { AuditCheckpointRow, AuditEntryInput, AuditRow, Store } from './store';

type AuditVerification = components['schemas']['AuditVerification'];
type AuditEvidenceBundle = components['schemas']['AuditEvidenceBundle'];

/** What a request contributes to its audit entry; the log adds `leafHash`, the store `seq`. */
export type AuditInput = Omit<AuditRow, 'seq' | 'leafHash' | 'checkpoint'>;

/**
 * The audit entry of one request: who (`clientId`), what (method, path, the SHA-256 of the body), which
 * dataset, and the answer's status. A record key in the path is replaced by its keyed digest when the
 * {@link AuditLog} writes the entry (see `auditKeyDigest`).
 */
export function requestAuditInput(
  request: Request,
  fields: Pick<AuditInput, 'at' | 'requestId' | 'clientId' | 'datasetId' | 'status' | 'bodySha256'>,
): AuditInput {
  const { pathname } = new URL(request.url);
  return { ...fields, method: request.method, path: pathname.slice(0, 2000) };
}

/** How the {@link AuditLog} buffers the entries of reads. */
export interface AuditBufferOptions {
  /** Buffered entries are written at the latest this long after the first of them (default 1,000 ms). */
  flushIntervalMs?: number;
  /** Buffered entries are written as soon as there are this many (default 500). */
  flushSize?: number;
  /** While the store fails, at most this many entries wait for it; older ones are dropped (default 10,000). */
  maxBuffered?: number;
  /** Reports a failed write and entries dropped. */
  log?: (line: { level: 'error'; msg: string; error?: string; dropped?: number }) => void;
}

/**
 * The audit log: entries carry their own leaf hash and get their id from the store, so no writer waits
 * for another one. A write's entry is stored with it (a batch in its own transaction) or right after it;
 * the entries of reads are buffered and written together, off the request path, at the latest
 * `flushIntervalMs` later (a crash loses at most those). A record key in a request path is kept only as
 * its keyed digest (`hmac-sha256:…`, see `auditKeyDigest`), never as itself.
 */
export class AuditLog {
  #secret: Promise<string> | undefined;
  #pending: Array<Promise<AuditEntryInput | undefined>> = [];
  #failed: AuditEntryInput[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> = Promise.resolve();
  readonly #flushIntervalMs: number;
  readonly #flushSize: number;
  readonly #maxBuffered: number;
  readonly #log: NonNullable<AuditBufferOptions['log']>;

  constructor(
    readonly store: Store,
    options: AuditBufferOptions = {},
  ) {
    this.#flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.#flushSize = options.flushSize ?? 500;
    this.#maxBuffered = options.maxBuffered ?? 10_000;
    this.#log = options.log ?? (() => undefined);
  }

  /** The input with a record key in its path replaced by the key's digest (a key may be a NIK). */
  async #withoutRecordKey(input: AuditInput): Promise<AuditInput> {
    if (!hasRecordKey(input.path)) return input;
    this.#secret ??= auditKeySecret(this.store);
    let secret: string;
    try {
      secret = await this.#secret;
    } catch (error) {
      this.#secret = undefined; // the store failed: read the secret again next time
      throw error;
    }
    return { ...input, path: await auditedPath(input.path, secret) };
  }

  /** The entry as it is stored: without a record key, with its leaf hash. */
  async entryOf(input: AuditInput): Promise<AuditEntryInput> {
    const content = await this.#withoutRecordKey(input);
    return { ...content, leafHash: await auditLeafHash(content) };
  }

  /** Writes one entry now (the entry of a write) and resolves once it is stored. */
  async append(input: AuditInput): Promise<void> {
    await this.store.appendAuditEntries([await this.entryOf(input)]);
  }

  /** Buffers the entry of a read; it is written with others, off the request path. */
  record(input: AuditInput): void {
    this.#pending.push(
      this.entryOf(input).catch((error: unknown) => {
        this.#log({ level: 'error', msg: 'audit entry dropped', error: messageOf(error), dropped: 1 });
        return undefined;
      }),
    );
    if (this.#pending.length >= this.#flushSize) void this.flush();
    else this.#timer ??= unref(setTimeout(() => void this.flush(), this.#flushIntervalMs));
  }

  /** How many entries wait to be written. */
  get buffered(): number {
    return this.#pending.length + this.#failed.length;
  }

  /** Writes the buffered entries in one transaction; on failure they wait for the next flush. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const taken = this.#pending;
    this.#pending = [];
    this.#flushing = this.#flushing.then(async () => {
      const entries = [...this.#failed];
      this.#failed = [];
      for (const entry of await Promise.all(taken)) if (entry) entries.push(entry);
      if (entries.length === 0) return;
      try {
        await this.store.appendAuditEntries(entries);
      } catch (error) {
        const dropped = Math.max(0, entries.length - this.#maxBuffered);
        this.#failed = entries.slice(dropped);
        this.#log({
          level: 'error',
          msg: 'audit write failed; entries kept for the next flush',
          error: messageOf(error),
          dropped,
        });
        this.#timer ??= unref(setTimeout(() => void this.flush(), this.#flushIntervalMs));
      }
    });
    return this.#flushing;
  }

  /** Writes what is buffered and stops the timer. */
  async close(): Promise<void> {
    await this.flush();
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function unref<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

/**
 * The entries, page by page, as of the checkpoints read before them: an entry sealed meanwhile by a
 * newer checkpoint (one the store holds now) is given as unsealed. An entry marked with a checkpoint the
 * store does not hold keeps its mark, for the verification to name the missing checkpoint.
 */
async function* auditEntriesOf(
  store: Store,
  pageSize: number,
  lastCheckpoint: number,
): AsyncGenerator<AuditRow> {
  const newer = new Map<number, Promise<boolean>>();
  const sealedMeanwhile = (number: number) => {
    if (!newer.has(number)) {
      newer.set(
        number,
        store.listAuditCheckpoints(number - 1, 1).then((page) => page[0]?.number === number),
      );
    }
    return newer.get(number) as Promise<boolean>;
  };
  for (let since = 0; ; ) {
    const page = await store.listAudit(since, pageSize);
    for (const entry of page) {
      const mark = entry.checkpoint;
      yield mark !== null && mark > lastCheckpoint && (await sealedMeanwhile(mark))
        ? { ...entry, checkpoint: null }
        : entry;
    }
    if (page.length < pageSize) return;
    since = (page.at(-1) as AuditRow).seq;
  }
}

async function auditCheckpointsOf(store: Store, pageSize: number): Promise<AuditCheckpointRow[]> {
  const all: AuditCheckpointRow[] = [];
  for (let since = 0; ; ) {
    const page = await store.listAuditCheckpoints(since, pageSize);
    all.push(...page);
    if (page.length < pageSize) return all;
    since = (page.at(-1) as AuditCheckpointRow).number;
  }
}

/**
 * Verifies a store's audit log against its signed checkpoints and the hub's published keys (see
 * `verifyAuditEvidence`): names every changed, missing, inserted or moved sealed entry and every
 * altered or missing checkpoint, and counts the entries not sealed yet.
 *
 * @example
 * ```ts
 * import { verifyStoredAudit } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * const { ok, issues, unsealed } = await verifyStoredAudit(store);
 * for (const issue of issues) console.error(`checkpoint ${issue.checkpoint}, entry ${issue.seq}: ${issue.message}`);
 * console.log(ok ? `intact; ${unsealed.count} entries not sealed yet` : 'tampered');
 * ```
 */
export async function verifyStoredAudit(store: Store, pageSize = 1000): Promise<AuditVerification> {
  const checkpoints = await auditCheckpointsOf(store, pageSize);
  return verifyAuditEvidence({
    keys: await publishedKeySet(store),
    clientKeys: await store.listClientSigningKeys(),
    checkpoints,
    entries: auditEntriesOf(store, pageSize, checkpoints.at(-1)?.number ?? 0),
  });
}

/**
 * The evidence bundle of a store's audit log (`GET /v1/audit/export`): every entry, every checkpoint and
 * the key history, and the clients' signing keys (for the origin signatures of signed batches), for an auditor to verify offline (`tukar audit verify --export`).
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { auditEvidenceBundle } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * await writeFile('audit-evidence.json', JSON.stringify(await auditEvidenceBundle(store, new Date())));
 * ```
 */
export async function auditEvidenceBundle(
  store: Store,
  now: Date,
  pageSize = 1000,
): Promise<AuditEvidenceBundle> {
  const checkpoints = await auditCheckpointsOf(store, pageSize);
  const entries: AuditRow[] = [];
  for await (const entry of auditEntriesOf(store, pageSize, checkpoints.at(-1)?.number ?? 0))
    entries.push(entry);
  return {
    format: 'tukar-audit-evidence/1',
    exportedAt: now.toISOString(),
    keys: await publishedKeySet(store),
    // Keys first, then what they verify (a reader of the file meets the keys before the evidence).
    clientKeys: await store.listClientSigningKeys(),
    checkpoints,
    entries,
  };
}
