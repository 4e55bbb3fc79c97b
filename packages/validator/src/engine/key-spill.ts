import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bucket files: a key's bucket is the top byte of its fingerprint, so each bucket holds 1/256 of the keys. */
const BUCKETS = 256;
/** Bytes of an entry before its text: fingerprint high, low, record number, flags, text length. */
const HEAD = 17;
const WRITE_BUFFER = 1 << 20;

/** Flags of a kept key. */
export const BAD = 1;
/** The text is UTF-16LE (it has a character past U+00FF); else it is Latin-1, one byte a character. */
export const WIDE = 2;
/** The text was not kept (past an explicit `exactKeys` or `exactChars` bound): the fingerprint decides. */
export const NO_TEXT = 4;

/** One key of the memory being spilled. */
export interface SpilledKeys {
  /** Keys to write. */
  count: number;
  /**
   * Fills `entry` with the i-th key's fingerprint (high, low), record number, flags, and the start and end of
   * its text in `text`.
   */
  read(i: number, entry: Int32Array): void;
  /** The bytes of the texts. */
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
  private readonly entry = new Int32Array(6);

  constructor(parent: string = tmpdir()) {
    this.dir = mkdtempSync(join(parent, 'tukar-keys-'));
  }

  /** Appends the keys to their bucket files. */
  write(keys: SpilledKeys): void {
    const { count, text } = keys;
    const entry = this.entry;
    const bucketOf = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      keys.read(i, entry);
      bucketOf[i] = entry[0]! >>> 24;
    }
    // Counting sort of the keys by bucket, then one buffered pass per bucket.
    const starts = new Int32Array(BUCKETS + 1);
    for (let i = 0; i < count; i++) starts[bucketOf[i]! + 1]!++;
    for (let b = 0; b < BUCKETS; b++) starts[b + 1]! += starts[b]!;
    const order = new Int32Array(count);
    const fill = starts.slice(0, BUCKETS);
    for (let i = 0; i < count; i++) order[fill[bucketOf[i]!]!++] = i;
    const buffer = Buffer.allocUnsafe(WRITE_BUFFER);
    for (let b = 0; b < BUCKETS; b++) {
      if (starts[b] === starts[b + 1]) continue;
      const path = join(this.dir, `b${b}`);
      let used = 0;
      for (let k = starts[b]!; k < starts[b + 1]!; k++) {
        keys.read(order[k]!, entry);
        const length = entry[5]! - entry[4]!;
        if (used + HEAD + length > buffer.length && used > 0) {
          appendFileSync(path, buffer.subarray(0, used));
          used = 0;
        }
        if (HEAD + length > buffer.length) {
          const big = Buffer.allocUnsafe(HEAD + length);
          writeEntry(big, 0, entry, text);
          appendFileSync(path, big);
          continue;
        }
        used = writeEntry(buffer, used, entry, text);
      }
      if (used > 0) appendFileSync(path, buffer.subarray(0, used));
    }
    this.spills++;
  }

  /** Reads every bucket and reports each key that an earlier spill already had. Returns the duplicates found. */
  compare(onDuplicate: SpillDuplicate): number {
    let found = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const path = join(this.dir, `b${b}`);
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      const seen = new Map<string, Array<{ text: string | undefined; record: number }>>();
      for (let at = 0; at < bytes.length; ) {
        const high = bytes.readInt32LE(at);
        const low = bytes.readInt32LE(at + 4);
        const record = bytes.readInt32LE(at + 8);
        const flags = bytes[at + 12]!;
        const length = bytes.readInt32LE(at + 13);
        const start = at + HEAD;
        at = start + length;
        const text =
          flags & NO_TEXT
            ? undefined
            : bytes.toString(flags & WIDE ? 'utf16le' : 'latin1', start, start + length);
        const fingerprint = `${high}:${low}`;
        const group = seen.get(fingerprint);
        if (group === undefined) {
          seen.set(fingerprint, [{ text, record }]);
          continue;
        }
        const first = group.find(
          (kept) => kept.text === undefined || text === undefined || kept.text === text,
        );
        if (first) {
          found++;
          onDuplicate(record, first.record, text, (flags & BAD) !== 0);
        } else group.push({ text, record });
      }
    }
    return found;
  }

  /** Deletes the spill files. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function writeEntry(buffer: Buffer, at: number, entry: Int32Array, text: Uint8Array): number {
  const length = entry[5]! - entry[4]!;
  buffer.writeInt32LE(entry[0]!, at);
  buffer.writeInt32LE(entry[1]!, at + 4);
  buffer.writeInt32LE(entry[2]!, at + 8);
  buffer[at + 12] = entry[3]!;
  buffer.writeInt32LE(length, at + 13);
  buffer.set(text.subarray(entry[4]!, entry[5]!), at + HEAD);
  return at + HEAD + length;
}
