// The origin signature of a batch: a detached JWS (RFC 7515 appendix F) by the client's own key.
import type { Schemas } from '@tukar/spec';
import { base64url, flattenedVerify, importJWK, type CryptoKey as JoseKey } from 'jose';

/**
 * The `typ` of the statement a client signs (see {@link batchStatement}).
 *
 * @example
 * ```ts
 * import { BATCH_STATEMENT_TYPE } from '@tukar/hub';
 *
 * const statement = JSON.parse('{"typ":"tukar-batch/1","datasetId":"dinkes.puskesmas","bodySha256":"…"}');
 * if (statement.typ !== BATCH_STATEMENT_TYPE) throw new Error('not a Tukar batch statement');
 * ```
 */
export const BATCH_STATEMENT_TYPE = 'tukar-batch/1';

/**
 * The statement a client signs for a batch: the dataset and the SHA-256 (hex) of the exact body bytes,
 * as JSON text with the keys in this order and no spaces. The hub rebuilds it from the request, an
 * auditor from the audit entry (its `datasetId` and `bodySha256`), so the signature verifies offline
 * without the records themselves.
 *
 * @example
 * ```ts
 * import { batchStatement } from '@tukar/hub';
 *
 * batchStatement('dinkes.puskesmas', '3f7a…');
 * // '{"typ":"tukar-batch/1","datasetId":"dinkes.puskesmas","bodySha256":"3f7a…"}'
 * ```
 */
export function batchStatement(datasetId: string, bodySha256: string): string {
  return JSON.stringify({ typ: BATCH_STATEMENT_TYPE, datasetId, bodySha256 });
}

/** A detached JWS taken apart: its protected header (text and fields) and its signature. */
export interface DetachedSignature {
  protectedHeader: string;
  signature: string;
  alg: string;
  kid: string;
}

const DETACHED = /^([A-Za-z0-9_-]+)\.\.([A-Za-z0-9_-]+)$/;

/**
 * Reads a `Tukar-Signature` value: `<protected header>..<signature>` whose header has `alg` `EdDSA` and
 * a string `kid`. Returns the reason as text when it is not one.
 */
export function parseDetachedSignature(text: string): DetachedSignature | string {
  const match = DETACHED.exec(text.trim());
  if (!match) return 'it is not a detached JWS of the form <protected header>..<signature>';
  const [, protectedHeader = '', signature = ''] = match;
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(base64url.decode(protectedHeader)));
  } catch {
    return 'its protected header is not base64url-encoded JSON';
  }
  const { alg, kid, crit } = (header ?? {}) as Record<string, unknown>;
  if (alg !== 'EdDSA') return `its header has alg ${JSON.stringify(alg)}; EdDSA (Ed25519) is expected`;
  if (typeof kid !== 'string' || kid === '') return 'its header names no kid';
  if (crit !== undefined) return 'its header has crit; the hub understands no extension';
  return { protectedHeader, signature, alg, kid };
}

/** Imports a client's public key (JWK) for verifying. */
export async function importClientKey(jwk: Schemas['ClientPublicJwk']): Promise<JoseKey> {
  const { kty, crv, x } = jwk;
  return (await importJWK({ kty, crv, x }, 'EdDSA')) as JoseKey;
}

/** Whether the detached signature verifies over the batch statement with `key`. */
export async function verifyDetachedSignature(
  signature: DetachedSignature,
  key: JoseKey,
  statement: string,
): Promise<boolean> {
  try {
    await flattenedVerify(
      {
        protected: signature.protectedHeader,
        payload: base64url.encode(statement),
        signature: signature.signature,
      },
      key,
      { algorithms: ['EdDSA'] },
    );
    return true;
  } catch {
    return false;
  }
}
