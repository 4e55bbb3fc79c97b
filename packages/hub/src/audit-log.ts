import type { components } from '@tukar/spec';
import { auditedPath, auditKeySecret, hasRecordKey } from './audit-key-digest';
import { canonicalJson } from './canonical-json';
import { sha256Hex } from './crypto-helpers';
import type { AuditRow, Store } from './store';

type AuditVerification = components['schemas']['AuditVerification'];

/** The `prevHash` of the first entry. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** What a request contributes to its audit entry; the log adds `seq`, `prevHash` and `hash`. */
export type AuditInput = Omit<AuditRow, 'seq' | 'prevHash' | 'hash'>;

/**
 * The audit entry of one request: who (`clientId`), what (method, path, the SHA-256 of the body), which
 * dataset, and the answer's status. A record key in the path is replaced by its keyed digest when the
 * {@link AuditLog} appends the entry (see `auditKeyDigest`).
 */
export function requestAuditInput(
  request: Request,
  fields: Pick<AuditInput, 'at' | 'requestId' | 'clientId' | 'datasetId' | 'status' | 'bodySha256'>,
): AuditInput {
  const { pathname } = new URL(request.url);
  return { ...fields, method: request.method, path: pathname.slice(0, 2000) };
}

/** The hash of an entry: SHA-256 of `prevHash` followed by the canonical JSON of the entry without `hash`. */
export function auditHash(entry: Omit<AuditRow, 'hash'>): Promise<string> {
  return sha256Hex(entry.prevHash + canonicalJson(entry));
}

const MAX_ATTEMPTS = 50;

/**
 * What {@link AuditLog.appendWith} runs with the entry: `'behind'` when the entry no longer follows the
 * log's last entry (nothing was written), otherwise whether the entry was stored, and the result.
 */
export type AuditWrite<T> = (entry: AuditRow) => Promise<'behind' | { stored: boolean; value: T }>;

/**
 * The append-only, hash-chained audit log. A record key in a request path is kept only as its keyed
 * digest (`hmac-sha256:…`, see `auditKeyDigest`), never as itself. Appends are serialized in this process; several hub
 * instances on one PostgreSQL race on the next `seq` and the loser re-reads the head and retries, so
 * the chain stays linear.
 */
export class AuditLog {
  #head: Promise<AuditRow | undefined> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #secret: Promise<string> | undefined;

  constructor(readonly store: Store) {}

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

  /** Appends one entry and resolves with it once stored. */
  async append(input: AuditInput): Promise<AuditRow> {
    const append: AuditWrite<AuditRow> = async (entry) =>
      (await this.store.appendAuditEntry(entry)) ? { stored: true, value: entry } : 'behind';
    return this.appendWith(input, append);
  }

  /**
   * Computes the next entry and hands it to `write`, which stores it together with something else (a
   * batch, in one transaction) or not at all. Later appends wait until `write` is done, so the entry
   * it holds stays the next one.
   */
  appendWith<T>(input: AuditInput, write: AuditWrite<T>): Promise<T> {
    const run = this.#queue.then(() => this.#appendWith(input, write));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #appendWith<T>(given: AuditInput, write: AuditWrite<T>): Promise<T> {
    const input = await this.#withoutRecordKey(given);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      this.#head ??= this.store.lastAuditEntry();
      let head: AuditRow | undefined;
      try {
        head = await this.#head;
      } catch (error) {
        this.#head = undefined; // the store failed (e.g. was unreachable): read the head again next time
        throw error;
      }
      const unhashed = { ...input, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? AUDIT_GENESIS_HASH };
      const entry: AuditRow = { ...unhashed, hash: await auditHash(unhashed) };
      let written: Awaited<ReturnType<AuditWrite<T>>>;
      try {
        written = await write(entry);
      } catch (error) {
        this.#head = undefined; // unknown whether the entry was stored: read the head again next time
        throw error;
      }
      if (written === 'behind') {
        this.#head = undefined; // another instance appended: read the head again
        continue;
      }
      if (written.stored) this.#head = Promise.resolve(entry);
      return written.value;
    }
    throw new Error(`The audit log could not append after ${MAX_ATTEMPTS} attempts (the head keeps moving).`);
  }
}

/**
 * Recomputes the audit hash chain over every stored entry and names the first broken one: an entry
 * whose content was changed, whose `prevHash` does not match, or a gap in `seq` (a removed entry).
 *
 * @example
 * ```ts
 * const { ok, checked, firstBrokenSeq } = await verifyAuditChain(store);
 * if (!ok) console.error(`audit log tampered at entry ${firstBrokenSeq}`);
 * ```
 */
export async function verifyAuditChain(store: Store, pageSize = 1000): Promise<AuditVerification> {
  let since = 0;
  let prevHash = AUDIT_GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const page = await store.listAudit(since, pageSize);
    for (const entry of page) {
      const { hash, ...unhashed } = entry;
      if (entry.seq !== since + 1 || entry.prevHash !== prevHash || (await auditHash(unhashed)) !== hash) {
        return { ok: false, checked, firstBrokenSeq: since + 1 };
      }
      checked++;
      since = entry.seq;
      prevHash = hash;
    }
    if (page.length < pageSize) return { ok: true, checked, firstBrokenSeq: null };
  }
}
