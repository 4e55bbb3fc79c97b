// Migration 0004 on a database of the hash-chained audit log: every old entry keeps its number and gets
// its leaf hash; the first seal after the upgrade puts them in checkpoint 1, and the log verifies; new
// entries follow the old numbers (SQLite and PostgreSQL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { verifyStoredAudit } from '../src/audit-log';
import {
  hubMigrations,
  MIGRATION_LOCK_TABLE,
  MIGRATION_TABLE,
  type SqlDialectName,
} from '../src/kysely/migrations';
import { openPostgresStore } from '../src/postgres-store';
import { openSqliteStore } from '../src/sqlite-store';
import type { Store } from '../src/store';
import { startHub } from './hub-fixture';

/** The schema as version 0003 left it, with `count` chained audit entries. */
async function olderDatabase(
  db: Kysely<unknown>,
  dialect: SqlDialectName,
  count: number,
  schema?: string,
): Promise<void> {
  const all = hubMigrations(dialect);
  const older = Object.fromEntries(Object.entries(all).filter(([name]) => name < '0004'));
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => older },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(schema !== undefined && { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
  const rows = Array.from({ length: count }, (_, i) => ({
    seq: i + 1,
    at: `2025-03-10T01:${String(i % 60).padStart(2, '0')}:00.000Z`,
    request_id: `old-${i + 1}`,
    client_id: i % 2 ? 'ciamis/dinkes/simpus' : null,
    method: i % 2 ? 'POST' : 'GET',
    path: '/v1/datasets/dinkes.puskesmas/records',
    dataset_id: 'dinkes.puskesmas',
    status: 200,
    body_sha256: null,
    prev_hash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  }));
  await (db as Kysely<{ audit: (typeof rows)[number] }>).insertInto('audit').values(rows).execute();
}

async function expectUpgraded(open: () => Promise<Store>): Promise<void> {
  const store = await open();
  const before = await verifyStoredAudit(store);
  expect(before).toMatchObject({
    ok: true,
    checkpoints: 0,
    unsealed: { count: 1200, firstSeq: 1, lastSeq: 1200 },
  });
  const old = await store.listAudit(0, 2000);
  expect(old.map((e) => e.requestId)).toEqual(Array.from({ length: 1200 }, (_, i) => `old-${i + 1}`));
  await store.close();

  const hub = await startHub({ store: await open(), audit: { sealIntervalMs: false } });
  try {
    await hub.admin.unwrap(hub.admin.POST('/v1/audit/checkpoints'));
    const verified = await hub.admin.unwrap(hub.admin.GET('/v1/audit/verify'));
    expect(verified).toMatchObject({ ok: true, checkpoints: 2, issues: [] }); // 1,000 per checkpoint
    const entries = await hub.store.listAudit(1199, 10);
    expect(entries[0]).toMatchObject({ seq: 1200, requestId: 'old-1200', checkpoint: 2 });
    expect(entries[1]?.seq).toBe(1201); // the next id follows the old ones
  } finally {
    await hub.close();
  }
}

describe('migration 0004 on a hash-chained audit log', () => {
  it('keeps every SQLite entry and seals it into the first checkpoints', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tukar-upgrade-'));
    try {
      const file = join(dir, 'hub.db');
      const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(file) }) });
      await olderDatabase(db, 'sqlite', 1200);
      await db.destroy();
      await expectUpgraded(() => openSqliteStore({ file }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const url = process.env.TUKAR_TEST_PG_URL;
  it.skipIf(!url)(
    'keeps every PostgreSQL entry and seals it into the first checkpoints (needs TUKAR_TEST_PG_URL)',
    async () => {
      const schema = `tukar_upgrade_${process.pid}_${Date.now().toString(36)}`;
      const admin = new pg.Pool({ connectionString: url, max: 1 });
      await admin.query(`create schema "${schema}"`);
      try {
        const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
        const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
        await olderDatabase(db, 'postgres', 1200, schema);
        await db.destroy();
        await expectUpgraded(() => openPostgresStore({ url: url as string, schema }));
      } finally {
        await admin.query(`drop schema if exists "${schema}" cascade`);
        await admin.end();
      }
    },
  );
});
