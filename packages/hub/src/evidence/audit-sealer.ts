// Seals the audit log into signed checkpoints: periodically, on demand, and when the hub closes.

import type { AuditCheckpointRow, Store } from '../store';
import { checkpointClaims, checkpointHash, FIRST_CHECKPOINT_PREV_HASH, signCheckpoint } from './checkpoint';
import { type TimestampAuthorityOptions, timestampCheckpoint } from './checkpoint-timestamp';
import type { ActiveSigningKey } from './signing-keys';

/** When and how much the {@link AuditSealer} seals. */
export interface AuditSealOptions {
  /** Seals every this many milliseconds; `false`: only on demand and on close (default 10,000 ms). */
  intervalMs?: number | false;
  /** Entries per checkpoint at most (default 1,000). */
  size?: number;
  /**
   * An RFC 3161 time-stamping authority that countersigns each new checkpoint (its token is kept with
   * the checkpoint); none by default.
   */
  timestampAuthority?: TimestampAuthorityOptions;
}

/**
 * Seals the entries of the audit log into signed checkpoints (JWS, Ed25519, the hub's current key):
 * each holds the count, the RFC 6962 Merkle root of the entries' leaf hashes in id order, their ids,
 * the hash of the previous checkpoint, the time and the key id. The store lets one sealer run at a time
 * across instances; a sealer that finds another one at work leaves the entries to it.
 */
export class AuditSealer {
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<AuditCheckpointRow[]> | undefined;
  readonly #size: number;
  readonly #authority: TimestampAuthorityOptions | undefined;
  readonly #log: (line: { level: 'error'; msg: string; error: string }) => void;
  /** Checkpoints the authority has not stamped yet (it failed): tried again at the next seal. */
  #unstamped: AuditCheckpointRow[] = [];

  constructor(
    readonly store: Store,
    readonly signingKey: () => ActiveSigningKey,
    readonly now: () => Date,
    options: AuditSealOptions = {},
    log: (line: { level: 'error'; msg: string; error: string }) => void = () => undefined,
  ) {
    this.#size = options.size ?? 1000;
    this.#authority = options.timestampAuthority;
    this.#log = log;
    const interval = options.intervalMs ?? 10_000;
    if (interval !== false) {
      this.#timer = setInterval(() => {
        this.seal().catch((error: unknown) =>
          log({
            level: 'error',
            msg: 'audit seal failed',
            error: error instanceof Error ? error.message : String(error),
          }),
        );
      }, interval);
      (this.#timer as { unref?: () => void }).unref?.();
    }
  }

  /** Seals every entry not sealed yet; the new checkpoints, in order (none when another sealer is at work). */
  seal(): Promise<AuditCheckpointRow[]> {
    // One run at a time in this process; a call during a run waits for it and then runs again.
    const run = (this.#running ?? Promise.resolve([])).catch(() => []).then(() => this.#sealAll());
    this.#running = run;
    return run;
  }

  async #sealAll(): Promise<AuditCheckpointRow[]> {
    const sealed = await this.#sealEach();
    if (this.#authority) await this.#stamp(this.#authority, sealed);
    return sealed;
  }

  /**
   * Has the authority countersign the new checkpoints (and those it failed before), outside the store's
   * transaction; a failure is logged and tried again at the next seal.
   */
  async #stamp(authority: TimestampAuthorityOptions, sealed: AuditCheckpointRow[]): Promise<void> {
    const pending = [...this.#unstamped.splice(0), ...sealed];
    for (const [i, checkpoint] of pending.entries()) {
      try {
        const token = await timestampCheckpoint(checkpoint.jws, authority);
        await this.store.putAuditCheckpointTimestamp(checkpoint.number, token);
        checkpoint.timestampToken = token;
      } catch (error) {
        this.#unstamped.push(...pending.slice(i));
        this.#log({
          level: 'error',
          msg: `checkpoint ${checkpoint.number} not time-stamped yet`,
          error: error instanceof Error ? error.message : String(error),
        });
        return;
      }
    }
  }

  async #sealEach(): Promise<AuditCheckpointRow[]> {
    const sealed: AuditCheckpointRow[] = [];
    for (;;) {
      const checkpoint = await this.store.sealAuditEntries(this.#size, async (entries, previous) => {
        const signing = this.signingKey();
        const number = (previous?.number ?? 0) + 1;
        const prevHash = previous ? await checkpointHash(previous.jws) : FIRST_CHECKPOINT_PREV_HASH;
        const claims = await checkpointClaims(
          number,
          entries,
          prevHash,
          this.now().toISOString(),
          signing.kid,
        );
        return { number, jws: await signCheckpoint(signing, claims) };
      });
      if (!checkpoint) return sealed;
      sealed.push(checkpoint);
    }
  }

  /** Stops sealing periodically. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
