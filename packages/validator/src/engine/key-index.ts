import type { UniquenessSummary } from '../report';
import { fingerprint } from './fingerprint';

/**
 * Options of {@link KeyIndex}; passed as `uniqueness` in the options of every source.
 *
 * @example
 * ```ts
 * import { type UniquenessOptions, validateFile } from '@tukar/validator';
 *
 * // Four million rows of penduduk: keep more keys as text, and let the table use up to 128 MiB.
 * const uniqueness: UniquenessOptions = { exactKeys: 1_000_000, exactChars: 24_000_000, maxBytes: 128 * 1024 * 1024 };
 * const report = await validateFile('contracts/disdukcapil.penduduk-desa.yaml', 'ekspor/penduduk.ndjson.gz', { uniqueness });
 * console.log(report.uniqueness.mode, report.uniqueness.note);
 * ```
 */
export interface UniquenessOptions {
  /** Keys whose text is kept, so that a match among them is confirmed exactly (default 100 000). */
  exactKeys?: number;
  /** Characters of key text kept at most (default 8 000 000, about 16 MB). */
  exactChars?: number;
  /**
   * How many keys the whole input will likely have (e.g. estimated from the bytes read so far), asked
   * when the table first needs to grow, so that it is made that large at once.
   */
  expectedKeys?: () => number | undefined;
  /**
   * Most memory of the fingerprint table in bytes (default 64 MiB: 4 Mi slots of 12 bytes, about 2.9
   * million keys; growing holds the old table too for a moment). Record numbers add 4 bytes a key.
   */
  maxBytes?: number;
}

const BYTES_PER_SLOT = 12; // fingerprint high, fingerprint low, ordinal + 1: three Int32
const MAX_LOAD = 0.7;
const MIN_SLOTS = 1 << 16;

const format = (n: number) => n.toLocaleString('en');

/**
 * Remembers primary keys to find duplicates, in memory that does not grow past a bound.
 *
 * Every key goes into an open-addressing table of 64-bit fingerprints (12 bytes a slot, doubling up to
 * `maxBytes`). The text of the first `exactKeys` keys is kept too: a fingerprint match between two of
 * them is confirmed by comparing the texts, so up to that bound the check is exact. Past it, a match is
 * a fingerprint match, wrong only if two different keys collide (odds about n²/2⁶⁵, said in the report).
 * When the table is full, later keys are still looked up but no longer added, and the report says so.
 *
 * @example
 * ```ts
 * const index = new KeyIndex();
 * index.add('P3207010101', 1); // 0: new
 * index.add('P3207010101', 7); // 1: seen first at record 1
 * ```
 */
export class KeyIndex {
  /** Slots of three Int32: fingerprint high, fingerprint low, ordinal of the key + 1 (0 = empty). */
  private table: Int32Array;
  private mask: number;
  /** Record number of each key, by ordinal. */
  private records = new Int32Array(1024);
  /** Text of the first keys, by ordinal. */
  private readonly texts: string[] = [];
  private textChars = 0;
  private keepText = true;
  private count = 0;
  private untracked = 0;
  private sized = false;
  private readonly fp = new Int32Array(2);
  private readonly maxExactKeys: number;
  private readonly maxExactChars: number;
  private readonly maxSlots: number;
  private readonly expectedKeys: (() => number | undefined) | undefined;

  constructor(options: UniquenessOptions = {}) {
    this.maxExactKeys = options.exactKeys ?? 100_000;
    this.maxExactChars = options.exactChars ?? 8_000_000;
    this.expectedKeys = options.expectedKeys;
    const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    let slots = MIN_SLOTS;
    while (slots * 2 * BYTES_PER_SLOT <= maxBytes) slots *= 2;
    this.maxSlots = slots;
    this.table = new Int32Array(MIN_SLOTS * 3);
    this.mask = MIN_SLOTS - 1;
  }

  /** Keys kept. */
  get size(): number {
    return this.count;
  }

  /** `true` while the text of new keys is kept: callers then pass it to {@link addKey}. */
  get wantsText(): boolean {
    return this.keepText;
  }

  /**
   * Reads the first slot of each of `lows[0..count)` (fingerprint low halves of keys about to be added), so
   * that their cache misses overlap: the loads do not depend on one another, where the probes of
   * {@link addKey} do. The keys then added find their slots in cache. Returns a value only to keep the
   * reads from being optimised away.
   *
   * @example
   * ```ts
   * const index = new KeyIndex();
   * const lows = Int32Array.of(17, 4242);
   * index.prefetch(lows, 2);
   * ```
   */
  prefetch(lows: Int32Array, count: number): number {
    const table = this.table;
    const mask = this.mask;
    let sum = 0;
    for (let k = 0; k < count; k++) sum ^= table[(lows[k]! & mask) * 3 + 2]!;
    return sum;
  }

  /** How keys are kept now. */
  get mode(): UniquenessSummary['mode'] {
    if (this.untracked > 0) return 'saturated';
    return this.keepText ? 'exact' : 'hashed';
  }

  /**
   * Adds `key` of record number `record` (from 1). Returns 0 when the key is new, else the record
   * number where it was first seen.
   */
  add(key: string, record: number): number {
    fingerprint(key, this.fp);
    return this.addKey(key, this.fp[0]!, this.fp[1]!, record);
  }

  /**
   * Adds a key by its fingerprint (computed by the caller, e.g. with `fingerprintParts`), with its text
   * while {@link wantsText} (else `undefined`). Returns as {@link add} does.
   */
  addKey(text: string | undefined, high: number, low: number, record: number): number {
    const table = this.table;
    const mask = this.mask;
    let slot = low & mask;
    for (;;) {
      const at = slot * 3;
      const ordinal = table[at + 2]! - 1;
      if (ordinal < 0) break;
      if (table[at] === high && table[at + 1] === low) {
        const known = ordinal < this.texts.length ? this.texts[ordinal] : undefined;
        // Both texts known and different: two keys with one fingerprint. Look on.
        if (known === undefined || text === undefined || known === text) return this.records[ordinal]!;
      }
      slot = (slot + 1) & mask;
    }
    if (this.count + 1 > (mask + 1) * MAX_LOAD) {
      if (mask + 1 >= this.maxSlots) {
        this.untracked++;
        this.keepText = false;
        return 0;
      }
      this.grow();
      return this.addKey(text, high, low, record);
    }
    const ordinal = this.count++;
    const at = slot * 3;
    table[at] = high;
    table[at + 1] = low;
    table[at + 2] = ordinal + 1;
    if (ordinal >= this.records.length) {
      const bigger = new Int32Array(this.records.length * 2);
      bigger.set(this.records);
      this.records = bigger;
    }
    this.records[ordinal] = record;
    if (this.keepText) {
      if (
        text !== undefined &&
        ordinal < this.maxExactKeys &&
        this.textChars + text.length <= this.maxExactChars
      ) {
        this.texts.push(text);
        this.textChars += text.length;
      } else {
        this.keepText = false;
      }
    }
    return 0;
  }

  /** A plain statement of how uniqueness was checked. */
  summary(): UniquenessSummary {
    const mode = this.mode;
    if (mode === 'exact') {
      return {
        mode,
        keys: this.count,
        note: `Primary-key uniqueness checked exactly over ${format(this.count)} keys.`,
      };
    }
    const odds = (this.count * this.count) / 2 ** 65;
    const hashed =
      `Exact for the first ${format(this.texts.length)} keys; past that, keys are kept as 64-bit fingerprints ` +
      `to bound memory, so a reported duplicate could in theory be two different keys with the same fingerprint ` +
      `(odds about ${odds < 1e-12 ? '1 in 10^12 or less' : odds.toExponential(1)} for ${format(this.count)} keys).`;
    if (mode === 'hashed') return { mode, keys: this.count, note: hashed };
    return {
      mode,
      keys: this.count,
      note:
        `${hashed} The key memory filled at ${format(this.count)} keys: ${format(this.untracked)} later ` +
        'records were checked against those keys but not among themselves.',
    };
  }

  private grow(): void {
    let slots = (this.mask + 1) * 2;
    if (!this.sized) {
      // The first growth: go straight to the size the input will likely need.
      this.sized = true;
      const expected = this.expectedKeys?.();
      if (expected !== undefined) while (slots * MAX_LOAD < expected && slots < this.maxSlots) slots *= 2;
    }
    const old = this.table;
    const table = new Int32Array(slots * 3);
    const mask = slots - 1;
    for (let at = 0; at < old.length; at += 3) {
      const ordinal = old[at + 2]!;
      if (ordinal === 0) continue;
      const low = old[at + 1]!;
      let slot = low & mask;
      while (table[slot * 3 + 2] !== 0) slot = (slot + 1) & mask;
      table[slot * 3] = old[at]!;
      table[slot * 3 + 1] = low;
      table[slot * 3 + 2] = ordinal;
    }
    this.table = table;
    this.mask = mask;
  }
}
