// `@tukar/client/sign`: origin signatures of batches with WebCrypto's Ed25519 (no JOSE library).
import type { BatchSigner } from './batch-signer';

/**
 * Options of {@link batchSigner}: the client's Ed25519 private key and the `kid` the administrator
 * registered its public key under (`PUT /v1/clients/{clientId}/signing-keys/{kid}`).
 *
 * @example
 * ```ts
 * import type { BatchSignerOptions } from '@tukar/client/sign';
 *
 * declare const privateJwk: JsonWebKey; // { kty: 'OKP', crv: 'Ed25519', x, d }
 * const options: BatchSignerOptions = { key: privateJwk, kid: 'simpus-2025' };
 * ```
 */
export interface BatchSignerOptions {
  /** The private key: a WebCrypto `CryptoKey` (Ed25519, usage `sign`) or its JWK (with `d`). */
  key: CryptoKey | JsonWebKey;
  /** The id the public key is registered under at the hub. */
  kid: string;
}

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A {@link BatchSigner} that signs with the client's Ed25519 key: a detached JWS (RFC 7515 appendix F,
 * `alg` `EdDSA`, the `kid`) over the batch statement
 * `{"typ":"tukar-batch/1","datasetId":"…","bodySha256":"…"}`, the SHA-256 taken of the exact body
 * bytes. The hub checks it before writing and keeps it in the batch's audit entry and receipt, so the
 * batch is provably the client's own.
 *
 * @example
 * ```ts
 * import { createHubClient } from '@tukar/client';
 * import { batchSigner } from '@tukar/client/sign';
 *
 * declare const privateJwk: JsonWebKey; // the Ed25519 private key of SIMPUS, from its secret store
 * const hub = createHubClient({
 *   baseUrl: 'https://hub.ciamiskab.example.go.id',
 *   apiKey: process.env.TUKAR_API_KEY!,
 *   sign: batchSigner({ key: privateJwk, kid: 'simpus-2025' }),
 * });
 * await hub.pushRecords('dinkes.puskesmas', [{ kode_puskesmas: 'P3207010101', nama: 'Puskesmas Ciamis' }]);
 * ```
 */
export function batchSigner(options: BatchSignerOptions): BatchSigner {
  const { key, kid } = options;
  if (typeof kid !== 'string' || kid === '') {
    throw new TypeError(
      'batchSigner: options.kid must be the id the public key is registered under at the hub',
    );
  }
  const cryptoKey: Promise<CryptoKey> =
    'kty' in key
      ? crypto.subtle.importKey('jwk', key, { name: 'Ed25519' }, false, ['sign'])
      : Promise.resolve(key as CryptoKey);
  const header = base64url(encoder.encode(JSON.stringify({ alg: 'EdDSA', kid })));
  return async (datasetId, body) => {
    const bodySha256 = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(body))));
    const statement = JSON.stringify({ typ: 'tukar-batch/1', datasetId, bodySha256 });
    const input = encoder.encode(`${header}.${base64url(encoder.encode(statement))}`);
    const signature = await crypto.subtle.sign({ name: 'Ed25519' }, await cryptoKey, input);
    return `${header}..${base64url(new Uint8Array(signature))}`;
  };
}

export type { BatchSigner } from './batch-signer';
