import type { components } from '@tukar/spec';
import type { OperationId } from '@tukar/spec/operations';
import { API_KEY_PATTERN, hashApiKey } from './api-key';
import { HubProblem } from './hub-problem';
import type { Caller, HubCore, RequestContext } from './request-context';
import { callerOf } from './request-context';
import type { ApiKeyRow, DatasetRow, GrantRow } from './store';

type Access = components['schemas']['GrantAccess'];

/** `lastUsedAt` is written at most this often per key, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

/** The API key of an `Authorization: Bearer …` header, or undefined when absent. */
export function bearerKey(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  if (header === null) return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new HubProblem(401, 'unauthorized', 'The Authorization header must be "Bearer <api key>".');
  }
  return match[1];
}

/**
 * Finds the client an API key belongs to. Unknown, malformed, revoked and expired keys answer 401;
 * a disabled client answers 403. What the store says of a key is kept for `HubOptions.apiKeyCacheTtlMs` (see
 * `ApiKeyCache`): a revocation through another instance takes effect here within that time.
 */
export async function authenticateKey(
  core: HubCore,
  key: string | undefined,
): Promise<Caller & { key: ApiKeyRow }> {
  if (key === undefined) {
    throw new HubProblem(
      401,
      'unauthorized',
      'This operation needs an API key: send "Authorization: Bearer <api key>". Ask the hub administrator (Diskominfo) for a key.',
    );
  }
  if (!API_KEY_PATTERN.test(key)) {
    throw new HubProblem(
      401,
      'unauthorized',
      'The API key is malformed: a hub key is "tk_" followed by 43 characters.',
    );
  }
  const hash = hashApiKey(key);
  const now = core.now();
  let found = core.apiKeys.get(hash, now.getTime());
  if (!found) {
    const stored = await core.store.getApiKeyByHash(hash);
    if (!stored) throw new HubProblem(401, 'unauthorized', 'The API key is not known to this hub.');
    found = { key: stored, client: await core.store.getClient(stored.clientId) };
    core.apiKeys.set(hash, found, now.getTime());
  }
  const { key: row, client } = found;
  if (row.revokedAt !== null) {
    throw new HubProblem(
      401,
      'unauthorized',
      `The API key ${row.keyId} was revoked at ${row.revokedAt}; ask the administrator for a new one.`,
    );
  }
  if (row.expiresAt !== null && Date.parse(row.expiresAt) <= now.getTime()) {
    throw new HubProblem(
      401,
      'unauthorized',
      `The API key ${row.keyId} expired at ${row.expiresAt}; ask the administrator for a new one.`,
    );
  }
  if (!client) throw new HubProblem(401, 'unauthorized', 'The API key belongs to no registered client.');
  if (client.disabled) throw new HubProblem(403, 'forbidden', `Client ${client.id} is disabled.`);
  if (row.lastUsedAt === null || now.getTime() - Date.parse(row.lastUsedAt) > TOUCH_INTERVAL_MS) {
    row.lastUsedAt = now.toISOString();
    await core.store.touchApiKey(row.keyId, row.lastUsedAt);
  }
  let grants: Promise<GrantRow[]> | undefined;
  return { client, key: row, grants: () => (grants ??= core.store.listGrants(client.id)) };
}

/** Throws 403 unless the caller is an admin (for the operations the spec marks `x-tukar-role: admin`). */
export function requireAdmin(operationId: OperationId, caller: Caller): void {
  if (caller.client.role !== 'admin') {
    throw new HubProblem(
      403,
      'forbidden',
      `Operation ${operationId} is for the hub administrator only; client ${caller.client.id} has the role "client".`,
    );
  }
}

/**
 * Whether the caller may read or write a dataset. Reading: `publik` data is open to every authenticated
 * client; `terbatas` needs a `read` grant (admins pass); `rahasia` needs a `read` grant for everyone,
 * admins included. Writing needs a `write` grant (admins pass).
 */
export async function mayAccess(caller: Caller, dataset: DatasetRow, access: Access): Promise<boolean> {
  const isAdmin = caller.client.role === 'admin';
  if (access === 'read' && dataset.classification === 'publik') return true;
  if (isAdmin && !(access === 'read' && dataset.classification === 'rahasia')) return true;
  const grant = (await caller.grants()).find((g) => g.datasetId === dataset.id);
  return grant?.access.includes(access) ?? false;
}

/** Throws 403 unless the caller may `access` the dataset. */
export async function requireDatasetAccess(
  ctx: Pick<RequestContext, 'caller' | 'op'>,
  dataset: DatasetRow,
  access: Access,
): Promise<void> {
  const caller = callerOf(ctx);
  if (await mayAccess(caller, dataset, access)) return;
  const why =
    access === 'write'
      ? 'writing needs a "write" grant'
      : `its data is "${dataset.classification}" and reading it needs a "read" grant`;
  throw new HubProblem(
    403,
    'forbidden',
    `Client ${caller.client.id} may not ${access} dataset ${dataset.id}: ${why}. Ask the administrator for a grant (PUT /v1/clients/{clientId}/grants/${dataset.id}).`,
  );
}
