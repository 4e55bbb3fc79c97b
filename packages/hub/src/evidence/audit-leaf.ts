// The leaf hash of an audit entry: what a checkpoint's Merkle tree is built from.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Schemas } from '@tukar/spec';

/** The fields of an audit entry its leaf hash covers (all but `seq`, `leafHash` and `checkpoint`). */
export type AuditLeafContent = Pick<
  Schemas['AuditEntry'],
  'at' | 'requestId' | 'clientId' | 'method' | 'path' | 'datasetId' | 'status' | 'bodySha256'
>;

const encoder = new TextEncoder();

/** The covered fields as JSON text with keys sorted (they are strings, numbers and nulls only). */
function leafText(entry: AuditLeafContent): string {
  const { at, bodySha256, clientId, datasetId, method, path, requestId, status } = entry;
  return JSON.stringify({ at, bodySha256, clientId, datasetId, method, path, requestId, status });
}

/**
 * The RFC 6962 leaf hash of an audit entry (hex): SHA-256 of the byte 0x00 followed by the canonical
 * JSON of its `at`, `bodySha256`, `clientId`, `datasetId`, `method`, `path`, `requestId` and `status`.
 * The entry carries it from the moment it is written; a checkpoint seals it.
 */
export async function auditLeafHash(entry: AuditLeafContent): Promise<string> {
  const text = encoder.encode(leafText(entry));
  const data = new Uint8Array(text.length + 1);
  data.set(text, 1);
  return bytesToHex(sha256(data));
}
