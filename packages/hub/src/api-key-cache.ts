import type { ApiKeyRow, ClientRow } from './store';

/**
 * How long a hub instance trusts what it read about an API key (the key's row and its client) before it
 * reads them again, by default: 5 seconds (`HubOptions.apiKeyCacheTtlMs`). A key revoked through an
 * instance is refused by that instance at once; other instances sharing the store refuse it within this time.
 */
export const API_KEY_CACHE_TTL_MS = 5_000;

/** At most this many keys are remembered; the oldest is dropped first. */
const MAX_ENTRIES = 10_000;

/** What a hub instance read about a key: its row, and its client (`undefined` when none is registered). */
export interface CachedApiKey {
  key: ApiKeyRow;
  client: ClientRow | undefined;
}

/**
 * The API keys a hub instance looked up recently, by hash, so that a request does not cost the store two
 * lookups to identify its caller. Entries live `ttlMs` by the hub's clock (none are kept when it is 0); unknown
 * keys are not remembered (a wrong key is looked up every time, and rate limited).
 */
export class ApiKeyCache {
  readonly #entries = new Map<string, CachedApiKey & { until: number }>();
  readonly #ttlMs: number;

  constructor(ttlMs: number = API_KEY_CACHE_TTL_MS) {
    this.#ttlMs = ttlMs;
  }

  /** The entry of `hash`, unless it is missing or older than the TTL at `nowMs`. */
  get(hash: string, nowMs: number): CachedApiKey | undefined {
    const entry = this.#entries.get(hash);
    if (entry === undefined) return undefined;
    if (entry.until > nowMs) return entry;
    this.#entries.delete(hash);
    return undefined;
  }

  /** Remembers what was read about the key of `hash` at `nowMs`. */
  set(hash: string, found: CachedApiKey, nowMs: number): void {
    this.#entries.delete(hash);
    if (this.#ttlMs <= 0) return;
    this.#entries.set(hash, { ...found, until: nowMs + this.#ttlMs });
    if (this.#entries.size > MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  /** Forgets the key with this id (revoked through this instance), so its next use is read afresh. */
  forgetKey(keyId: string): void {
    for (const [hash, entry] of this.#entries) if (entry.key.keyId === keyId) this.#entries.delete(hash);
  }
}
