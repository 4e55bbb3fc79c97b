// Offline check of the origin signatures kept in audit entries, with the clients' keys of a bundle.
import type { Schemas } from '@tukar/spec';
import type { CryptoKey as JoseKey } from 'jose';
import {
  batchStatement,
  importClientKey,
  parseDetachedSignature,
  verifyDetachedSignature,
} from './origin-signature';

type AuditEntry = Schemas['AuditEntry'];
type ClientSigningKey = Schemas['ClientSigningKey'];

/** What is wrong with an entry's origin signature: its issue code and a message naming the entry. */
export interface OriginProblem {
  code: 'origin_key_unknown' | 'origin_signature_invalid';
  message: string;
}

/**
 * A checker of the origin signatures of audit entries: each signed entry's signature must verify, with
 * the key its `kid` names among the keys of the entry's client, over the batch statement rebuilt from the
 * entry's `datasetId` and `bodySha256`. Entries without a signature pass.
 */
export function originVerifier(
  clientKeys: readonly ClientSigningKey[] | undefined,
): (entry: AuditEntry, where: string) => Promise<OriginProblem | undefined> {
  const keys = new Map<string, Promise<JoseKey | undefined>>();
  const keyOf = (clientId: string, kid: string) => {
    const id = JSON.stringify([clientId, kid]);
    if (!keys.has(id)) {
      const row = clientKeys?.find((k) => k.clientId === clientId && k.kid === kid);
      keys.set(id, row ? importClientKey(row.jwk).catch(() => undefined) : Promise.resolve(undefined));
    }
    return keys.get(id) as Promise<JoseKey | undefined>;
  };
  return async (entry, where) => {
    const text = entry.originSignature;
    if (text === undefined) return undefined;
    const parsed = parseDetachedSignature(text);
    if (typeof parsed === 'string' || entry.clientId === null || entry.bodySha256 === null) {
      return {
        code: 'origin_signature_invalid',
        message: `${where} holds an origin signature that cannot be checked (${typeof parsed === 'string' ? parsed : 'the entry names no client or body'}).`,
      };
    }
    const key = await keyOf(entry.clientId, parsed.kid);
    if (!key) {
      return {
        code: 'origin_key_unknown',
        message: `${where} is signed by key ${parsed.kid} of client ${entry.clientId}, which the bundle's clientKeys do not hold.`,
      };
    }
    const statement = batchStatement(entry.datasetId ?? '', entry.bodySha256);
    if (!(await verifyDetachedSignature(parsed, key, statement))) {
      return {
        code: 'origin_signature_invalid',
        message: `${where}: the origin signature by key ${parsed.kid} of client ${entry.clientId} does not verify (the signature, the dataset or the body hash was altered).`,
      };
    }
    return undefined;
  };
}
