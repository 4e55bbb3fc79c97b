/**
 * The number of bytes `text` takes as UTF-8, without encoding it (no `Buffer`, no allocation): what
 * `Buffer.byteLength(text)` and `new TextEncoder().encode(text).length` answer, a lone surrogate counting
 * as the 3 bytes of U+FFFD. Stops counting once past `limit` (returns a number over `limit`).
 *
 * @example
 * ```ts
 * utf8ByteLength('Cimahi'); // 6
 * utf8ByteLength('Rp 1.000 — ✓'); // 16
 * utf8ByteLength(hugeText, 5_000_000) > 5_000_000; // true, counted only up to the limit
 * ```
 */
export function utf8ByteLength(text: string, limit = Number.POSITIVE_INFINITY): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
