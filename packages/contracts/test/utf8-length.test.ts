import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from '../src/utf8-length';

describe('utf8ByteLength', () => {
  it.each([
    ['empty', ''],
    ['ASCII', 'kode_wilayah: 32.07.01.2008'],
    ['2-byte letters', 'Désa Pawindan, Cikoneng — ñ'],
    ['3-byte CJK and symbols', 'データ ✓ ₹ €'],
    ['4-byte emoji (surrogate pairs)', 'puskesmas 🏥👩‍⚕️🇮🇩'],
    ['a lone high surrogate at the end', 'a\ud83c'],
    ['a lone high surrogate before text', '\ud83cb'],
    ['a lone low surrogate', 'x\udc00y'],
    ['two high surrogates then a low one', '\ud83c\ud83c\udfe5'],
  ])('%s: the same count as Buffer.byteLength and TextEncoder', (_, text) => {
    expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text));
    expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length);
  });

  it('stops counting past the limit, with an answer over it', () => {
    const text = 'é'.repeat(1_000_000);
    const counted = utf8ByteLength(text, 100);
    expect(counted).toBeGreaterThan(100);
    expect(counted).toBeLessThan(200);
    expect(utf8ByteLength(text)).toBe(2_000_000);
  });
});
