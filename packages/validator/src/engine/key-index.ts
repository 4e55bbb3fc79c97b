import type { UniquenessSummary } from '../report';
import { fingerprint } from './fingerprint';
import { BAD, KeySpill, NO_TEXT, type SpillDuplicate, WIDE } from './key-spill';
import { exactText } from './key-text';

/**
 * How primary-key uniqueness is checked: passed as `uniqueness` in the options of every source.
 *
 * @example
 * ```ts
 * import { type UniquenessOptions, validateFile } from '@tukar/validator';
 *
 * // Four million rows of penduduk: hold up to 256 MiB of keys in memory before spilling them to disk.
 * const uniqueness: UniquenessOptions = { maxBytes: 256 * 1024 * 1024 };
 * const report = await validateFile('contracts/disdukcapil.penduduk-desa.yaml', 'ekspor/penduduk.ndjson.gz', { uniqueness });
 * console.log(report.uniqueness.mode, report.uniqueness.note);
 * ```
 */
export interface UniquenessOptions {
  /**
   * Keep the text of only the first this many keys (default: every key). Past it, a key is compared by its
   * 64-bit fingerprint alone (the report says `hashed` and gives the odds of a collision).
   */
  exactKeys?: number;
  /** Keep at most this many characters of key text (default: no bound); past it, as for `exactKeys`. */
  exactChars?: number;
  /**
   * How many keys the whole input will likely have (e.g. estimated from the bytes read so far), asked
   * when the table first needs to grow, so that it is made that large at once.
   */
  expectedKeys?: () => number | undefined;
  /**
   * Most memory of the keys held in memory, in bytes (default 64 MiB: half for the fingerprint table, about
   * 1.4 million keys, half for their texts). When it is full, the keys are spilled to temporary files and
   * compared there at the end: the check stays exact whatever the input's size, in flat memory.
   */
  maxBytes?: number;
  /** @internal Keys held in memory before they are spilled (default: as many as `maxBytes` allows). For tests. */
  spillAt?: number;
  /** @internal The directory of the temporary spill files (default: the system's temporary directory). */
  tempDir?: string;
}

const BYTES_PER_SLOT = 12; // fingerprint high, fingerprint low, ordinal + 1: three Int32
const MAX_LOAD = 0.7;
const MIN_SLOTS = 1 << 16;
const MIN_ARENA = 1 << 16;

const format = (n: number) => n.toLocaleString('en');
/** The one part of a key given as text (see {@link KeyIndex.addKey}). */
const one: string[] = [''];

/**
 * Remembers primary keys to find duplicates, exactly, in memory that does not grow past a bound.
 *
 * Every key goes into an open-addressing table of 64-bit fingerprints (12 bytes a slot, doubling up to
 * half of `maxBytes`), and its text into a byte arena (Latin-1, or UTF-16 for wider characters; up to the
 * other half). A fingerprint match is confirmed by comparing the texts, so two keys with one fingerprint
 * stay apart. When the memory is full, its keys are spilled to disk ({@link KeySpill}) and the memory starts
 * again; {@link finish} then compares the spilled keys among themselves, so a key repeated across the spill
 * boundary is found too. Only when `exactKeys` or `exactChars` bound the texts kept are later keys compared
 * by fingerprint alone (`hashed`, with the odds said in the report).
 *
 * @example
 * ```ts
 * const index = new KeyIndex();
 * index.add('P3207010101', 1); // 0: new
 * index.add('P3207010101', 7); // 1: seen first at record 1
 * index.finish(() => {}); // compares spilled keys, if any, and removes their files
 * ```
 */
export class KeyIndex {
  /** Slots of three Int32: fingerprint high, fingerprint low, ordinal of the key + 1 (0 = empty). */
  private table: Int32Array;
  private mask: number;
  /** Record number of each key in memory, by ordinal. */
  private records = new Int32Array(1024);
  /** Flags of each key in memory (`BAD`, `WIDE`, `NO_TEXT`), by ordinal. */
  private flags = new Uint8Array(1024);
  /** Where each key's text starts in the arena, by ordinal; `starts[count]` is the end of the last. */
  private starts = new Int32Array(1025);
  private arena: Buffer = Buffer.allocUnsafe(MIN_ARENA);
  /** Keys in memory now. */
  private count = 0;
  /** Keys added in all (in memory and spilled). */
  private added = 0;
  /** Keys whose text was kept, and their characters (for the `exactKeys` and `exactChars` bounds). */
  private textKeys = 0;
  private textChars = 0;
  private keepText = true;
  private sized = false;
  private spill: KeySpill | undefined;
  private spilledDuplicates = 0;
  private finished = false;
  private readonly fp = new Int32Array(2);
  private readonly maxExactKeys: number;
  private readonly maxExactChars: number;
  private readonly maxSlots: number;
  private readonly maxArena: number;
  private readonly spillAt: number;
  private readonly tempDir: string | undefined;
  private readonly expectedKeys: (() => number | undefined) | undefined;

  constructor(options: UniquenessOptions = {}) {
    this.maxExactKeys = options.exactKeys ?? Number.POSITIVE_INFINITY;
    this.maxExactChars = options.exactChars ?? Number.POSITIVE_INFINITY;
    this.expectedKeys = options.expectedKeys;
    const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    let slots = MIN_SLOTS;
    while (slots * 2 * BYTES_PER_SLOT <= maxBytes / 2) slots *= 2;
    this.maxSlots = slots;
    this.maxArena = Math.max(MIN_ARENA, Math.floor(maxBytes / 2));
    this.spillAt = Math.min(options.spillAt ?? Number.POSITIVE_INFINITY, Math.floor(slots * MAX_LOAD));
    this.tempDir = options.tempDir;
    this.table = new Int32Array(MIN_SLOTS * 3);
    this.mask = MIN_SLOTS - 1;
  }

  /** Keys added (each distinct within its spill; {@link finish} removes those repeated across spills). */
  get size(): number {
    return this.added - this.spilledDuplicates;
  }

  /** `true` while the text of new keys is kept: callers then pass it to {@link addKey}. */
  get wantsText(): boolean {
    return this.keepText;
  }

  /** Times the memory was spilled to disk so far. */
  get spills(): number {
    return this.spill?.spills ?? 0;
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

  /** How keys are compared: `exact` unless `exactKeys` or `exactChars` bounded the texts kept. */
  get mode(): UniquenessSummary['mode'] {
    return this.textKeys < this.added && !this.keepText ? 'hashed' : 'exact';
  }

  /**
   * Adds `key` of record number `record` (from 1). Returns 0 when the key is new (or only a spilled key
   * had it: {@link finish} reports those), else the record number where it was first seen.
   */
  add(key: string, record: number): number {
    fingerprint(key, this.fp);
    return this.addKey(key, this.fp[0]!, this.fp[1]!, record);
  }

  /**
   * Adds a key by its fingerprint (computed by the caller, e.g. with `fingerprintParts`), with its text
   * while {@link wantsText} (else `undefined`); `bad` when its record is already invalid (a spilled
   * duplicate then does not count the record as invalid twice). Returns as {@link add} does.
   */
  addKey(text: string | undefined, high: number, low: number, record: number, bad = false): number {
    one[0] = text ?? '';
    return this.insert(text === undefined ? undefined : one, 0, 1, high, low, record, bad);
  }

  /**
   * Adds a key given by its parts, `parts[from .. from + width)` (one per key field), as {@link addKey}
   * does with the key's text: the text is written from the parts, and made as a string only to confirm a
   * fingerprint match.
   */
  addParts(
    parts: readonly string[],
    from: number,
    width: number,
    high: number,
    low: number,
    record: number,
    bad = false,
  ): number {
    return this.insert(this.keepText ? parts : undefined, from, width, high, low, record, bad);
  }

  private insert(
    parts: readonly string[] | undefined,
    from: number,
    width: number,
    high: number,
    low: number,
    record: number,
    bad: boolean,
  ): number {
    const table = this.table;
    const mask = this.mask;
    let slot = low & mask;
    for (;;) {
      const at = slot * 3;
      const ordinal = table[at + 2]! - 1;
      if (ordinal < 0) break;
      if (table[at] === high && table[at + 1] === low) {
        // Both texts known and different: two keys with one fingerprint. Look on.
        if (
          parts === undefined ||
          this.flags[ordinal]! & NO_TEXT ||
          this.textAt(ordinal) === exactText(parts, from, width)
        ) {
          return this.records[ordinal]!;
        }
      }
      slot = (slot + 1) & mask;
    }
    let chars = width - 1;
    if (parts !== undefined) for (let i = from; i < from + width; i++) chars += parts[i]!.length;
    // Room for the longest form (UTF-16, lengths written out); a key longer than the whole arena
    // (megabytes) is compared by its fingerprint alone.
    const bytes = 2 * (chars + 12 * width + 1);
    const keep = this.keepText && parts !== undefined && bytes <= this.maxArena && this.mayKeep(chars);
    const need = keep ? bytes : 0;
    if (
      this.count + 1 > (mask + 1) * MAX_LOAD ||
      this.count >= this.spillAt ||
      this.starts[this.count]! + need > this.arena.length
    ) {
      if (!this.makeRoom(need)) this.spillNow();
      return this.insert(parts, from, width, high, low, record, bad);
    }
    const ordinal = this.count++;
    this.added++;
    const at = slot * 3;
    table[at] = high;
    table[at + 1] = low;
    table[at + 2] = ordinal + 1;
    if (ordinal + 1 >= this.records.length) this.growOrdinals();
    this.records[ordinal] = record;
    const start = this.starts[ordinal]!;
    let flags = bad ? BAD : 0;
    let end = start;
    if (keep) {
      end = this.writeParts(parts, from, width, start);
      if (end < 0) {
        // A character past U+00FF, or a part holding U+0001 or U+0002: the text as a string, in UTF-16 when wide.
        const text = exactText(parts, from, width);
        end = this.writeLatin1(text, start);
        if (end < 0) {
          flags |= WIDE;
          end = start + this.arena.write(text, start, 'utf16le');
        }
      }
      this.textKeys++;
      this.textChars += chars;
    } else flags |= NO_TEXT;
    this.flags[ordinal] = flags;
    this.starts[ordinal + 1] = end;
    return 0;
  }

  /**
   * Compares the spilled keys among themselves (when the memory was ever spilled), calls `onDuplicate` for
   * each key already had by an earlier record, and removes the spill files. Call once, at the end.
   */
  finish(onDuplicate: SpillDuplicate): void {
    if (this.finished) return;
    this.finished = true;
    const spill = this.spill;
    if (!spill) return;
    try {
      if (this.count > 0) this.spillNow();
      this.spilledDuplicates = spill.compare(onDuplicate);
    } finally {
      spill.remove();
    }
  }

  /** Removes the spill files, if any (after a run that failed; {@link finish} does it otherwise). */
  dispose(): void {
    this.finished = true;
    this.spill?.remove();
  }

  /** A plain statement of how uniqueness was checked. */
  summary(): UniquenessSummary {
    const mode = this.mode;
    const keys = this.size;
    const spilled =
      this.spills > 0
        ? ` The keys did not fit in memory: they were spilled to disk ${format(this.spills)} times and compared there.`
        : '';
    if (mode === 'exact') {
      return {
        mode,
        keys,
        note: `Primary-key uniqueness checked exactly over ${format(keys)} keys.${spilled}`,
      };
    }
    const odds = (keys * keys) / 2 ** 65;
    return {
      mode,
      keys,
      note:
        `Exact for the first ${format(this.textKeys)} keys; past that, keys are kept as 64-bit fingerprints ` +
        `to bound memory, so a reported duplicate could in theory be two different keys with the same fingerprint ` +
        `(odds about ${odds < 1e-12 ? '1 in 10^12 or less' : odds.toExponential(1)} for ${format(keys)} keys).${spilled}`,
    };
  }

  private mayKeep(chars: number): boolean {
    if (this.textKeys < this.maxExactKeys && this.textChars + chars <= this.maxExactChars) return true;
    this.keepText = false;
    return false;
  }

  /** The text of the key with `ordinal`. */
  private textAt(ordinal: number): string {
    const start = this.starts[ordinal]!;
    const end = this.starts[ordinal + 1]!;
    return this.arena.toString(this.flags[ordinal]! & WIDE ? 'utf16le' : 'latin1', start, end);
  }

  /**
   * Writes the plain form of the key text (the parts joined by U+0001) as Latin-1 at `start`; returns its end,
   * or -1 when a part has a character past U+00FF, U+0001 or U+0002 (then the caller writes the text).
   */
  private writeParts(parts: readonly string[], from: number, width: number, start: number): number {
    const arena = this.arena;
    let at = start;
    for (let p = from; p < from + width; p++) {
      if (p > from) arena[at++] = 1;
      const part = parts[p]!;
      const n = part.length;
      for (let i = 0; i < n; i++) {
        const c = part.charCodeAt(i);
        if (c > 0xff || (width > 1 && (c === 1 || c === 2))) return -1;
        arena[at++] = c;
      }
    }
    return at;
  }

  /** Writes `text` as Latin-1 at `start`; returns its end, or -1 when it has a wider character. */
  private writeLatin1(text: string, start: number): number {
    const arena = this.arena;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 0xff) return -1;
      arena[start + i] = c;
    }
    return start + n;
  }

  /** Grows the table or the arena for one more key with `bytes` of text; false when the memory is full. */
  private makeRoom(bytes: number): boolean {
    if (this.count >= this.spillAt) return false;
    if (this.count + 1 > (this.mask + 1) * MAX_LOAD) {
      if (this.mask + 1 >= this.maxSlots) return false;
      this.grow();
    }
    const need = this.starts[this.count]! + bytes;
    if (need > this.arena.length) {
      if (need > this.maxArena) return false;
      let size = this.arena.length * 2;
      // Straight to the size the input will likely need (as the table does), so that the arena is not
      // doubled (and copied) again and again, nor left twice as large as its keys.
      const expected = this.expectedKeys?.();
      const used = this.starts[this.count]!;
      if (expected !== undefined && this.count > 0 && this.spills === 0) {
        size = Math.max(size, Math.ceil(((expected * used) / this.count) * 1.05) + 4096);
      }
      while (size < need) size *= 2;
      const bigger = Buffer.allocUnsafe(Math.min(size, this.maxArena));
      this.arena.copy(bigger, 0, 0, used);
      this.arena = bigger;
    }
    return true;
  }

  /** Writes the keys in memory to the spill files and empties the memory. */
  private spillNow(): void {
    if (this.count === 0)
      throw new Error(`a primary key of ${format(this.arena.length)} bytes does not fit in the key memory`);
    this.spill ??= new KeySpill(this.tempDir);
    this.spill.write({
      count: this.count,
      table: this.table,
      records: this.records,
      flags: this.flags,
      starts: this.starts,
      text: this.arena,
    });
    this.table.fill(0);
    this.count = 0;
    this.starts[0] = 0;
  }

  private growOrdinals(): void {
    const size = this.records.length * 2;
    const records = new Int32Array(size);
    records.set(this.records);
    this.records = records;
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    this.flags = flags;
    const starts = new Int32Array(size + 1);
    starts.set(this.starts);
    this.starts = starts;
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
