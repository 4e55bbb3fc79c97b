// RFC 6962 (Certificate Transparency) Merkle tree hashes over leaf hashes (SHA-256 of @noble/hashes:
// synchronous and runs anywhere; a thousand WebCrypto digests would each wait for a thread).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

/** `SHA-256(0x01 || left || right)`: an inner node. */
function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const joined = new Uint8Array(1 + left.length + right.length);
  joined[0] = 1;
  joined.set(left, 1);
  joined.set(right, 1 + left.length);
  return sha256(joined);
}

/**
 * The RFC 6962 Merkle tree hash (hex) of leaves given as their leaf hashes (hex, each already
 * `SHA-256(0x00 || data)`): a node is `SHA-256(0x01 || left || right)`, the left subtree holding the
 * largest power of two smaller than the count; the hash of no leaf is `SHA-256("")`.
 */
export async function merkleRoot(leafHashes: readonly string[]): Promise<string> {
  if (leafHashes.length === 0) return bytesToHex(sha256(new Uint8Array(0)));
  // Level by level: pairing neighbours from the left and carrying an odd last node up unchanged
  // gives the same tree as RFC 6962's split at the largest power of two.
  let level: Uint8Array[] = leafHashes.map((hex) => hexToBytes(hex));
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) {
      next.push(nodeHash(level[i] as Uint8Array, level[i + 1] as Uint8Array));
    }
    if (level.length % 2 === 1) next.push(level.at(-1) as Uint8Array);
    level = next;
  }
  return bytesToHex(level[0] as Uint8Array);
}
