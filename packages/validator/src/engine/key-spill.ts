import {
  appendFileSync,
  closeSync,
  existsSync,
  fstatSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bucket files: a key's bucket is the top byte of its fingerprint, so each bucket holds 1/256 of the keys. */
const BUCKETS = 256;
/** Bytes of an entry before its text: fingerprint high, low, record number, flags, text length. */
const HEAD = 17;
/** Bytes of the buffer a group of buckets is laid out in before it is written. */
const GROUP_BYTES = 4 << 20;

/** Flags of a kept key. */
export const BAD = 1;
/** The text is UTF-16LE (it has a character past U+00FF); else it is Latin-1, one byte a character. */
export const WIDE = 2;
/** The text was not kept (past an explicit `exactKeys` or `exactChars` bound): the fingerprint decides. */
export const NO_TEXT = 4;

/** The key memory being spilled (see `KeyIndex`): its table, and per key ordinal its record, flags and text. */
export interface SpilledKeys {
  /** Keys to write (ordinals `0 .. count)`). */
  count: number;
  /** Slots of three Int32: fingerprint high, fingerprint low, ordinal + 1. */
  table: Int32Array;
  records: Int32Array;
  flags: Uint8Array;
  /** Where each key's text starts in `text`; `starts[count]` is the end of the last. */
  starts: Int32Array;
  text: Uint8Array;
}

/** A duplicate found among the spilled keys: record `record` has the key first seen at record `first`. */
export type SpillDuplicate = (record: number, first: number, text: string | undefined, bad: boolean) => void;

/**
 * Keys spilled to disk when the in-memory key index is full: appended to 256 bucket files (by the top byte
 * of their fingerprint) in a temporary directory, one spill after another. Spills come in record order,
 * and no key repeats within one spill (the memory found those duplicates), so {@link compare} reads each
 * bucket and reports every key already seen in an earlier spill, with the record that first had it: a
 * fingerprint match is confirmed by the key's text whenever both texts were kept. Memory while comparing
 * is one bucket's keys. {@link remove} deletes the directory (also after a failed run).
 */
export class KeySpill {
  readonly dir: string;
  spills = 0;
  /** Fingerprints of the keys being spilled, by ordinal. */
  private highs = new Int32Array(0);
  private lows = new Int32Array(0);
  /** The buffer a group of buckets is laid out in, and a bucket is read into. */
  private out = Buffer.allocUnsafe(0);
  /** The table of one bucket's entries while it is compared. */
  private slots = new Int32Array(0);

  constructor(parent: string = tmpdir()) {
    this.dir = mkdtempSync(join(parent, 'tukar-keys-'));
  }

  /**
   * Appends the keys to their bucket files. The keys are read in ordinal order (their records, flags and
   * texts lie in that order: sequential reads), a group of buckets at a time, each group's entries laid out
   * bucket by bucket in one buffer of at most about `GROUP_BYTES`.
   */
  write(keys: SpilledKeys): void {
    const { count, table, records, flags, starts, text } = keys;
    // Buffers are kept from one spill to the next: garbage buffers would wait for the collector, in RSS.
    if (this.highs.length < count) {
      this.highs = new Int32Array(count);
      this.lows = new Int32Array(count);
    }
    const { highs, lows } = this;
    for (let at = 0; at < table.length; at += 3) {
      const ordinal = table[at + 2]!;
      if (ordinal === 0) continue;
      highs[ordinal - 1] = table[at]!;
      lows[ordinal - 1] = table[at + 1]!;
    }
    const sizes = new Float64Array(BUCKETS);
    for (let i = 0; i < count; i++) sizes[highs[i]! >>> 24]! += HEAD + starts[i + 1]! - starts[i]!;
    const offsets = new Float64Array(BUCKETS);
    for (let from = 0; from < BUCKETS; ) {
      // The next group: buckets from `from` up to about GROUP_BYTES (at least one bucket).
      let to = from;
      let bytes = 0;
      while (to < BUCKETS && (to === from || bytes + sizes[to]! <= GROUP_BYTES)) bytes += sizes[to++]!;
      if (bytes > 0) {
        if (this.out.length < bytes) this.out = Buffer.allocUnsafe(bytes);
        const out = this.out;
        let offset = 0;
        for (let b = from; b < to; b++) {
          offsets[b] = offset;
          offset += sizes[b]!;
        }
        for (let i = 0; i < count; i++) {
          const bucket = highs[i]! >>> 24;
          if (bucket < from || bucket >= to) continue;
          const at = offsets[bucket]!;
          const start = starts[i]!;
          const length = starts[i + 1]! - start;
          writeInt32(out, at, highs[i]!);
          writeInt32(out, at + 4, lows[i]!);
          writeInt32(out, at + 8, records[i]!);
          out[at + 12] = flags[i]!;
          writeInt32(out, at + 13, length);
          const into = at + HEAD;
          if (length < 64) for (let c = 0; c < length; c++) out[into + c] = text[start + c]!;
          else out.set(text.subarray(start, start + length), into);
          offsets[bucket] = into + length;
        }
        let end = 0;
        for (let b = from; b < to; b++) {
          if (sizes[b] === 0) continue;
          appendFileSync(join(this.dir, `b${b}`), out.subarray(end, end + sizes[b]!));
          end += sizes[b]!;
        }
      }
      from = to;
    }
    this.spills++;
  }

  /** Reads every bucket and reports each key that an earlier spill already had. Returns the duplicates found. */
  compare(onDuplicate: SpillDuplicate): number {
    let found = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const path = join(this.dir, `b${b}`);
      if (!existsSync(path)) continue;
      const fd = openSync(path, 'r');
      try {
        const size = fstatSync(fd).size;
        if (this.out.length < size) this.out = Buffer.allocUnsafe(size);
        let read = 0;
        while (read < size) read += readSync(fd, this.out, read, size - read, read);
        found += this.compareBucket(this.out.subarray(0, size), onDuplicate);
      } finally {
        closeSync(fd);
      }
    }
    return found;
  }

  private compareBucket(bytes: Buffer, onDuplicate: SpillDuplicate): number {
    let entries = 0;
    for (let at = 0; at < bytes.length; at += HEAD + bytes.readInt32LE(at + 13)) entries++;
    let size = 1024;
    while (size < entries * 2) size *= 2;
    if (this.slots.length < size) this.slots = new Int32Array(size);
    return compareBucketWith(this.slots, bytes, onDuplicate);
  }

  /** Deletes the spill files. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Finds the keys of one bucket file already had by an earlier entry: an open-addressing table of entry
 * positions keyed by fingerprint; a fingerprint match is a duplicate when the texts are the same bytes
 * (a text is written one way only: Latin-1 when it can be, else UTF-16) or when either text was not kept.
 */
function compareBucketWith(table: Int32Array, bytes: Buffer, onDuplicate: SpillDuplicate): number {
  let entries = 0;
  for (let at = 0; at < bytes.length; at += HEAD + bytes.readInt32LE(at + 13)) entries++;
  let size = 1024;
  while (size < entries * 2) size *= 2;
  const mask = size - 1;
  const slots = table.subarray(0, size); // entry position + 1 (0 = empty)
  slots.fill(0);
  let found = 0;
  for (let at = 0; at < bytes.length; ) {
    const high = bytes.readInt32LE(at);
    const low = bytes.readInt32LE(at + 4);
    const length = bytes.readInt32LE(at + 13);
    let slot = low & mask;
    let first = -1;
    for (;;) {
      const kept = slots[slot]! - 1;
      if (kept < 0) break;
      if (
        bytes.readInt32LE(kept) === high &&
        bytes.readInt32LE(kept + 4) === low &&
        sameKey(bytes, kept, at)
      ) {
        first = kept;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (first < 0) slots[slot] = at + 1;
    else {
      found++;
      const flags = bytes[at + 12]!;
      const text =
        flags & NO_TEXT
          ? undefined
          : bytes.toString(flags & WIDE ? 'utf16le' : 'latin1', at + HEAD, at + HEAD + length);
      onDuplicate(bytes.readInt32LE(at + 8), bytes.readInt32LE(first + 8), text, (flags & BAD) !== 0);
    }
    at += HEAD + length;
  }
  return found;
}

/** Whether the entries at `a` and `b` (one fingerprint) are one key. */
function sameKey(bytes: Buffer, a: number, b: number): boolean {
  const flagsA = bytes[a + 12]!;
  const flagsB = bytes[b + 12]!;
  if (flagsA & NO_TEXT || flagsB & NO_TEXT) return true;
  if ((flagsA & WIDE) !== (flagsB & WIDE)) return false;
  const length = bytes.readInt32LE(a + 13);
  if (length !== bytes.readInt32LE(b + 13)) return false;
  for (let i = 0; i < length; i++) if (bytes[a + HEAD + i] !== bytes[b + HEAD + i]) return false;
  return true;
}

function writeInt32(out: Uint8Array, at: number, value: number): void {
  out[at] = value;
  out[at + 1] = value >>> 8;
  out[at + 2] = value >>> 16;
  out[at + 3] = value >>> 24;
}
