// RFC 6962 (Certificate Transparency) Merkle tree hashes over leaf hashes, with WebCrypto only.

const NODE_PREFIX = new Uint8Array([1]);

function hexOf(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

function bytesOf(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
}

/**
 * The RFC 6962 Merkle tree hash (hex) of leaves given as their leaf hashes (hex, each already
 * `SHA-256(0x00 || data)`): a node is `SHA-256(0x01 || left || right)`, the left subtree holding the
 * largest power of two smaller than the count; the hash of no leaf is `SHA-256("")`.
 */
export async function merkleRoot(leafHashes: readonly string[]): Promise<string> {
  if (leafHashes.length === 0) return hexOf(await sha256());
  // Level by level: pairing neighbours from the left and carrying an odd last node up unchanged
  // gives the same tree as RFC 6962's split at the largest power of two.
  let level = leafHashes.map(bytesOf);
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) {
      next.push(await sha256(NODE_PREFIX, level[i] as Uint8Array, level[i + 1] as Uint8Array));
    }
    if (level.length % 2 === 1) next.push(level.at(-1) as Uint8Array);
    level = next;
  }
  return hexOf(level[0] as Uint8Array);
}
