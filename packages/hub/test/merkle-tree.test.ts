// The checkpoints' Merkle tree is RFC 6962's: the same root as the RFC's recursive definition, for any
// number of leaves, and a checkpoint's claims agree with the leaves they seal.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointClaims, leafTag, seqRanges, seqsOfRanges } from '../src/evidence/checkpoint';
import { merkleRoot } from '../src/evidence/merkle-tree';

/** RFC 6962, section 2.1, as written: MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])). */
function referenceRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return leaves[0] as Buffer;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(referenceRoot(leaves.slice(0, k)))
    .update(referenceRoot(leaves.slice(k)))
    .digest();
}

const leafHash = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((bytes) => Buffer.from(bytes).toString('hex'));

describe('the Merkle tree of a checkpoint', () => {
  it("gives RFC 6962's root for any number of leaves", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(leafHash, { maxLength: 70 }), async (leaves) => {
        const expected = referenceRoot(leaves.map((hex) => Buffer.from(hex, 'hex'))).toString('hex');
        expect(await merkleRoot(leaves)).toBe(expected);
      }),
      { seed: 6962, numRuns: 2000 },
    );
    // The empty tree is the SHA-256 of nothing.
    expect(await merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('changes its root when any leaf changes or two leaves trade places', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(leafHash, { minLength: 2, maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        async (leaves, a, b) => {
          const i = a % leaves.length;
          const j = b % leaves.length;
          const root = await merkleRoot(leaves);
          const swapped = [...leaves];
          [swapped[i], swapped[j]] = [swapped[j] as string, swapped[i] as string];
          if (i !== j) expect(await merkleRoot(swapped)).not.toBe(root);
          const changed = [...leaves];
          changed[i] =
            `${(changed[i] as string).slice(0, 63)}${(changed[i] as string).endsWith('0') ? '1' : '0'}`;
          expect(await merkleRoot(changed)).not.toBe(root);
        },
      ),
      { seed: 14, numRuns: 1000 },
    );
  });

  it('states the ids as ranges and one tag per leaf, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 60 }),
        leafHash,
        async (ids, hash) => {
          const seqs = [...ids].sort((x, y) => x - y);
          expect(seqsOfRanges(seqRanges(seqs))).toEqual(seqs);
          const leaves = seqs.map((seq) => ({ seq, leafHash: hash }));
          const claims = await checkpointClaims(3, leaves, '0'.repeat(64), '2025-03-10T01:00:00.000Z', 'kid');
          expect(claims).toMatchObject({
            number: 3,
            count: seqs.length,
            tags: leafTag(hash).repeat(seqs.length),
          });
        },
      ),
      { seed: 2023, numRuns: 1000 },
    );
  });
});
