import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store';

/**
 * The hub-secrets part of the Store conformance suite: `keepSecret` keeps the first value stored under a
 * name, and `listSecrets` reads those of a prefix in name order (the signing-key history).
 *
 * @param storeOf the store under test, fresh for each test (opened and closed by the suite).
 */
export function describeSecretsConformance(storeOf: () => Pick<Store, 'keepSecret' | 'listSecrets'>): void {
  let store: Pick<Store, 'keepSecret' | 'listSecrets'>;
  beforeEach(() => {
    store = storeOf();
  });

  describe('hub secrets', () => {
    it('keeps the first value stored under a name, and lists a prefix in name order', async () => {
      expect(await store.listSecrets('signing-key/')).toEqual([]);
      expect(await store.keepSecret('signing-key/b', 'second')).toBe('second');
      expect(await store.keepSecret('signing-key/b', 'other')).toBe('second');
      await store.keepSecret('signing-key/a', 'first');
      await store.keepSecret('audit-record-key', 'not listed');
      await store.keepSecret('signing-key', 'no slash, not listed');
      expect(await store.listSecrets('signing-key/')).toEqual([
        { name: 'signing-key/a', value: 'first' },
        { name: 'signing-key/b', value: 'second' },
      ]);
    });
  });
}
