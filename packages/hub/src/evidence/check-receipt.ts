// Whether a receipt is one this hub signed: for step outputs of artefact `receipt`.
import type { Schemas } from '@tukar/spec';
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import type { Store } from '../store';
import { RECEIPT_TYPE } from './receipt';
import { publishedKeySet } from './signing-keys';

/**
 * The claims of `receipt` when one of the hub's keys (current or earlier) signed it, else why not, in
 * words: not a JWS, not a receipt, an unknown key, a bad signature.
 */
export async function checkReceipt(
  store: Store,
  receipt: string,
): Promise<{ ok: true; claims: Schemas['ReceiptClaims'] } | { ok: false; reason: string }> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(receipt);
  } catch {
    return { ok: false, reason: 'it is not a compact JWS' };
  }
  if (header.typ !== RECEIPT_TYPE)
    return { ok: false, reason: `its typ is ${String(header.typ)}, not ${RECEIPT_TYPE}` };
  const jwk = (await publishedKeySet(store)).keys.find((k) => k.kid === header.kid);
  if (jwk === undefined) return { ok: false, reason: `no key of this hub has kid ${String(header.kid)}` };
  try {
    const { payload } = await compactVerify(receipt, await importJWK(jwk, 'EdDSA'));
    return { ok: true, claims: JSON.parse(new TextDecoder().decode(payload)) };
  } catch {
    return { ok: false, reason: 'its signature does not verify with the hub key it names' };
  }
}
