// The receipt of a committed batch: a compact JWS (EdDSA) over what the batch did.
import type { Schemas } from '@tukar/spec';
import { base64url, CompactSign } from 'jose';
import type { BatchCounts } from '../store';
import type { ActiveSigningKey } from './signing-keys';

/** The JWS header's `typ` of a receipt. */
export const RECEIPT_TYPE = 'tukar-receipt+jws';

/** What the route knows of a batch before the store applies it. */
export interface ReceiptSubject {
  op: 'push' | 'delete';
  datasetId: string;
  contractVersion: string;
  bodySha256: string;
  idempotencyKey: string | null;
  clientId: string;
  at: string;
  /** The client's origin signature of the batch (`Tukar-Signature`), when it signed. */
  originSignature?: string;
}

const encoder = new TextEncoder();

/** The claims of a receipt; the change sequences the batch wrote follow from its counts. */
export function receiptClaims(
  subject: ReceiptSubject,
  counts: BatchCounts,
  kid: string,
): Schemas['ReceiptClaims'] {
  const changes = counts.created + counts.updated + counts.deleted;
  return {
    typ: 'tukar-receipt/1',
    op: subject.op,
    datasetId: subject.datasetId,
    contractVersion: subject.contractVersion,
    seqFrom: counts.seq - changes + 1,
    seqTo: counts.seq,
    created: counts.created,
    updated: counts.updated,
    unchanged: counts.unchanged,
    deleted: counts.deleted,
    bodySha256: subject.bodySha256,
    idempotencyKey: subject.idempotencyKey,
    clientId: subject.clientId,
    at: subject.at,
    kid,
    ...(subject.originSignature !== undefined && { originSignature: subject.originSignature }),
  };
}

async function sha256Base64url(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  return base64url.encode(digest);
}

/**
 * Signs the receipt of a batch with the hub's current key (Ed25519). Besides `alg`, `kid` and `typ`, the
 * protected header carries `payloadSha256` (the base64url SHA-256 of the payload segment's text) and
 * `headerSha256` (of `alg.kid.typ.payloadSha256`). They add no security (the signature covers both
 * parts); they let a verifier name the part that was altered: header, payload or signature.
 */
export async function signReceipt(
  signing: ActiveSigningKey,
  subject: ReceiptSubject,
  counts: BatchCounts,
): Promise<string> {
  const payload = encoder.encode(JSON.stringify(receiptClaims(subject, counts, signing.kid)));
  const payloadSha256 = await sha256Base64url(base64url.encode(payload));
  const headerSha256 = await sha256Base64url(`EdDSA.${signing.kid}.${RECEIPT_TYPE}.${payloadSha256}`);
  return new CompactSign(payload)
    .setProtectedHeader({ alg: 'EdDSA', kid: signing.kid, typ: RECEIPT_TYPE, payloadSha256, headerSha256 })
    .sign(signing.key);
}
