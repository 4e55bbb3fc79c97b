// Verification of the audit log against its signed checkpoints, with the public keys alone.
import type { Schemas } from '@tukar/spec';
import { compactVerify, decodeProtectedHeader, importJWK, type CryptoKey as JoseKey } from 'jose';
import { auditLeafHash } from './audit-leaf';
import {
  CHECKPOINT_TYPE,
  checkpointHash,
  FIRST_CHECKPOINT_PREV_HASH,
  LEAF_TAG_LENGTH,
  leafTag,
  seqsOfRanges,
} from './checkpoint';
import { merkleRoot } from './merkle-tree';
import { originVerifier } from './origin-verifier';
import { timestampProblem } from './timestamp-check';

type AuditEntry = Schemas['AuditEntry'];
type AuditCheckpoint = Schemas['AuditCheckpoint'];
type AuditCheckpointClaims = Schemas['AuditCheckpointClaims'];
type AuditIssue = Schemas['AuditIssue'];
type AuditVerification = Schemas['AuditVerification'];

/** At most this many issues are listed; `ok` is false either way. */
const MAX_ISSUES = 100;

/**
 * A key set that cannot be used to verify: not a JWKS of Ed25519 public keys. Thrown by
 * {@link verifyAuditEvidence}, with the reason.
 *
 * @example
 * ```ts
 * import { AuditKeySetError, verifyAuditEvidence } from '@tukar/hub';
 *
 * try {
 *   await verifyAuditEvidence({ keys: { keys: [{ kty: 'RSA' }] }, checkpoints: [], entries: [] });
 * } catch (error) {
 *   if (error instanceof AuditKeySetError) console.error(`not the hub's key set: ${error.message}`);
 * }
 * ```
 */
export class AuditKeySetError extends Error {
  override readonly name = 'AuditKeySetError';
}

/**
 * What {@link verifyAuditEvidence} checks: the hub's key set, its checkpoints, its entries in id order.
 * An exported bundle (`GET /v1/audit/export`) is one.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import type { AuditEvidence } from '@tukar/hub';
 *
 * const bundle = JSON.parse(await readFile('audit-evidence.json', 'utf8'));
 * const keys = JSON.parse(await readFile('jwks.json', 'utf8')); // published earlier by Diskominfo
 * const evidence: AuditEvidence = { keys, checkpoints: bundle.checkpoints, entries: bundle.entries };
 * ```
 */
export interface AuditEvidence {
  /** The hub's published key set (`GET /.well-known/jwks.json` or the bundle's `keys`). */
  keys: unknown;
  checkpoints: Iterable<AuditCheckpoint> | AsyncIterable<AuditCheckpoint>;
  entries: Iterable<AuditEntry> | AsyncIterable<AuditEntry>;
  /** The clients' signing keys (the bundle's `clientKeys`), to check the entries' origin signatures. */
  clientKeys?: readonly Schemas['ClientSigningKey'][] | undefined;
}

async function importKeys(keys: unknown): Promise<Map<string, JoseKey>> {
  const list = (keys as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list))
    throw new AuditKeySetError('the key set has no "keys" array (a JWKS is expected).');
  const imported = new Map<string, JoseKey>();
  for (const [i, jwk] of list.entries()) {
    const { kty, crv, x, kid } = (jwk ?? {}) as Record<string, unknown>;
    if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string' || typeof kid !== 'string') {
      throw new AuditKeySetError(`key ${i} of the key set is not an Ed25519 public key with a kid.`);
    }
    try {
      imported.set(kid, (await importJWK({ kty, crv, x }, 'EdDSA')) as JoseKey);
    } catch {
      throw new AuditKeySetError(`key ${kid} of the key set cannot be imported.`);
    }
  }
  return imported;
}

/** A checkpoint whose signature and claims verified. */
interface ValidCheckpoint {
  claims: AuditCheckpointClaims;
  seqs: number[];
  /** Recomputed leaf hashes of the entries found, by position. */
  leaves: Array<string | undefined>;
}

function isClaims(value: unknown, number: number): value is AuditCheckpointClaims {
  const c = value as Partial<AuditCheckpointClaims> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    c.typ === 'tukar-checkpoint/1' &&
    c.number === number &&
    Number.isSafeInteger(c.count) &&
    typeof c.root === 'string' &&
    typeof c.prevHash === 'string' &&
    typeof c.tags === 'string' &&
    Array.isArray(c.seqs) &&
    c.seqs.every(
      (r) =>
        Array.isArray(r) &&
        r.length === 2 &&
        r.every(Number.isSafeInteger) &&
        (r[0] as number) <= (r[1] as number),
    )
  );
}

async function* each<T>(items: Iterable<T> | AsyncIterable<T>): AsyncGenerator<T> {
  yield* items;
}

/**
 * Verifies an audit log with the hub's public keys alone (no hub, no database): each checkpoint's
 * signature, the chain of checkpoints (each names the previous one's hash; none is missing), and the
 * entries each one sealed (their ids, each entry's leaf hash recomputed from its content, their order,
 * the Merkle root), and the origin signature of each signed batch's entry with the clients' keys
 * (`clientKeys`), and that each checkpoint's RFC 3161 time-stamp token, if any, is over that checkpoint.
 * Every problem is named with its checkpoint and entry; entries no checkpoint seals
 * yet are counted apart. Throws an {@link AuditKeySetError} when the key set cannot be used.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { verifyAuditEvidence } from '@tukar/hub';
 *
 * const bundle = JSON.parse(await readFile('audit-evidence.json', 'utf8')); // GET /v1/audit/export
 * const result = await verifyAuditEvidence(bundle);
 * for (const issue of result.issues) console.error(`checkpoint ${issue.checkpoint}, entry ${issue.seq}: ${issue.message}`);
 * console.log(`${result.sealed} sealed entries in ${result.checkpoints} checkpoints; ${result.unsealed.count} unsealed`);
 * ```
 */
export async function verifyAuditEvidence(evidence: AuditEvidence): Promise<AuditVerification> {
  const keys = await importKeys(evidence.keys);
  const issues: AuditIssue[] = [];
  let overflow = false;
  const report = (
    code: AuditIssue['code'],
    checkpoint: number | null,
    seq: number | null,
    message: string,
  ) => {
    if (issues.length < MAX_ISSUES) issues.push({ code, checkpoint, seq, message });
    else overflow = true;
  };

  // The checkpoints: signatures, claims and the chain, in number order.
  const rows: AuditCheckpoint[] = [];
  for await (const row of each(evidence.checkpoints)) rows.push(row);
  rows.sort((a, b) => a.number - b.number);
  const valid = new Map<number, ValidCheckpoint>();
  const present = new Set(rows.map((row) => row.number));
  let previous: { number: number; jws: string } | undefined;
  let expectedNumber = 1;
  for (const row of rows) {
    for (; expectedNumber < row.number; expectedNumber++) {
      report(
        'checkpoint_missing',
        expectedNumber,
        null,
        `Checkpoint ${expectedNumber} is missing (deleted).`,
      );
    }
    expectedNumber = row.number + 1;
    const stampIssue = await timestampProblem(row);
    if (stampIssue) report('timestamp_invalid', row.number, null, stampIssue);
    const claims = await verifiedClaims(row, keys, report);
    const prev = previous;
    previous = claims && { number: row.number, jws: row.jws };
    if (!claims) continue;
    // Checked against the previous checkpoint when it verified (an altered one is named already).
    const expectedPrev =
      row.number === 1
        ? FIRST_CHECKPOINT_PREV_HASH
        : prev?.number === row.number - 1
          ? await checkpointHash(prev.jws)
          : undefined;
    if (expectedPrev !== undefined && claims.prevHash !== expectedPrev) {
      report(
        'checkpoint_chain_broken',
        row.number,
        null,
        `Checkpoint ${row.number} does not follow checkpoint ${row.number - 1} (its prevHash names another one).`,
      );
    }
    const seqs = seqsOfRanges(claims.seqs);
    if (seqs.length !== claims.count || claims.tags.length !== claims.count * LEAF_TAG_LENGTH) {
      report(
        'malformed',
        row.number,
        null,
        `Checkpoint ${row.number} does not agree with itself (count, ids, tags).`,
      );
      continue;
    }
    valid.set(row.number, { claims, seqs, leaves: new Array(seqs.length) });
  }
  const sealedBy = new Map<number, { checkpoint: ValidCheckpoint; position: number }>();
  for (const checkpoint of valid.values()) {
    checkpoint.seqs.forEach((seq, position) => {
      if (!sealedBy.has(seq)) sealedBy.set(seq, { checkpoint, position });
    });
  }

  // The entries: each leaf hash recomputed from the content, placed in the checkpoint that sealed it.
  const unsealed = { count: 0, firstSeq: null as number | null, lastSeq: null as number | null };
  const seen = new Set<number>();
  /** Sealed entries already named: the checkpoint's own check does not name them again. */
  const flagged = new Set<number>();
  const checkOrigin = originVerifier(evidence.clientKeys);
  for await (const entry of each(evidence.entries)) {
    const leaf = await auditLeafHash(entry);
    const sealed = sealedBy.get(entry.seq);
    const origin = await checkOrigin(entry, `Entry ${entry.seq}`);
    if (origin)
      report(origin.code, sealed?.checkpoint.claims.number ?? entry.checkpoint, entry.seq, origin.message);
    if (seen.has(entry.seq)) {
      report(
        'entry_inserted',
        sealed?.checkpoint.claims.number ?? null,
        entry.seq,
        `Entry ${entry.seq} appears twice.`,
      );
      continue;
    }
    seen.add(entry.seq);
    if (sealed) {
      sealed.checkpoint.leaves[sealed.position] = leaf;
      if (leaf !== entry.leafHash || entry.checkpoint !== sealed.checkpoint.claims.number) {
        const number = sealed.checkpoint.claims.number;
        flagged.add(entry.seq);
        report(
          'entry_changed',
          number,
          entry.seq,
          `Entry ${entry.seq} sealed by checkpoint ${number} was changed (its leaf hash or checkpoint mark does not match).`,
        );
      }
      continue;
    }
    if (entry.checkpoint !== null) {
      const number = entry.checkpoint;
      if (!present.has(number)) {
        report(
          'checkpoint_missing',
          number,
          entry.seq,
          `Entry ${entry.seq} was sealed by checkpoint ${number}, which is missing (deleted).`,
        );
      } else if (valid.has(number)) {
        report(
          'entry_inserted',
          number,
          entry.seq,
          `Entry ${entry.seq} claims checkpoint ${number}, which does not seal it (inserted).`,
        );
      }
      continue;
    }
    if (leaf !== entry.leafHash) {
      report(
        'entry_changed',
        null,
        entry.seq,
        `Unsealed entry ${entry.seq} was changed (its content does not give its leaf hash).`,
      );
    }
    unsealed.count++;
    unsealed.firstSeq ??= entry.seq;
    unsealed.lastSeq = entry.seq;
  }

  // Each checkpoint against the entries found.
  let sealedCount = 0;
  for (const { claims, seqs, leaves } of valid.values()) {
    sealedCount += claims.count;
    const number = claims.number;
    const tags = Array.from({ length: seqs.length }, (_, i) =>
      claims.tags.slice(i * LEAF_TAG_LENGTH, (i + 1) * LEAF_TAG_LENGTH),
    );
    const positionsOf = new Map<string, number>();
    for (const [i, tag] of tags.entries()) positionsOf.set(tag, i);
    let named = false;
    for (const [i, seq] of seqs.entries()) {
      const leaf = leaves[i];
      if (leaf === undefined) {
        report(
          'entry_missing',
          number,
          seq,
          `Entry ${seq} sealed by checkpoint ${number} is missing (deleted).`,
        );
        named = true;
        continue;
      }
      const tag = leafTag(leaf);
      if (flagged.has(seq)) named = true;
      if (tag === tags[i] || flagged.has(seq)) continue;
      named = true;
      const elsewhere = positionsOf.get(tag);
      if (elsewhere !== undefined) {
        report(
          'entry_moved',
          number,
          seq,
          `Entry ${seq} holds what checkpoint ${number} sealed as entry ${seqs[elsewhere]} (reordered).`,
        );
      } else {
        report(
          'entry_changed',
          number,
          seq,
          `Entry ${seq} sealed by checkpoint ${number} was changed (its content no longer gives the sealed leaf hash).`,
        );
      }
    }
    if (!named && (await merkleRoot(leaves as string[])) !== claims.root) {
      report(
        'root_mismatch',
        number,
        null,
        `The entries of checkpoint ${number} do not give its Merkle root.`,
      );
    }
  }
  if (overflow) {
    issues.push({
      code: 'malformed',
      checkpoint: null,
      seq: null,
      message: `More than ${MAX_ISSUES} issues; the first ${MAX_ISSUES} are listed.`,
    });
  }
  return { ok: issues.length === 0, checkpoints: valid.size, sealed: sealedCount, unsealed, issues };
}

type Report = (
  code: AuditIssue['code'],
  checkpoint: number | null,
  seq: number | null,
  message: string,
) => void;

/** The claims of a checkpoint whose signature verifies with a key of the set, or undefined (reported). */
async function verifiedClaims(
  row: AuditCheckpoint,
  keys: Map<string, JoseKey>,
  report: Report,
): Promise<AuditCheckpointClaims | undefined> {
  let kid: unknown;
  try {
    const header = decodeProtectedHeader(row.jws);
    kid = header.kid;
    if (header.alg !== 'EdDSA' || header.typ !== CHECKPOINT_TYPE) throw new Error('not a checkpoint');
  } catch {
    report(
      'malformed',
      row.number,
      null,
      `Checkpoint ${row.number} is not a checkpoint JWS (its header cannot be read).`,
    );
    return undefined;
  }
  const key = typeof kid === 'string' ? keys.get(kid) : undefined;
  if (!key) {
    report(
      'unknown_kid',
      row.number,
      null,
      `Checkpoint ${row.number} names key ${String(kid)}, which the key set does not have.`,
    );
    return undefined;
  }
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(row.jws, key));
  } catch {
    report(
      'bad_signature',
      row.number,
      null,
      `Checkpoint ${row.number} was altered: its signature does not verify.`,
    );
    return undefined;
  }
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    claims = undefined;
  }
  if (!isClaims(claims, row.number)) {
    report(
      'malformed',
      row.number,
      null,
      `Checkpoint ${row.number} is signed but its claims are not a checkpoint ${row.number}.`,
    );
    return undefined;
  }
  return claims;
}
