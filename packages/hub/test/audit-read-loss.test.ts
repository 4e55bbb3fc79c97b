// What a crash can lose of the audit log: the entries of reads are buffered and written off the request
// path, so a `tukar-hub` process killed (SIGKILL) right after answering reads loses at most the reads of
// the last flush interval (1 s; reads answered 2 s before are kept); stopped with SIGTERM it loses none.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyStoredAudit } from '../src/audit-log';
import { generateApiKey } from '../src/index';
import { openSqliteStore } from '../src/sqlite-store';
import { BinProcess } from './bin-process';

const dir = mkdtempSync(join(tmpdir(), 'tukar-read-loss-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const READS = 200;

async function readsThen(file: string, stop: (hub: BinProcess) => Promise<void>): Promise<number> {
  const adminKey = generateApiKey();
  const hub = await BinProcess.start(['--store', `sqlite:${file}`, '--rate-limit', '0'], {
    TUKAR_ADMIN_KEY: adminKey,
  });
  try {
    for (let i = 0; i < READS; i++) {
      // Halfway, a pause longer than the flush interval: the first half must be written by then.
      if (i === READS / 2) await new Promise((resolve) => setTimeout(resolve, 2_000));
      const answer = await fetch(`${hub.url}/v1/meta/whoami`, {
        headers: { authorization: `Bearer ${adminKey}`, 'x-request-id': `read-${i}` },
      });
      expect(answer.status).toBe(200);
    }
    await stop(hub);
  } finally {
    hub.kill();
  }
  const store = await openSqliteStore({ file });
  try {
    const entries = await store.listAudit(0, 10_000);
    expect(await verifyStoredAudit(store)).toMatchObject({ ok: true });
    const kept = new Set(entries.map((entry) => entry.requestId));
    for (let i = 0; i < READS / 2; i++) expect(kept.has(`read-${i}`), `read-${i}`).toBe(true);
    return entries.filter((entry) => entry.requestId.startsWith('read-')).length;
  } finally {
    await store.close();
  }
}

describe('audit entries of reads across a crash', () => {
  it('loses at most one flush of read entries to SIGKILL, and none to SIGTERM', async () => {
    const killed = await readsThen(join(dir, 'killed.db'), async (hub) => {
      hub.kill();
      await hub.exited;
    });
    const lost = READS - killed; // at most the reads of the last second (the second half here)
    expect(lost).toBeLessThanOrEqual(READS / 2);
    console.info(`SIGKILL right after ${READS} reads: ${lost} of their audit entries lost`);

    const stopped = await readsThen(join(dir, 'stopped.db'), async (hub) => {
      hub.child.kill('SIGTERM');
      expect((await hub.exited).code).toBe(0);
    });
    expect(stopped).toBe(READS);
  }, 120_000);
});
