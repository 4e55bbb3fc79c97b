// Sealing cost per 1,000 audit entries: one signed checkpoint (Merkle root over the leaf hashes, Ed25519
// JWS, the entries marked) on top of writing those 1,000 entries, against writing them alone (SQLite). Part of hub.bench.ts; runs alone
// with `node --import tsx bench/audit-sealing.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditLeafHash, createMemoryStore } from '@tukar/hub';
import { openSqliteStore } from '@tukar/hub/node';
import { AuditSealer } from '../packages/hub/src/evidence/audit-sealer';
import { loadSigningKey } from '../packages/hub/src/evidence/signing-keys';
import { type Comparison, compare } from './harness';

const ENTRIES = 1_000;

export async function benchAuditSealing(): Promise<Comparison> {
  const dir = mkdtempSync(join(tmpdir(), 'tukar-seal-bench-'));
  const store = await openSqliteStore({ file: join(dir, 'hub.db') });
  const signing = await loadSigningKey(createMemoryStore(), undefined, new Date());
  const sealer = new AuditSealer(
    store,
    () => signing,
    () => new Date(),
    { intervalMs: false, size: ENTRIES },
  );
  let n = 0;
  const entries = async () =>
    Promise.all(
      Array.from({ length: ENTRIES }, async () => {
        const content = {
          at: new Date().toISOString(),
          requestId: `bench-${++n}`,
          clientId: 'ciamis/dinkes/simpus',
          method: 'GET',
          path: '/v1/datasets/dinkes.puskesmas/changes',
          datasetId: 'dinkes.puskesmas',
          status: 200,
          bodySha256: null,
        };
        return { ...content, leafHash: await auditLeafHash(content) };
      }),
    );
  try {
    // Both sides write 1,000 entries; the candidate then seals them: the difference is the sealing.
    return await compare(
      `writing ${ENTRIES.toLocaleString('en')} audit entries and sealing them vs writing them (SQLite)`,
      {
        rounds: 20,
        baseline: async () => {
          await store.appendAuditEntries(await entries());
        },
        candidate: async () => {
          await store.appendAuditEntries(await entries());
          await sealer.seal();
        },
      },
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printComparisons } = await import('./harness');
  printComparisons([await benchAuditSealing()]);
}
