import type { Schemas } from '@tukar/spec';

/**
 * A registered OPD system or administrator.
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * for (const client of await store.listClients()) {
 *   if (client.disabled) continue;
 *   console.log(`${client.id} ${client.name} (${client.opd}, ${client.role}) since ${client.createdAt}`);
 * }
 * ```
 */
export type ClientRow = Schemas['Client'];

/**
 * An API key as stored: its `hash` (SHA-256 of `tukar-api-key:` followed by the key), never the secret.
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * const now = new Date().toISOString();
 * for (const key of await store.listApiKeys('ciamis/dinkes/simpus')) {
 *   const active = key.revokedAt === null && (key.expiresAt === null || key.expiresAt > now);
 *   console.log(`${key.keyId} ${key.prefix}… ${key.label ?? ''}: ${active ? 'active' : 'inactive'}, last used ${key.lastUsedAt ?? 'never'}`);
 * }
 * ```
 */
export interface ApiKeyRow {
  keyId: string;
  clientId: string;
  prefix: string;
  hash: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
}

/**
 * A client's access to a dataset.
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * for (const grant of await store.listGrants('ciamis/dinkes/simpus')) {
 *   console.log(`${grant.clientId} → ${grant.datasetId}: ${grant.access.join('+')} since ${grant.grantedAt}`);
 * }
 * ```
 */
export type GrantRow = Schemas['Grant'];

/**
 * The clients and keys part of a {@link Store}: registered systems, their API keys (hashed) and grants.
 *
 * @example
 * ```ts
 * import type { ClientStore } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * async function writers(store: ClientStore, datasetId: string): Promise<string[]> {
 *   const found: string[] = [];
 *   for (const client of await store.listClients()) {
 *     const grants = await store.listGrants(client.id);
 *     if (grants.some((g) => g.datasetId === datasetId && g.access.includes('write'))) found.push(client.id);
 *   }
 *   return found;
 * }
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * console.log(await writers(store, 'dinkes.puskesmas'));
 * ```
 */
export interface ClientStore {
  createClient(row: ClientRow): Promise<boolean>;
  getClient(id: string): Promise<ClientRow | undefined>;
  listClients(): Promise<ClientRow[]>;
  createApiKey(row: ApiKeyRow): Promise<boolean>;
  getApiKeyByHash(hash: string): Promise<ApiKeyRow | undefined>;
  listApiKeys(clientId: string): Promise<ApiKeyRow[]>;
  revokeApiKey(clientId: string, keyId: string, at: string): Promise<boolean>;
  touchApiKey(keyId: string, at: string): Promise<void>;
  putGrant(row: GrantRow): Promise<void>;
  deleteGrant(clientId: string, datasetId: string): Promise<boolean>;
  listGrants(clientId: string): Promise<GrantRow[]>;
}
