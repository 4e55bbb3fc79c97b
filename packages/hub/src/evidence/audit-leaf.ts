// The leaf hash of an audit entry: what a checkpoint's Merkle tree is built from.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Schemas } from '@tukar/spec';

/**
 * The fields of an audit entry its leaf hash covers (all but `seq`, `leafHash` and `checkpoint`).
 *
 * @example
 * ```ts
 * import type { AuditLeafContent } from '@tukar/hub';
 *
 * const content: AuditLeafContent = {
 *   at: '2025-03-10T01:16:02.000Z',
 *   requestId: '01JP3K6Q8W2R5T7Y9A1C3E5G7J',
 *   clientId: null,
 *   method: 'GET',
 *   path: '/v1/meta/whoami',
 *   datasetId: null,
 *   status: 401,
 *   bodySha256: null,
 * };
 * ```
 */
export type AuditLeafContent = Pick<
  Schemas['AuditEntry'],
  'at' | 'requestId' | 'clientId' | 'method' | 'path' | 'datasetId' | 'status' | 'bodySha256'
> &
  Partial<Pick<Schemas['AuditEntry'], 'originSignature'>>;

const encoder = new TextEncoder();

/**
 * The covered fields as JSON text with keys sorted (they are strings, numbers and nulls only). An entry
 * without an origin signature has no `originSignature` key, so the hashes of older entries stay as they were.
 */
function leafText(entry: AuditLeafContent): string {
  const { at, bodySha256, clientId, datasetId, method, originSignature, path, requestId, status } = entry;
  return JSON.stringify({
    at,
    bodySha256,
    clientId,
    datasetId,
    method,
    originSignature,
    path,
    requestId,
    status,
  });
}

/**
 * The RFC 6962 leaf hash of an audit entry (hex): SHA-256 of the byte 0x00 followed by the canonical
 * JSON of its `at`, `bodySha256`, `clientId`, `datasetId`, `method`, `originSignature` (only when the
 * entry has one), `path`, `requestId` and `status`.
 * The entry carries it from the moment it is written; a checkpoint seals it.
 *
 * @example
 * ```ts
 * import { auditLeafHash } from '@tukar/hub';
 *
 * declare const entry: import('@tukar/hub').AuditRow; // from GET /v1/audit or an export
 * if ((await auditLeafHash(entry)) !== entry.leafHash) console.error(`entry ${entry.seq} was changed`);
 * ```
 */
export async function auditLeafHash(entry: AuditLeafContent): Promise<string> {
  const text = encoder.encode(leafText(entry));
  const data = new Uint8Array(text.length + 1);
  data.set(text, 1);
  return bytesToHex(sha256(data));
}
