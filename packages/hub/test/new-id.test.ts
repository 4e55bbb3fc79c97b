// Ids (`req_…`, `int_…`, …) are drawn from a pool of random bytes refilled 4 KiB at a time: across many
// refills they keep their shape, never repeat, and use the 62 characters evenly (no modulo bias).
import { describe, expect, it } from 'vitest';
import { newId } from '../src/crypto-helpers';

describe('newId', () => {
  const ids = Array.from({ length: 10_000 }, () => newId('req'));

  it('gives a prefix and 16 characters of A-Z a-z 0-9, never the same id twice', () => {
    for (const id of ids) expect(id).toMatch(/^req_[A-Za-z0-9]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(newId('int')).toMatch(/^int_[A-Za-z0-9]{16}$/);
  });

  it('uses every character about equally often (a biased draw would give 8 of them a quarter more)', () => {
    const counts = new Map<string, number>();
    for (const id of ids) for (const c of id.slice(4)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (ids.length * 16) / 62;
    for (const [c, n] of counts)
      expect({ c, share: Math.abs(n / expected - 1) < 0.15 }).toEqual({ c, share: true });
  });
});
