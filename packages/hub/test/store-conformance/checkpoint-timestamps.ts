import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditSealer, AuditStore } from '../../src/store';
import { auditEntry } from './fixtures';

const sealer: AuditSealer = async (entries, previous) => {
  const number = (previous?.number ?? 0) + 1;
  return { number, jws: `checkpoint-${number}:${entries.map((e) => e.seq).join(',')}` };
};

/**
 * The time-stamp part of the Store conformance suite: a checkpoint keeps the first RFC 3161 token it is
 * given, and lists it.
 *
 * @param storeOf the store under test, fresh for each test (opened and closed by the suite).
 */
export function describeCheckpointTimestampConformance(storeOf: () => AuditStore): void {
  let store: AuditStore;
  beforeEach(() => {
    store = storeOf();
  });

  describe('checkpoint time-stamp tokens', () => {
    it('keeps the first token of a checkpoint, lists it, and refuses a checkpoint that does not exist', async () => {
      await store.appendAuditEntries([auditEntry(1)]);
      await store.sealAuditEntries(10, sealer);
      await store.appendAuditEntries([auditEntry(2)]);
      await store.sealAuditEntries(10, sealer);
      expect(await store.listAuditCheckpoints(0, 10)).toEqual([
        { number: 1, jws: 'checkpoint-1:1' },
        { number: 2, jws: 'checkpoint-2:2' },
      ]);
      expect(await store.putAuditCheckpointTimestamp(2, 'MIIBdA==')).toBe(true);
      expect(await store.putAuditCheckpointTimestamp(2, 'MIIBdB==')).toBe(false);
      expect(await store.putAuditCheckpointTimestamp(3, 'MIIBdA==')).toBe(false);
      expect(await store.listAuditCheckpoints(0, 10)).toEqual([
        { number: 1, jws: 'checkpoint-1:1' },
        { number: 2, jws: 'checkpoint-2:2', timestampToken: 'MIIBdA==' },
      ]);
      expect((await store.listAuditCheckpoints(0, 10))[0]).not.toHaveProperty('timestampToken');
    });
  });
}
