import { beforeEach, describe, expect, it } from 'vitest';
import type { ClientStore } from '../../src/store';
import { apiKey, at, client, grant, sha } from './fixtures';

/**
 * The clients and keys part of the Store conformance suite: clients, hashed API keys and grants.
 *
 * @param storeOf the store under test, fresh for each test (opened and closed by the suite).
 */
export function describeClientStoreConformance(storeOf: () => ClientStore): void {
  let store: ClientStore;
  beforeEach(() => {
    store = storeOf();
  });

  describe('clients, API keys and grants', () => {
    it('creates, reads and lists clients by id; a second create is refused', async () => {
      expect(await store.createClient(client('ciamis/dinkes/simpus'))).toBe(true);
      expect(await store.createClient(client('ciamis/bappeda/dash', { role: 'admin', disabled: true }))).toBe(
        true,
      );
      expect(await store.createClient(client('ciamis/dinkes/simpus', { name: 'Other' }))).toBe(false);
      expect(await store.getClient('ciamis/dinkes/simpus')).toEqual(client('ciamis/dinkes/simpus'));
      expect(await store.getClient('ciamis/bappeda/dash')).toEqual(
        client('ciamis/bappeda/dash', { role: 'admin', disabled: true }),
      );
      expect(await store.getClient('nobody')).toBeUndefined();
      expect((await store.listClients()).map((c) => c.id)).toEqual([
        'ciamis/bappeda/dash',
        'ciamis/dinkes/simpus',
      ]);
    });

    it('stores API keys by id with a unique hash, and finds them by hash', async () => {
      const key = apiKey('k1', { label: 'SIMPUS production', expiresAt: at(50) });
      expect(await store.createApiKey(key)).toBe(true);
      expect(await store.createApiKey({ ...key, hash: sha(77) })).toBe(false);
      expect(await store.createApiKey({ ...key, keyId: 'k2' })).toBe(false);
      expect(await store.getApiKeyByHash(key.hash)).toEqual(key);
      expect(await store.getApiKeyByHash(sha(77))).toBeUndefined();
      expect(await store.listApiKeys(key.clientId)).toEqual([key]);
    });

    it('lists a client’s keys oldest first, then by key id', async () => {
      await store.createApiKey(apiKey('k3', { createdAt: at(2), hash: sha(3) }));
      await store.createApiKey(apiKey('k2', { createdAt: at(1), hash: sha(2) }));
      await store.createApiKey(apiKey('k1', { createdAt: at(2), hash: sha(1) }));
      await store.createApiKey(apiKey('x1', { clientId: 'other', hash: sha(4) }));
      expect((await store.listApiKeys('ciamis/dinkes/simpus')).map((k) => k.keyId)).toEqual([
        'k2',
        'k1',
        'k3',
      ]);
      expect(await store.listApiKeys('nobody')).toEqual([]);
    });

    it('revokes a key of its own client once, keeping the first revocation time', async () => {
      const key = apiKey('k1');
      await store.createApiKey(key);
      expect(await store.revokeApiKey('other', 'k1', at(5))).toBe(false);
      expect((await store.getApiKeyByHash(key.hash))?.revokedAt).toBeNull();
      expect(await store.revokeApiKey(key.clientId, 'k1', at(5))).toBe(true);
      expect(await store.revokeApiKey(key.clientId, 'k1', at(9))).toBe(true);
      expect((await store.getApiKeyByHash(key.hash))?.revokedAt).toBe(at(5));
      expect(await store.revokeApiKey(key.clientId, 'none', at(5))).toBe(false);
    });

    it('records when a key was last used; touching an unknown key does nothing', async () => {
      const key = apiKey('k1');
      await store.createApiKey(key);
      await store.touchApiKey('k1', at(7));
      await store.touchApiKey('k1', at(8));
      expect(await store.getApiKeyByHash(key.hash)).toEqual({ ...key, lastUsedAt: at(8) });
      await expect(store.touchApiKey('none', at(8))).resolves.toBeUndefined();
    });

    it('puts, replaces, lists and deletes grants', async () => {
      await store.putGrant(grant('c1', 'ds.b'));
      await store.putGrant(grant('c1', 'ds.a'));
      await store.putGrant(grant('c2', 'ds.a', { access: ['write'] }));
      await store.putGrant(grant('c1', 'ds.b', { access: ['read', 'write'], grantedAt: at(3) }));
      expect(await store.listGrants('c1')).toEqual([
        grant('c1', 'ds.a'),
        grant('c1', 'ds.b', { access: ['read', 'write'], grantedAt: at(3) }),
      ]);
      expect(await store.deleteGrant('c1', 'ds.a')).toBe(true);
      expect(await store.deleteGrant('c1', 'ds.a')).toBe(false);
      expect((await store.listGrants('c1')).map((g) => g.datasetId)).toEqual(['ds.b']);
      expect(await store.listGrants('c2')).toEqual([grant('c2', 'ds.a', { access: ['write'] })]);
      expect(await store.listGrants('nobody')).toEqual([]);
    });
    it('hands out copies: changing a returned client, grant or key changes nothing stored', async () => {
      await store.createClient(client('c1'));
      const readClient = await store.getClient('c1');
      if (readClient) readClient.disabled = true;
      expect((await store.getClient('c1'))?.disabled).toBe(false);
      await store.putGrant(grant('c1', 'ds'));
      (await store.listGrants('c1'))[0]?.access.push('write');
      expect((await store.listGrants('c1'))[0]?.access).toEqual(['read']);
      await store.createApiKey(apiKey('k1'));
      const key = await store.getApiKeyByHash(apiKey('k1').hash);
      if (key) key.revokedAt = at(1);
      expect((await store.listApiKeys('ciamis/dinkes/simpus'))[0]?.revokedAt).toBeNull();
    });
  });
}
