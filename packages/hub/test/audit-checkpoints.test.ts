// The audit log's signed checkpoints on a real SQLite file and a real PostgreSQL schema: every kind of
// tampering made directly in the database is detected and named (checkpoint and entry), with the public
// keys alone; receipts verify; the exported bundle verifies offline.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyReceipt } from '@tukar/client';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStoredAudit } from '../src/audit-log';
import { verifyAuditEvidence } from '../src/evidence/verify-audit-evidence';
import { openPostgresStore } from '../src/postgres-store';
import { openSqliteStore } from '../src/sqlite-store';
import type { Store } from '../src/store';
import { exampleContract, publishDataset, puskesmasRecords, startHub } from './hub-fixture';

/** Runs SQL on the database behind a store, as someone with access to the database (not the hub) would. */
interface DatabaseAccess {
  name: string;
  open(): Promise<Store>;
  exec(sql: string): Promise<void>;
  cleanup(): Promise<void>;
}

function sqliteAccess(): DatabaseAccess {
  const dir = mkdtempSync(join(tmpdir(), 'tukar-audit-'));
  const file = join(dir, 'hub.db');
  return {
    name: 'SQLite',
    open: () => openSqliteStore({ file }),
    async exec(sql) {
      const db = new Database(file);
      db.exec(sql);
      db.close();
    },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresAccess(url: string): DatabaseAccess {
  const schema = `tukar_audit_${process.pid}_${Date.now().toString(36)}`;
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return {
    name: 'PostgreSQL',
    open: () => openPostgresStore({ url, schema, poolSize: 2 }),
    async exec(sql) {
      await pool.query(`set search_path to "${schema}"; ${sql}`);
    },
    async cleanup() {
      await pool.query(`drop schema if exists "${schema}" cascade`);
      await pool.end();
    },
  };
}

const accesses = [sqliteAccess()];
if (process.env.TUKAR_TEST_PG_URL) accesses.push(postgresAccess(process.env.TUKAR_TEST_PG_URL));
else {
  describe.skip('PostgreSQL audit tampering (skipped: set TUKAR_TEST_PG_URL=postgres://user@127.0.0.1:5432/db)', () => {
    it('detects tampering', () => undefined);
  });
}

/** A copy of the audit tables to put back after each tampering. */
const SAVE =
  'create table audit_saved as select * from audit; create table checkpoints_saved as select * from audit_checkpoints;';
const RESTORE =
  'delete from audit; insert into audit select * from audit_saved; delete from audit_checkpoints; insert into audit_checkpoints select * from checkpoints_saved;';
const RESTORE_PG = RESTORE.replace(
  'insert into audit select',
  'insert into audit overriding system value select',
);

for (const access of accesses) {
  describe(`audit checkpoints on ${access.name}`, () => {
    let receipt: string;
    let jwks: unknown;
    afterAll(() => access.cleanup());

    beforeAll(async () => {
      // Four entries per checkpoint: twelve requests give three sealed checkpoints.
      const hub = await startHub({
        store: await access.open(),
        audit: { sealSize: 4, sealIntervalMs: false },
      });
      await publishDataset(hub.admin, await exampleContract('dinkes.puskesmas'));
      const pushed = await hub.admin.pushRecords('dinkes.puskesmas', puskesmasRecords(20));
      receipt = pushed.receipts[0] as string;
      await fetch(`${hub.url}/v1/meta/whoami`); // refused: 401, a read, buffered
      for (let i = 0; i < 12; i++) await hub.admin.unwrap(hub.admin.GET('/v1/meta/whoami'));
      expect((await hub.running.hub.sealAudit()).length).toBeGreaterThan(3);
      jwks = await (await fetch(`${hub.url}/.well-known/jwks.json`)).json();
      await hub.close();
      await hub.store.close();
      // Seal exactly the first twelve; anything after stays out of the checkpoints under test.
      await access.exec(
        `delete from audit where seq > 12; delete from audit_checkpoints where number > 3; ${SAVE}`,
      );
    });

    async function verification() {
      const store = await access.open();
      try {
        return await verifyStoredAudit(store);
      } finally {
        await store.close();
      }
    }

    async function tampered(sql: string) {
      await access.exec(sql);
      try {
        return await verification();
      } finally {
        await access.exec(access.name === 'PostgreSQL' ? RESTORE_PG : RESTORE);
      }
    }

    it("verifies the untouched log, and the batch's receipt with the published keys", async () => {
      expect(await verification()).toEqual({
        ok: true,
        checkpoints: 3,
        sealed: 12,
        unsealed: { count: 0, firstSeq: null, lastSeq: null },
        issues: [],
      });
      expect(await verifyReceipt(receipt, jwks)).toMatchObject({ ok: true });
    });

    it('names the entry whose content was edited', async () => {
      const result = await tampered('update audit set status = 200 where status = 401');
      expect(result.ok).toBe(false);
      expect(result.issues).toEqual([
        expect.objectContaining({
          code: 'entry_changed',
          checkpoint: expect.any(Number),
          seq: expect.any(Number),
        }),
      ]);
    });

    it('names the entry whose content and leaf hash were both rewritten', async () => {
      const result = await tampered(
        "update audit set client_id = 'someone/else', leaf_hash = 'ab' || substr(leaf_hash, 3) where seq = 6",
      );
      expect(result.issues.map((i) => [i.code, i.checkpoint, i.seq])).toEqual([['entry_changed', 2, 6]]);
    });

    it('names a deleted entry', async () => {
      const result = await tampered('delete from audit where seq = 5');
      expect(result.issues.map((i) => [i.code, i.checkpoint, i.seq])).toEqual([['entry_missing', 2, 5]]);
    });

    it('names an inserted entry', async () => {
      const result = await tampered(
        "insert into audit (seq, at, request_id, client_id, method, path, dataset_id, status, body_sha256, leaf_hash, checkpoint) select 13, at, 'forged', client_id, method, path, dataset_id, status, body_sha256, leaf_hash, 2 from audit where seq = 5",
      );
      expect(result.issues.map((i) => [i.code, i.checkpoint, i.seq])).toEqual([['entry_inserted', 2, 13]]);
    });

    it('names two entries swapped in order', async () => {
      const result = await tampered(
        'update audit set seq = 1000 where seq = 9; update audit set seq = 9 where seq = 10; update audit set seq = 10 where seq = 1000',
      );
      expect(result.issues.map((i) => [i.code, i.checkpoint, i.seq])).toEqual([
        ['entry_moved', 3, 9],
        ['entry_moved', 3, 10],
      ]);
    });

    it('names every entry of a truncated tail, and a deleted newest checkpoint its entries still name', async () => {
      const tail = await tampered('delete from audit where seq > 10');
      expect(tail.issues.map((i) => [i.code, i.checkpoint, i.seq])).toEqual([
        ['entry_missing', 3, 11],
        ['entry_missing', 3, 12],
      ]);
      const checkpoint = await tampered('delete from audit_checkpoints where number = 3');
      expect(checkpoint.issues.map((i) => [i.code, i.checkpoint])).toEqual(
        Array.from({ length: 4 }, () => ['checkpoint_missing', 3]),
      );
    });

    it('names an edited checkpoint, and a deleted one in the middle', async () => {
      // One character of the payload changed (the signature is the last 86 characters).
      const edited = await tampered(
        "update audit_checkpoints set jws = substr(jws, 1, length(jws) - 101) || case when substr(jws, length(jws) - 100, 1) = 'A' then 'B' else 'A' end || substr(jws, length(jws) - 99) where number = 2",
      );
      expect(edited.issues.map((i) => [i.code, i.checkpoint])).toEqual([['bad_signature', 2]]);
      const removed = await tampered('delete from audit_checkpoints where number = 2');
      expect(removed.issues.map((i) => [i.code, i.checkpoint])).toContainEqual(['checkpoint_missing', 2]);
      expect(removed.ok).toBe(false);
    });
  });
}

describe('the exported evidence bundle', () => {
  it('verifies offline with its own keys, and names the entry or checkpoint where a byte was flipped', async () => {
    const hub = await startHub({ audit: { sealSize: 5, sealIntervalMs: false } });
    try {
      await publishDataset(hub.admin, await exampleContract('dinkes.puskesmas'));
      for (let i = 0; i < 4; i++) await hub.admin.pushRecords('dinkes.puskesmas', puskesmasRecords(5, i * 5));
      await hub.admin.unwrap(hub.admin.POST('/v1/audit/checkpoints'));
      const bundle = await hub.admin.unwrap(hub.admin.GET('/v1/audit/export'));
      const verified = await verifyAuditEvidence(bundle);
      expect(verified).toMatchObject({ ok: true, issues: [] });
      expect(verified.checkpoints).toBeGreaterThanOrEqual(2);

      // A flipped character in an entry's path, in a checkpoint's JWS.
      const entry = bundle.entries[2];
      const changed = structuredClone(bundle);
      (changed.entries[2] as typeof entry & object).path = `${entry?.path}x`;
      expect((await verifyAuditEvidence(changed)).issues).toEqual([
        expect.objectContaining({ code: 'entry_changed', seq: entry?.seq, checkpoint: 1 }),
      ]);
      const jws = structuredClone(bundle);
      const cp = jws.checkpoints[1] as { jws: string };
      const at = cp.jws.length - 101; // in the payload: the signature is the last 86 characters
      cp.jws = cp.jws.slice(0, at) + (cp.jws[at] === 'a' ? 'b' : 'a') + cp.jws.slice(at + 1);
      expect((await verifyAuditEvidence(jws)).issues).toContainEqual(
        expect.objectContaining({ code: 'bad_signature', checkpoint: 2 }),
      );
    } finally {
      await hub.close();
    }
  });
});
