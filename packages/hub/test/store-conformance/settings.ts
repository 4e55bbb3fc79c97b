import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store';

/**
 * The hub-settings part of the Store conformance suite: `writeSetting` sets, replaces and clears a named
 * value that `readSetting` reads back (maintenance mode, shared by every instance on one database).
 *
 * @param storeOf the store under test, fresh for each test (opened and closed by the suite).
 */
export function describeSettingsConformance(
  storeOf: () => Pick<Store, 'readSetting' | 'writeSetting'>,
): void {
  let store: Pick<Store, 'readSetting' | 'writeSetting'>;
  beforeEach(() => {
    store = storeOf();
  });

  describe('hub settings', () => {
    it('sets, replaces and clears a setting, leaving the others alone', async () => {
      expect(await store.readSetting('maintenance')).toBeUndefined();
      await store.writeSetting('maintenance', '{"reason":"upgrade"}');
      await store.writeSetting('other', 'kept');
      expect(await store.readSetting('maintenance')).toBe('{"reason":"upgrade"}');
      await store.writeSetting('maintenance', '{"reason":"restore"}');
      expect(await store.readSetting('maintenance')).toBe('{"reason":"restore"}');
      await store.writeSetting('maintenance', undefined);
      expect(await store.readSetting('maintenance')).toBeUndefined();
      await store.writeSetting('maintenance', undefined); // clearing an unset setting is no error
      expect(await store.readSetting('other')).toBe('kept');
    });
  });
}
