// The audit log keeps no raw record key (a key may be a NIK): a request about a record is audited with the
// key's keyed digest, the same for the same key across restarts, so an administrator who knows a key can
// still find every request about it (auditKeyDigest).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type AuditRow, auditKeyDigest } from '../src/index';
import { openPostgresStore } from '../src/postgres-store';
import { openSqliteStore } from '../src/sqlite-store';
import { publishDataset, startHub, type TestHub } from './hub-fixture';
import { SENTINEL_NIKS, WARGA, wargaContract, wargaRecord } from './pii-contract';

const dir = mkdtempSync(join(tmpdir(), 'tukar-audit-digest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function request(hub: TestHub, method: string, key: string): Promise<number> {
  const response = await fetch(`${hub.url}/v1/datasets/${WARGA}/records/${encodeURIComponent(key)}`, {
    method,
    headers: { authorization: `Bearer ${hub.adminKey}` },
  });
  await response.arrayBuffer();
  return response.status;
}

async function auditOf(hub: TestHub): Promise<AuditRow[]> {
  await hub.running.hub.sealAudit(); // writes the buffered entries of reads
  const page = await hub.admin.unwrap(
    hub.admin.GET('/v1/audit', { params: { query: { since: 0, limit: 1000 } } }),
  );
  return page.items;
}

describe('record keys in the audit log', () => {
  it('keeps a keyed digest of the key, the same for the same key after a restart, never the NIK itself', async () => {
    const file = join(dir, 'hub.db');
    const [nikA, nikB] = SENTINEL_NIKS;
    const first = await startHub({ store: await openSqliteStore({ file }) });
    let digestA: string;
    try {
      await publishDataset(first.admin, await wargaContract());
      await first.admin.pushRecords(WARGA, [wargaRecord(nikA), wargaRecord(nikB)]);
      expect(await request(first, 'GET', nikA)).toBe(200);
      expect(await request(first, 'GET', nikB)).toBe(200);
      expect(await request(first, 'DELETE', nikA)).toBe(200);
      expect(await request(first, 'GET', nikA)).toBe(404);

      digestA = await auditKeyDigest(first.store, nikA);
      const digestB = await auditKeyDigest(first.store, nikB);
      expect(digestA).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
      expect(digestB).not.toBe(digestA);
      // Keyed: not the plain SHA-256 of the key, which anyone could compute for every possible NIK.
      expect(digestA).not.toContain(createHash('sha256').update(nikA).digest('hex'));

      const audit = await auditOf(first);
      expect(JSON.stringify(audit)).not.toContain(nikA);
      expect(JSON.stringify(audit)).not.toContain(nikB);
      const about = (digest: string) =>
        audit
          .filter((entry) => entry.path === `/v1/datasets/${WARGA}/records/${digest}`)
          .map((entry) => `${entry.method} ${entry.status}`);
      // Reads are written after the delete (buffered): the log holds all three, numbered as written.
      expect(about(digestA).sort()).toEqual(['DELETE 200', 'GET 200', 'GET 404']);
      expect(about(digestB)).toEqual(['GET 200']);
    } finally {
      await first.close();
      await first.store.close();
    }

    // A restart on the same file keeps the secret: the same key gets the same digest.
    const second = await startHub({ store: await openSqliteStore({ file }) });
    try {
      expect(await request(second, 'GET', nikA)).toBe(404);
      expect(await auditKeyDigest(second.store, nikA)).toBe(digestA);
      const last = (await auditOf(second)).at(-1);
      expect(last).toMatchObject({
        method: 'GET',
        status: 404,
        path: `/v1/datasets/${WARGA}/records/${digestA}`,
      });
      const verified = await second.admin.unwrap(second.admin.GET('/v1/audit/verify'));
      expect(verified).toMatchObject({ ok: true, issues: [] });
    } finally {
      await second.close();
      await second.store.close();
    }
  });

  it('gives two hubs (two secrets) different digests for one key', async () => {
    const [one, two] = [await startHub(), await startHub()];
    try {
      const nik = SENTINEL_NIKS[2];
      expect(await auditKeyDigest(one.store, nik)).not.toBe(await auditKeyDigest(two.store, nik));
    } finally {
      await one.close();
      await two.close();
    }
  });

  it.runIf(process.env.TUKAR_TEST_PG_URL)(
    'keeps one secret for every hub instance on one PostgreSQL schema',
    async () => {
      const url = process.env.TUKAR_TEST_PG_URL as string;
      const schema = `tukar_audit_digest_${process.pid}_${Date.now()}`;
      const [one, two] = [await openPostgresStore({ url, schema }), await openPostgresStore({ url, schema })];
      try {
        const nik = SENTINEL_NIKS[3];
        const [first, second] = await Promise.all([auditKeyDigest(one, nik), auditKeyDigest(two, nik)]);
        expect(first).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
        expect(second).toBe(first);
      } finally {
        await one.close();
        await two.close();
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`drop schema if exists "${schema}" cascade`);
        await client.end();
      }
    },
  );
});
