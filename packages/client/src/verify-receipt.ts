// Offline verification of a hub receipt (compact JWS, EdDSA) against the hub's published key set.
import type { ReceiptClaims, SigningKey } from '@tukar/spec';
import { base64url, compactVerify, importJWK } from 'jose';

/**
 * Why a receipt does not verify (stable codes).
 *
 * @example
 * ```ts
 * import { verifyReceipt, type ReceiptIssueCode } from '@tukar/client';
 *
 * declare const receipt: string;
 * declare const jwks: unknown;
 * const result = await verifyReceipt(receipt, jwks);
 * const code: ReceiptIssueCode | undefined = result.ok ? undefined : result.issue.code;
 * if (code === 'unknown_kid') console.error('fetch a newer copy of /.well-known/jwks.json');
 * ```
 */
export type ReceiptIssueCode =
  | 'malformed'
  | 'tampered_header'
  | 'tampered_payload'
  | 'unknown_kid'
  | 'bad_signature'
  | 'invalid_keys';

/**
 * Where in the receipt (or the key set) the problem is.
 *
 * @example
 * ```ts
 * import { verifyReceipt, type ReceiptPlace } from '@tukar/client';
 *
 * declare const receipt: string;
 * declare const jwks: unknown;
 * const result = await verifyReceipt(receipt, jwks);
 * const place: ReceiptPlace | undefined = result.ok ? undefined : result.issue.place;
 * if (place === 'payload') console.error('the stated content of the receipt was changed');
 * ```
 */
export type ReceiptPlace = 'receipt' | 'header' | 'payload' | 'signature' | 'keys';

/**
 * One reason a receipt does not verify: a stable `code`, the `place` that was altered or unreadable,
 * and a message saying what was wrong.
 *
 * @example
 * ```ts
 * import { verifyReceipt, type ReceiptIssue } from '@tukar/client';
 *
 * declare const receipt: string; // from pushRecords' result
 * declare const jwks: unknown; // GET /.well-known/jwks.json, saved
 * const result = await verifyReceipt(receipt, jwks);
 * if (!result.ok) {
 *   const issue: ReceiptIssue = result.issue;
 *   console.error(`${issue.place}: ${issue.message} (${issue.code})`);
 * }
 * ```
 */
export interface ReceiptIssue {
  code: ReceiptIssueCode;
  place: ReceiptPlace;
  message: string;
}

/**
 * What {@link verifyReceipt} found: the verified claims and the key that signed them, or the issue.
 *
 * @example
 * ```ts
 * import { verifyReceipt, type VerifyReceiptResult } from '@tukar/client';
 *
 * declare const receipt: string;
 * declare const jwks: unknown;
 * const result: VerifyReceiptResult = await verifyReceipt(receipt, jwks);
 * if (result.ok) console.log(`${result.claims.datasetId} #${result.claims.seqTo}, signed by ${result.key.kid}`);
 * ```
 */
export type VerifyReceiptResult =
  | { ok: true; claims: ReceiptClaims; key: SigningKey }
  | { ok: false; issue: ReceiptIssue };

const SEGMENT = /^[A-Za-z0-9_-]*$/;
/** The JWS header's `typ` of a hub receipt. */
const RECEIPT_TYPE = 'tukar-receipt+jws';
const CLAIM_FIELDS: ReadonlyArray<[keyof ReceiptClaims, 'string' | 'number' | 'nullable-string']> = [
  ['typ', 'string'],
  ['op', 'string'],
  ['datasetId', 'string'],
  ['contractVersion', 'string'],
  ['seqFrom', 'number'],
  ['seqTo', 'number'],
  ['created', 'number'],
  ['updated', 'number'],
  ['unchanged', 'number'],
  ['deleted', 'number'],
  ['bodySha256', 'string'],
  ['idempotencyKey', 'nullable-string'],
  ['clientId', 'string'],
  ['at', 'string'],
  ['kid', 'string'],
];

const fail = (code: ReceiptIssueCode, place: ReceiptPlace, message: string): VerifyReceiptResult => ({
  ok: false,
  issue: { code, place, message },
});

/** The bytes of a base64url segment, or `undefined` when it is not canonical base64url. */
function decodeSegment(text: string): Uint8Array | undefined {
  if (!SEGMENT.test(text) || text.length % 4 === 1) return undefined;
  try {
    const bytes = base64url.decode(text);
    return base64url.encode(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The usable keys of a key set, or a message saying why there are none. */
function keysOf(jwks: unknown): SigningKey[] | string {
  if (!isObject(jwks) || !Array.isArray(jwks['keys'])) return 'the key set is not a JWKS ({"keys": [...]})';
  const keys: SigningKey[] = [];
  jwks['keys'].forEach((key: unknown) => {
    if (isObject(key) && key['kty'] === 'OKP' && key['crv'] === 'Ed25519' && typeof key['kid'] === 'string')
      keys.push(key as unknown as SigningKey);
  });
  return keys.length > 0 ? keys : 'the key set holds no Ed25519 key with a kid';
}

function claimsProblem(claims: Record<string, unknown>): string | undefined {
  for (const [name, kind] of CLAIM_FIELDS) {
    const value = claims[name];
    const fits =
      kind === 'number'
        ? Number.isInteger(value)
        : kind === 'string'
          ? typeof value === 'string'
          : value === null || typeof value === 'string';
    if (!fits) return `claim "${name}" is missing or not a ${kind === 'number' ? 'whole number' : 'string'}`;
  }
  if (claims['typ'] !== 'tukar-receipt/1') return `claim "typ" is not "tukar-receipt/1"`;
  return undefined;
}

async function sha256Base64url(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return base64url.encode(new Uint8Array(digest));
}

/**
 * Verifies a hub receipt offline: the compact JWS must be signed (EdDSA) by a key of the hub's published
 * key set (`GET /.well-known/jwks.json`, saved; old keys stay in it after a rotation). Needs neither the
 * hub nor its database. Any altered byte fails, with the place named: the header (it carries a digest of
 * its own fields), the payload (its digest is in the header), the signature, or an unknown key id. The
 * key's `validFrom`/`validUntil` are not enforced: a receipt is valid when a key of the set signed it.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { createHubClient, verifyReceipt } from '@tukar/client';
 *
 * declare const records: Array<Record<string, unknown>>;
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * const { receipts } = await hub.pushRecords('dinkes.puskesmas', records);
 * const jwks: unknown = JSON.parse(await readFile('hub-jwks.json', 'utf8'));
 * for (const receipt of receipts) {
 *   const result = await verifyReceipt(receipt, jwks);
 *   if (!result.ok) throw new Error(`receipt invalid at ${result.issue.place}: ${result.issue.message}`);
 * }
 * ```
 */
export async function verifyReceipt(receipt: string, jwks: unknown): Promise<VerifyReceiptResult> {
  const keys = keysOf(jwks);
  if (typeof keys === 'string') return fail('invalid_keys', 'keys', keys);
  const parts = typeof receipt === 'string' ? receipt.trim().split('.') : [];
  const [headerText, payloadText, signatureText] = parts;
  if (parts.length !== 3 || headerText === undefined || payloadText === undefined || !signatureText) {
    return fail('malformed', 'receipt', 'a receipt is a compact JWS: three base64url parts joined by "."');
  }
  const headerBytes = decodeSegment(headerText);
  const header = headerBytes && parseJson(headerBytes);
  if (!isObject(header)) return fail('tampered_header', 'header', 'the header is not base64url JSON');
  if (header['alg'] !== 'EdDSA' || typeof header['kid'] !== 'string' || header['typ'] !== RECEIPT_TYPE) {
    return fail(
      'tampered_header',
      'header',
      `the header does not name alg "EdDSA", typ "${RECEIPT_TYPE}" and a kid`,
    );
  }
  const kid = header['kid'];
  const { payloadSha256, headerSha256 } = header;
  if (typeof payloadSha256 !== 'string' || typeof headerSha256 !== 'string') {
    return fail('tampered_header', 'header', 'the header lacks payloadSha256 and headerSha256');
  }
  if (headerSha256 !== (await sha256Base64url(`EdDSA.${kid}.${RECEIPT_TYPE}.${payloadSha256}`))) {
    return fail(
      'tampered_header',
      'header',
      'the header does not match its own headerSha256: it was altered',
    );
  }
  const key = keys.find((k) => k.kid === kid);
  if (!key) return fail('unknown_kid', 'header', `the key set has no key with kid "${kid}"`);
  const payloadBytes = decodeSegment(payloadText);
  const claims = payloadBytes && parseJson(payloadBytes);
  if (!isObject(claims)) return fail('tampered_payload', 'payload', 'the payload is not base64url JSON');
  if (payloadSha256 !== (await sha256Base64url(payloadText))) {
    return fail(
      'tampered_payload',
      'payload',
      'the payload does not match the SHA-256 the signed header names',
    );
  }
  const problem = claimsProblem(claims);
  if (problem) return fail('tampered_payload', 'payload', problem);
  if (claims['kid'] !== kid) {
    return fail('tampered_payload', 'payload', `claim "kid" differs from the header's kid "${kid}"`);
  }
  if (decodeSegment(signatureText)?.length !== 64) {
    return fail('bad_signature', 'signature', 'the signature is not 64 bytes of base64url');
  }
  try {
    const publicKey = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: key.x }, 'EdDSA');
    await compactVerify(`${headerText}.${payloadText}.${signatureText}`, publicKey, {
      algorithms: ['EdDSA'],
    });
  } catch {
    return fail('bad_signature', 'signature', `the signature does not verify with key "${kid}"`);
  }
  return { ok: true, claims: claims as unknown as ReceiptClaims, key };
}
