// The check of a batch's origin signature (`Tukar-Signature`) before anything is written.
import {
  batchStatement,
  importClientKey,
  parseDetachedSignature,
  verifyDetachedSignature,
} from '../evidence/origin-signature';
import { HubProblem } from '../hub-problem';
import type { Store } from '../store';

/** What the check needs of a request. */
export interface OriginCheckInput {
  store: Store;
  clientId: string;
  datasetId: string;
  /** SHA-256 (hex) of the exact body bytes. */
  bodySha256: string;
  /** The `Tukar-Signature` header, when sent. */
  signature: string | undefined;
}

/**
 * The batch's origin signature once it verifies, or `undefined` for a client that registered no key and
 * sent none. Throws 422 (nothing is written): `origin_signature_missing` when a client with a key sent
 * none, `origin_signature_malformed`, `origin_key_unknown` (a `kid` the client did not register) or
 * `origin_signature_invalid` (it does not verify over this batch). A signature sent by a client without
 * keys is checked too, and refused with `origin_key_unknown`: a client never believes it signed when the
 * hub kept nothing.
 */
export async function checkOriginSignature(input: OriginCheckInput): Promise<string | undefined> {
  const { store, clientId, datasetId, bodySha256, signature } = input;
  const keys = await store.listClientSigningKeys(clientId);
  if (signature === undefined) {
    if (keys.length === 0) return undefined;
    throw new HubProblem(
      422,
      'origin_signature_missing',
      `Client ${clientId} registered a signing key, so each of its batches needs a Tukar-Signature header (a detached JWS over the batch statement); nothing was written.`,
    );
  }
  const parsed = parseDetachedSignature(signature);
  if (typeof parsed === 'string') {
    throw new HubProblem(
      422,
      'origin_signature_malformed',
      `The Tukar-Signature header cannot be read: ${parsed}; nothing was written.`,
    );
  }
  const row = keys.find((k) => k.kid === parsed.kid);
  if (!row) {
    const known = keys.map((k) => k.kid).join(', ');
    throw new HubProblem(
      422,
      'origin_key_unknown',
      `The Tukar-Signature names key ${JSON.stringify(parsed.kid)}, which client ${clientId} has not registered (${known ? `its keys: ${known}` : 'it has no key'}); nothing was written. The administrator registers a key with PUT /v1/clients/{clientId}/signing-keys/{kid}.`,
    );
  }
  const statement = batchStatement(datasetId, bodySha256);
  if (!(await verifyDetachedSignature(parsed, await importClientKey(row.jwk), statement))) {
    throw new HubProblem(
      422,
      'origin_signature_invalid',
      `The Tukar-Signature by key ${parsed.kid} of client ${clientId} does not verify over this batch (dataset ${datasetId}, body SHA-256 ${bodySha256.slice(0, 12)}…); nothing was written. Sign the statement of the exact body bytes you send.`,
    );
  }
  return signature.trim();
}
