import { randomAlphanumeric } from './crypto-helpers';
import type { Store } from './store';

/** The name of the secret, kept in the store, that keys the audit log's record-key digests. */
const SECRET_NAME = 'audit-record-key';

/** What an audited path holds in place of a record key: this prefix and 64 hex digits. */
export const AUDIT_KEY_DIGEST_PREFIX = 'hmac-sha256:';

const encoder = new TextEncoder();
const RECORD_KEY_SEGMENT = /(\/records\/)([^/]+)/;

/**
 * The hub's audit-key secret: generated on the first start (43 random characters) and kept in the store,
 * so that every restart and every instance on one database digests a key the same way.
 */
export function auditKeySecret(store: Store): Promise<string> {
  return store.keepSecret(SECRET_NAME, randomAlphanumeric(43));
}

/** `hmac-sha256:` and the lower-case hex HMAC-SHA-256 of `key` (UTF-8) under `secret`. */
export async function digestRecordKey(secret: string, key: string): Promise<string> {
  const hmacKey = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, encoder.encode(key)));
  return AUDIT_KEY_DIGEST_PREFIX + Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Whether a request path names a record key (`…/records/{key}`), which the audit log digests. */
export function hasRecordKey(path: string): boolean {
  return RECORD_KEY_SEGMENT.test(path);
}

/**
 * The path as the audit log keeps it: the record key segment (percent-decoded once, as the hub decodes
 * it into the API's RecordKey) replaced by its keyed digest.
 */
export async function auditedPath(path: string, secret: string): Promise<string> {
  const match = RECORD_KEY_SEGMENT.exec(path);
  if (!match) return path;
  const segment = match[2] as string;
  let key = segment;
  try {
    key = decodeURIComponent(segment);
  } catch {
    // not valid percent-encoding (the request was refused with 400): digest the segment as sent
  }
  return path.replace(RECORD_KEY_SEGMENT, `$1${await digestRecordKey(secret, key)}`);
}

/**
 * The digest the audit log keeps in place of a record key, for an administrator who knows a key (a NIK)
 * and looks for the requests about it: the audit log never stores the key itself, only
 * `hmac-sha256:<HMAC-SHA-256 of the key under the hub's secret>`, so the same key always gives the same
 * digest and a digest cannot be turned back into a key without the secret. `key` is the record key as
 * the API names it (`GET /v1/datasets/{datasetId}/records/{key}`): for a one-field primary key, the value.
 * Run it against the hub's own store (the secret lives there).
 *
 * @example
 * ```ts
 * import { auditKeyDigest } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore(process.env.TUKAR_STORE ?? 'sqlite:./.tukar/hub.db');
 * const digest = await auditKeyDigest(store, '3207011203850001');
 * const entries = await store.listAudit(0, 10_000, { datasetId: 'disdukcapil.penduduk' });
 * console.log(entries.filter((entry) => entry.path.endsWith(`/records/${digest}`)));
 * await store.close();
 * ```
 */
export async function auditKeyDigest(store: Store, key: string): Promise<string> {
  return digestRecordKey(await auditKeySecret(store), key);
}
