// A checkpoint of the audit log: a compact JWS (EdDSA) over the entries it seals.
import type { Schemas } from '@tukar/spec';
import { base64url, CompactSign } from 'jose';
import { merkleRoot } from './merkle-tree';
import type { ActiveSigningKey } from './signing-keys';

/** The JWS header's `typ` of a checkpoint. */
export const CHECKPOINT_TYPE = 'tukar-checkpoint+jws';

/** The `prevHash` of the first checkpoint. */
export const FIRST_CHECKPOINT_PREV_HASH = '0'.repeat(64);

/** Characters of a leaf tag: the first 6 bytes of a leaf hash, base64url. */
export const LEAF_TAG_LENGTH = 8;

/** What a checkpoint seals: entries by id and leaf hash, in id order. */
export interface SealedLeaf {
  seq: number;
  leafHash: string;
}

/** Ascending ids as inclusive ranges `[from, to]`. */
export function seqRanges(seqs: readonly number[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const seq of seqs) {
    const last = ranges.at(-1);
    if (last && seq === last[1] + 1) last[1] = seq;
    else ranges.push([seq, seq]);
  }
  return ranges;
}

/** The ids of inclusive ranges, in order. */
export function seqsOfRanges(ranges: ReadonlyArray<readonly number[]>): number[] {
  const seqs: number[] = [];
  for (const [from = 0, to = -1] of ranges) for (let seq = from; seq <= to; seq++) seqs.push(seq);
  return seqs;
}

/** The tag of a leaf hash (hex): its first 6 bytes, base64url (8 characters). */
export function leafTag(leafHash: string): string {
  const bytes = new Uint8Array(6);
  for (let i = 0; i < 6; i++) bytes[i] = Number.parseInt(leafHash.slice(2 * i, 2 * i + 2), 16) || 0;
  return base64url.encode(bytes);
}

/** SHA-256 (hex) of a checkpoint's JWS text: what the next checkpoint names as `prevHash`. */
export async function checkpointHash(jws: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(jws)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The claims of checkpoint `number` over `leaves` (ascending ids), following the one hashed `prevHash`. */
export async function checkpointClaims(
  number: number,
  leaves: readonly SealedLeaf[],
  prevHash: string,
  at: string,
  kid: string,
): Promise<Schemas['AuditCheckpointClaims']> {
  return {
    typ: 'tukar-checkpoint/1',
    number,
    count: leaves.length,
    root: await merkleRoot(leaves.map((leaf) => leaf.leafHash)),
    prevHash,
    seqs: seqRanges(leaves.map((leaf) => leaf.seq)),
    tags: leaves.map((leaf) => leafTag(leaf.leafHash)).join(''),
    at,
    kid,
  };
}

/** Signs checkpoint claims with the hub's current key (Ed25519): a compact JWS. */
export function signCheckpoint(
  signing: ActiveSigningKey,
  claims: Schemas['AuditCheckpointClaims'],
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'EdDSA', kid: signing.kid, typ: CHECKPOINT_TYPE })
    .sign(signing.key);
}
