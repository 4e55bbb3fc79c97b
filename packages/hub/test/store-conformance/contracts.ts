import { beforeEach, describe, expect, it } from 'vitest';
import type { ContractStore } from '../../src/store';
import { at, contractVersion, sha, sorted, T0 } from './fixtures';

/**
 * The contracts part of the Store conformance suite: versions, compare-and-set, status and ids.
 *
 * @param storeOf the store under test, fresh for each test (opened and closed by the suite).
 */
export function describeContractStoreConformance(storeOf: () => ContractStore): void {
  let store: ContractStore;
  beforeEach(() => {
    store = storeOf();
  });

  describe('contract versions', () => {
    it('stores a version and returns it as given', async () => {
      const row = contractVersion('dinkes.puskesmas', '1.0.0');
      expect(await store.putContractVersion(row, null)).toBe(true);
      expect(await store.getContractVersion('dinkes.puskesmas', '1.0.0')).toEqual(row);
      expect(await store.getContractVersion('dinkes.puskesmas', '2.0.0')).toBeUndefined();
      expect(await store.getContractVersion('dinkes.other', '1.0.0')).toBeUndefined();
    });

    it('refuses to insert a version twice and keeps the first', async () => {
      const first = contractVersion('dinkes.puskesmas', '1.0.0');
      await store.putContractVersion(first, null);
      expect(await store.putContractVersion({ ...first, sha256: sha(2) }, null)).toBe(false);
      expect(await store.getContractVersion('dinkes.puskesmas', '1.0.0')).toEqual(first);
    });

    it('lists versions in publishing order, not version order', async () => {
      for (const version of ['1.0.0', '0.9.0', '2.0.0', '1.10.0']) {
        await store.putContractVersion(contractVersion('dinkes.puskesmas', version), null);
      }
      await store.putContractVersion(contractVersion('dinkes.other', '1.0.0'), null);
      const versions = await store.listContractVersions('dinkes.puskesmas');
      expect(versions.map((v) => v.version)).toEqual(['1.0.0', '0.9.0', '2.0.0', '1.10.0']);
      expect(await store.listContractVersions('dinkes.none')).toEqual([]);
    });

    it('replaces a draft only when the stored SHA-256 is the expected one (compare-and-set)', async () => {
      await store.putContractVersion(contractVersion('c.a', '1.0.0'), null);
      await store.putContractVersion(contractVersion('c.a', '1.1.0'), null);
      const replacement = contractVersion('c.a', '1.0.0', { sha256: sha(2), publishedAt: at(5) });
      replacement.document.title = 'Daftar Puskesmas (revisi)';
      expect(await store.putContractVersion(replacement, sha(9))).toBe(false);
      expect((await store.getContractVersion('c.a', '1.0.0'))?.sha256).toBe(sha(1));
      expect(await store.putContractVersion(replacement, sha(1))).toBe(true);
      expect(await store.getContractVersion('c.a', '1.0.0')).toEqual(replacement);
      // The replaced version keeps its place in publishing order.
      expect((await store.listContractVersions('c.a')).map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
      // The old SHA-256 no longer matches.
      expect(
        await store.putContractVersion(contractVersion('c.a', '1.0.0', { sha256: sha(3) }), sha(1)),
      ).toBe(false);
    });

    it('never replaces a version that is no longer a draft, nor one that does not exist', async () => {
      await store.putContractVersion(contractVersion('c.a', '1.0.0', { status: 'agreed' }), null);
      expect(
        await store.putContractVersion(contractVersion('c.a', '1.0.0', { sha256: sha(2) }), sha(1)),
      ).toBe(false);
      expect((await store.getContractVersion('c.a', '1.0.0'))?.sha256).toBe(sha(1));
      expect(await store.putContractVersion(contractVersion('c.a', '9.0.0'), sha(1))).toBe(false);
      expect(await store.getContractVersion('c.a', '9.0.0')).toBeUndefined();
    });

    it('changes a status only from the expected one', async () => {
      await store.putContractVersion(contractVersion('c.a', '1.0.0'), null);
      expect(await store.setContractVersionStatus('c.a', '1.0.0', 'agreed', 'deprecated', at(3))).toBe(false);
      expect(await store.setContractVersionStatus('c.a', '1.0.0', 'draft', 'agreed', at(3))).toBe(true);
      const row = await store.getContractVersion('c.a', '1.0.0');
      expect(row?.status).toBe('agreed');
      expect(row?.statusChangedAt).toBe(at(3));
      expect(row?.publishedAt).toBe(T0);
      expect(await store.setContractVersionStatus('c.a', '1.0.0', 'draft', 'agreed', at(4))).toBe(false);
      expect(await store.setContractVersionStatus('c.a', '2.0.0', 'draft', 'agreed', at(4))).toBe(false);
    });

    it('lists contract ids in ascending order, after a cursor, by status', async () => {
      const ids = ['dinkes.b', 'Dinkes.A', 'dinkes.a', 'dinkes-a', 'dinkes_a', 'bappeda.x'];
      for (const id of ids) await store.putContractVersion(contractVersion(id, '1.0.0'), null);
      await store.putContractVersion(contractVersion('dinkes.b', '2.0.0'), null);
      await store.setContractVersionStatus('dinkes.a', '1.0.0', 'draft', 'agreed', at(2));
      await store.setContractVersionStatus('dinkes.b', '2.0.0', 'draft', 'agreed', at(2));
      expect(await store.listContractIds({ limit: 100 })).toEqual(sorted(ids));
      expect(await store.listContractIds({ limit: 2 })).toEqual(sorted(ids).slice(0, 2));
      expect(await store.listContractIds({ after: 'dinkes-a', limit: 100 })).toEqual(
        sorted(ids).filter((id) => id > 'dinkes-a'),
      );
      expect(await store.listContractIds({ limit: 100, status: 'agreed' })).toEqual(['dinkes.a', 'dinkes.b']);
      expect(await store.listContractIds({ after: 'dinkes.a', limit: 100, status: 'agreed' })).toEqual([
        'dinkes.b',
      ]);
      expect(await store.listContractIds({ limit: 100, status: 'retired' })).toEqual([]);
    });
    it('hands out copies: changing a returned contract version or a stored input changes nothing stored', async () => {
      const version = contractVersion('c.a', '1.0.0');
      await store.putContractVersion(version, null);
      version.document.title = 'changed after put';
      const readVersion = await store.getContractVersion('c.a', '1.0.0');
      expect(readVersion?.document.title).toBe('Daftar Puskesmas');
      if (readVersion) {
        readVersion.document.primaryKey.push('mutated');
        readVersion.status = 'retired';
      }
      const listed = await store.listContractVersions('c.a');
      listed[0]?.document.primaryKey.push('mutated');
      expect(await store.getContractVersion('c.a', '1.0.0')).toEqual(contractVersion('c.a', '1.0.0'));
    });
  });
}
