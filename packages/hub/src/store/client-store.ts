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
 * A public key a client signs its batches with (`PUT /v1/clients/{clientId}/signing-keys/{kid}`).
 *
 * @example
 * ```ts
 * import type { ClientSigningKeyRow } from '@tukar/hub';
 *
 * const row: ClientSigningKeyRow = {
 *   clientId: 'ciamis/dinkes/simpus',
 *   kid: 'simpus-2025',
 *   jwk: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
 *   createdAt: '2025-02-10T03:01:00.000Z',
 * };
 * ```
 */
export type ClientSigningKeyRow = Schemas['ClientSigningKey'];

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
  /**
   * Registers a client's signing key; `false` when the client already has a key with this `kid` (keys
   * are never changed, so that old signatures still verify).
   */
  putClientSigningKey(row: ClientSigningKeyRow): Promise<boolean>;
  /** The signing keys of one client, or of every client without `clientId`; by client, then registration. */
  listClientSigningKeys(clientId?: string): Promise<ClientSigningKeyRow[]>;
}
