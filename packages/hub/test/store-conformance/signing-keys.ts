import { beforeEach, describe, expect, it } from 'vitest';
import type { ClientSigningKeyRow, Store } from '../../src/store';
import { at, auditEntry, batch, dataset, storedAuditEntry, upsert } from './fixtures';

const X1 = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo';
const X2 = 'B4j2XyFf1tYH0c2K3nQ8pR7sU5vW9xZ1aB3cD5eF7gH';

const signingKey = (clientId: string, kid: string, overrides: Partial<ClientSigningKeyRow> = {}) => ({
  clientId,
  kid,
  jwk: { kty: 'OKP' as const, crv: 'Ed25519' as const, x: X1 },
  createdAt: at(1),
  ...overrides,
});

const SIGNATURE = 'eyJhbGciOiJFZERTQSIsImtpZCI6InNpbXB1cy0yMDI1In0..c2lnbmF0dXJl';

/**
 * The origin-signature part of the Store conformance suite: clients' signing keys (never replaced) and
 * the origin signature an audit entry keeps, written alone or with its batch.
 *
 * @param storeOf the store under test, fresh for each test (opened and closed by the suite).
 */
export function describeSigningKeyConformance(storeOf: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = storeOf();
  });

  describe('clients’ signing keys and origin signatures', () => {
    it('registers a key once per client and kid, and never replaces it', async () => {
      const key = signingKey('ciamis/dinkes/simpus', 'simpus-2025');
      expect(await store.putClientSigningKey(key)).toBe(true);
      expect(await store.putClientSigningKey({ ...key, jwk: { ...key.jwk, x: X2 } })).toBe(false);
      expect(await store.listClientSigningKeys('ciamis/dinkes/simpus')).toEqual([key]);
      expect(await store.listClientSigningKeys('nobody')).toEqual([]);
    });

    it('lists keys by client, then oldest first, then by kid; all clients without a client id', async () => {
      await store.putClientSigningKey(signingKey('c2', 'b', { createdAt: at(2) }));
      await store.putClientSigningKey(signingKey('c2', 'a', { createdAt: at(2) }));
      await store.putClientSigningKey(
        signingKey('c2', 'z', { createdAt: at(1), jwk: { kty: 'OKP', crv: 'Ed25519', x: X2 } }),
      );
      await store.putClientSigningKey(signingKey('c1', 'k'));
      expect((await store.listClientSigningKeys('c2')).map((k) => k.kid)).toEqual(['z', 'a', 'b']);
      expect((await store.listClientSigningKeys()).map((k) => `${k.clientId} ${k.kid}`)).toEqual([
        'c1 k',
        'c2 z',
        'c2 a',
        'c2 b',
      ]);
      expect((await store.listClientSigningKeys('c2'))[0]?.jwk).toEqual({
        kty: 'OKP',
        crv: 'Ed25519',
        x: X2,
      });
    });

    it('keeps an entry’s origin signature, and gives none to an entry without one', async () => {
      await store.appendAuditEntries([auditEntry(1, { originSignature: SIGNATURE }), auditEntry(2)]);
      const entries = await store.listAudit(0, 10);
      expect(entries).toEqual([storedAuditEntry(1, 1, { originSignature: SIGNATURE }), storedAuditEntry(2)]);
      expect(entries[1]).not.toHaveProperty('originSignature');
    });

    it('keeps the origin signature of a batch’s entry, written with the batch', async () => {
      await store.createDataset(dataset('ds'));
      const outcome = await store.applyBatch(
        batch('ds', {
          upserts: [upsert('a')],
          audit: auditEntry(7, { datasetId: 'ds', originSignature: SIGNATURE }),
        }),
      );
      expect(outcome.kind).toBe('applied');
      expect(await store.listAudit(0, 10)).toEqual([
        storedAuditEntry(1, 7, { datasetId: 'ds', originSignature: SIGNATURE }),
      ]);
    });
  });
}
