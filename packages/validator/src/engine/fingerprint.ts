/**
 * 64-bit fingerprints of keys: two 32-bit lanes over UTF-16 code units taken two at a time, one with
 * MurmurHash3's block mixing, the other a multiply-xor-rotate with the golden-ratio constant, each finished
 * with an `fmix32`-style avalanche (different constants). Not cryptographic: used to tell keys apart in
 * bounded memory. Halves are signed 32-bit integers, which V8 keeps unboxed.
 */

const SEED_A = 0x9747b28c | 0;
const SEED_B = 0x5bd1e995 | 0;

function mixA(a: number, block: number): number {
  let k = Math.imul(block, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  let h = a ^ Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function mixB(b: number, block: number): number {
  const h = Math.imul(b ^ block, 0x9e3779b1);
  return (h << 15) | (h >>> 17);
}

function finishA(a: number): number {
  let h = a;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function finishB(b: number): number {
  let h = b;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  return h ^ (h >>> 15);
}

/**
 * Writes the fingerprint of a sequence of strings into `out[0]` and `out[1]`: each string is preceded by
 * its length, so `['a,b', 'c']` and `['a', 'b,c']` differ without any escaping.
 *
 * @example
 * ```ts
 * const out = new Int32Array(2);
 * fingerprintParts(['32.07.01.2008', '2024-1'], 2, out);
 * ```
 */
export function fingerprintParts(parts: readonly string[], count: number, out: Int32Array): void {
  let a = SEED_A;
  let b = SEED_B;
  for (let p = 0; p < count; p++) {
    const text = parts[p]!;
    const n = text.length;
    a = mixA(a, n);
    b = mixB(b, n);
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const block = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
      a = mixA(a, block);
      b = mixB(b, block);
    }
    if (i < n) {
      const block = text.charCodeAt(i) | 0x10000;
      a = mixA(a, block);
      b = mixB(b, block);
    }
  }
  out[0] = finishA(a ^ count);
  out[1] = finishB(b ^ count);
}

const one: string[] = [''];

/**
 * Writes the fingerprint of one string into `out` (the same as `fingerprintParts([text], 1, out)`).
 *
 * @example
 * ```ts
 * const out = new Int32Array(2);
 * fingerprint('P3207010101', out);
 * ```
 */
export function fingerprint(text: string, out: Int32Array): void {
  one[0] = text;
  fingerprintParts(one, 1, out);
}
