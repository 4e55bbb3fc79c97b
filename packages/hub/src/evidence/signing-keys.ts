// The hub's Ed25519 signing keys: the one that signs now, and the history of public keys it publishes.
import type { Schemas } from '@tukar/spec';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type CryptoKey as JoseKey,
  type JWK,
} from 'jose';
import type { Store } from '../store';

/** Names of the key-history secrets in the store: `signing-key/<kid>` (and `signing-key/first`). */
const PREFIX = 'signing-key/';
/** The key generated on the first start: the first one stored wins when instances start together. */
const FIRST = `${PREFIX}first`;

/** One entry of the key history, as kept in the store (JSON). `privateJwk` only for generated keys. */
interface KeyRecord {
  kid: string;
  createdAt: string;
  publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  privateJwk?: JWK;
}

/** The key that signs receipts now. */
export interface ActiveSigningKey {
  readonly kid: string;
  readonly key: JoseKey;
}

/**
 * A configured signing key that cannot be used; the message names the source and what to do, never the
 * key material.
 */
export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

function isRecord(value: unknown): value is KeyRecord {
  const v = value as Partial<KeyRecord> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.kid === 'string' &&
    typeof v.createdAt === 'string' &&
    typeof v.publicJwk?.x === 'string'
  );
}

/** The key history kept in the store, oldest first (by `createdAt`, then kid). */
async function readHistory(store: Store): Promise<KeyRecord[]> {
  const records: KeyRecord[] = [];
  const seen = new Set<string>();
  for (const { value } of await store.listSecrets(PREFIX)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      continue;
    }
    if (!isRecord(parsed) || seen.has(parsed.kid)) continue;
    seen.add(parsed.kid);
    records.push(parsed);
  }
  return records.sort((a, b) =>
    a.createdAt === b.createdAt ? (a.kid < b.kid ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
  );
}

async function recordOf(privateJwk: JWK, at: Date, keepPrivate: boolean): Promise<KeyRecord> {
  const { kty, crv, x } = privateJwk;
  if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string') {
    throw new SigningKeyError('The signing key is not an Ed25519 key (JWK kty OKP, crv Ed25519).');
  }
  const publicJwk = { kty: 'OKP' as const, crv: 'Ed25519' as const, x };
  const kid = await calculateJwkThumbprint(publicJwk);
  return { kid, createdAt: at.toISOString(), publicJwk, ...(keepPrivate && { privateJwk }) };
}

async function generateRecord(at: Date): Promise<KeyRecord> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return recordOf(await exportJWK(privateKey), at, true);
}

async function activeOf(record: KeyRecord): Promise<ActiveSigningKey> {
  if (!record.privateJwk) throw new SigningKeyError(`Signing key ${record.kid} has no private part.`);
  const key = await importJWK(record.privateJwk, 'EdDSA');
  return { kid: record.kid, key: key as JoseKey };
}

/** Reads a configured key: an Ed25519 private JWK (JSON text) or a PKCS#8 PEM. */
async function configuredJwk(text: string): Promise<JWK> {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('{')) {
      const jwk = JSON.parse(trimmed) as JWK;
      if (typeof jwk.d !== 'string') throw new Error('no private part');
      await importJWK(jwk, 'EdDSA');
      return jwk;
    }
    const key = await importPKCS8(trimmed, 'EdDSA', { extractable: true });
    return await exportJWK(key);
  } catch (error) {
    throw new SigningKeyError(
      'The configured signing key is neither an Ed25519 private JWK (JSON with "d") nor a PKCS#8 PEM ' +
        '("-----BEGIN PRIVATE KEY-----"); make one with `openssl genpkey -algorithm ed25519`.',
      { cause: error instanceof SigningKeyError ? error : undefined },
    );
  }
}

/**
 * The key the hub signs with. A configured key (`HubOptions.signingKey`: JWK or PEM text) signs, and its
 * public part joins the history kept in the store. Without one, the newest generated key in the store
 * signs; on the first start one is generated and kept there (instances starting together agree on one).
 * The private key is never printed or logged.
 */
export async function loadSigningKey(
  store: Store,
  configured: string | undefined,
  now: Date,
): Promise<ActiveSigningKey> {
  if (configured !== undefined) {
    const jwk = await configuredJwk(configured);
    const record = await recordOf(jwk, now, false);
    await store.keepSecret(`${PREFIX}${record.kid}`, JSON.stringify(record));
    const key = await importJWK(jwk, 'EdDSA');
    return { kid: record.kid, key: key as JoseKey };
  }
  const generated = (await readHistory(store)).filter((r) => r.privateJwk);
  const newest = generated.at(-1);
  if (newest) return activeOf(newest);
  const kept = await store.keepSecret(FIRST, JSON.stringify(await generateRecord(now)));
  return activeOf(JSON.parse(kept) as KeyRecord);
}

/**
 * Generates a new signing key and keeps it in the store: it signs from the next start of each instance
 * (or at once, for the hub given `onRotated`), and the old public keys stay in the published set, so
 * every receipt signed before still verifies.
 */
export async function rotateSigningKey(store: Store, now: Date): Promise<ActiveSigningKey> {
  const record = await generateRecord(now);
  await store.keepSecret(`${PREFIX}${record.kid}`, JSON.stringify(record));
  return activeOf(record);
}

/**
 * The published key set: every public key of the history, newest first, each valid from when it was
 * first kept until the next one was (the newest has no end).
 */
export async function publishedKeySet(store: Store): Promise<Schemas['SigningKeySet']> {
  const history = await readHistory(store);
  const keys = history.map((record, i) => {
    const next = history[i + 1];
    return {
      ...record.publicJwk,
      kid: record.kid,
      alg: 'EdDSA' as const,
      use: 'sig' as const,
      validFrom: record.createdAt,
      ...(next && { validUntil: next.createdAt }),
    };
  });
  return { keys: keys.reverse() };
}
