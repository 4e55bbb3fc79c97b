import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/sqlite-store';
import { migrateBefore, oldIntegration } from './migrate-up-to';
import { dataset, describeStoreConformance, integration } from './store-conformance';

const dir = mkdtempSync(join(tmpdir(), 'tukar-sqlite-store-'));
let opened = 0;
const nextFile = () => join(dir, `store-${++opened}.db`);

describeStoreConformance('SQLite store', () => openSqliteStore({ file: nextFile() }));
describeStoreConformance('SQLite store in memory', () => openSqliteStore({ file: ':memory:' }));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reads the file with a connection of its own, as an operator's `sqlite3` would. */
/** Makes the integrations of `db` what a @tukar/hub before migration 0008 wrote: a state, not a step. */
function undoIntegrationSteps(db: Database.Database, states: Record<string, string>): void {
  for (const { id, body } of db.prepare('select id, body from integrations').all() as Array<{
    id: string;
    body: string;
  }>) {
    const { step: _step, ended: _ended, stepSince, history, ...earlier } = JSON.parse(body);
    const old = { ...earlier, state: states[id] ?? 'requested', stateSince: stepSince, history };
    db.prepare('update integrations set body = ? where id = ?').run(JSON.stringify(old), id);
  }
  db.exec('drop index integrations_by_step');
  db.exec('alter table integrations drop column step');
  db.exec("alter table integrations add column state text not null default 'requested'");
  for (const [id, state] of Object.entries(states))
    db.prepare('update integrations set state = ? where id = ?').run(state, id);
  db.exec('create index integrations_by_state on integrations (state, created_at, id)');
  db.exec('alter table clients drop column person');
  db.exec("delete from tukar_migration where name >= '0008'");
}

function inspect<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('SQLite store file', () => {
  it('creates the file and its missing directories, in WAL mode', async () => {
    const file = join(dir, 'nested', 'deeper', 'hub.db');
    const store = await openSqliteStore({ file });
    await store.ping();
    await store.close();
    expect(existsSync(file)).toBe(true);
    expect(inspect(file, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  it('keeps everything across close and reopen, without running the migrations again', async () => {
    const file = nextFile();
    const first = await openSqliteStore({ file });
    await first.createDataset(dataset('dinkes.puskesmas'));
    await first.applyBatch({
      datasetId: 'dinkes.puskesmas',
      at: '2026-11-01T08:00:00.000Z',
      upserts: [
        { key: 'P001', json: '{"kode":"P001"}' },
        { key: 'P002', json: '{"kode":"P002"}' },
      ],
      deletes: [],
      idempotency: {
        scope: 'c1 dinkes.puskesmas',
        key: 'k1',
        requestHash: 'h1',
      },
    });
    await first.createAttachment(
      {
        id: 'att-1',
        integrationId: 'int-1',
        kind: 'document',
        name: 'ba.pdf',
        mediaType: 'application/pdf',
        size: 3,
        sha256: 'a'.repeat(64),
        createdAt: '2026-11-01T08:00:00.000Z',
        createdBy: 'admin',
      },
      new Uint8Array([0, 255, 7]),
    );
    await first.close();
    const recorded = () => inspect(file, (db) => db.prepare('select name from tukar_migration').all());
    const migrationsAfterFirstOpen = recorded();

    const second = await openSqliteStore({ file });
    expect(await second.getDataset('dinkes.puskesmas')).toMatchObject({ lastSeq: 2, recordCount: 2 });
    expect((await second.listRecords('dinkes.puskesmas', { limit: 10 })).map((r) => r.key)).toEqual([
      'P001',
      'P002',
    ]);
    expect((await second.getIdempotencyRecord('c1 dinkes.puskesmas', 'k1'))?.requestHash).toBe('h1');
    expect([...((await second.getAttachment('int-1', 'att-1'))?.content ?? [])]).toEqual([0, 255, 7]);
    // Sequences go on from where they were.
    const next = await second.applyBatch({
      datasetId: 'dinkes.puskesmas',
      at: '2026-11-01T09:00:00.000Z',
      upserts: [{ key: 'P003', json: '{"kode":"P003"}' }],
      deletes: ['P001'],
    });
    expect(next).toMatchObject({ counts: { created: 1, deleted: 1, seq: 4 } });
    await second.close();
    expect(recorded()).toEqual(migrationsAfterFirstOpen);
    expect(migrationsAfterFirstOpen).toEqual([
      { name: '0001_initial' },
      { name: '0002_hub_secrets' },
      { name: '0003_idempotency_receipt' },
      { name: '0004_audit_checkpoints' },
      { name: '0006_integration_procedure' },
      { name: '0007_hub_settings' },
      { name: '0008_integration_steps' },
      { name: '0009_client_signing_keys' },
      { name: '0010_checkpoint_timestamps' },
    ]);
  });

  it('lets several processes open one new file at the same moment (the one that migrates second finds the schema made)', async () => {
    const storeModule = fileURLToPath(new URL('../src/sqlite-store.ts', import.meta.url));
    // Each process loads the store, says "ready", then opens each file it is sent (one per line) at once
    // with the others. Several new files: switching a new file to WAL was refused now and then, as
    // "database is locked", when another process held it.
    const script = `
      const { openSqliteStore } = await import(${JSON.stringify(storeModule)});
      const { createInterface } = await import('node:readline');
      process.stdout.write('ready\\n');
      for await (const file of createInterface({ input: process.stdin })) {
        try {
          const store = await openSqliteStore({ file });
          await store.close();
          process.stdout.write('opened\\n');
        } catch (error) {
          process.stdout.write('failed: ' + error.message + '\\n');
        }
      }
      process.exit(0);`;
    const children = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    const lines = children.map((child) => {
      const reader = createInterface({ input: child.stdout });
      const next = () => new Promise<string>((resolve) => reader.once('line', resolve));
      return next;
    });
    const readyLines = await Promise.all(lines.map((next) => next()));
    expect(readyLines).toEqual(['ready', 'ready', 'ready', 'ready']);
    const outcomes: string[][] = [];
    for (let round = 0; round < 8; round++) {
      const file = nextFile();
      const opened = Promise.all(lines.map((next) => next()));
      for (const child of children) child.stdin.write(`${file}\n`);
      outcomes.push(await opened);
    }
    for (const child of children) child.stdin.end();
    expect(outcomes).toEqual(Array.from({ length: 8 }, () => ['opened', 'opened', 'opened', 'opened']));
  }, 60_000); // four processes loading TypeScript: a guard, not a measurement

  it('pins integrations opened before migration 0006 to the default procedure, ciamis@1.0.0', async () => {
    const file = nextFile();
    const first = await openSqliteStore({ file });
    await first.createIntegration(
      integration('int-old', { procedureId: 'sragen', procedureVersion: '2.0.0' }),
    );
    await first.close();
    // Make the file what an earlier @tukar/hub left: no procedure columns, no procedure in the row's JSON.
    inspect(file, (db) => {
      undoIntegrationSteps(db, { 'int-old': 'requested' });
      const { body } = db.prepare("select body from integrations where id = 'int-old'").get() as {
        body: string;
      };
      const { procedureId: _id, procedureVersion: _version, ...earlier } = JSON.parse(body);
      db.prepare("update integrations set body = ? where id = 'int-old'").run(JSON.stringify(earlier));
      db.exec('alter table integrations drop column procedure_id');
      db.exec('alter table integrations drop column procedure_version');
      // …and none of the migrations after it (0007 made the settings table, 0009 the clients' signing keys, 0010 the checkpoints' time-stamps).
      db.exec("delete from tukar_migration where name >= '0006'");
      db.exec('drop table hub_settings');
      db.exec('drop table client_signing_keys');
      db.exec('alter table audit drop column origin_signature');
      db.exec('alter table audit_checkpoints drop column timestamp_token');
    });
    const second = await openSqliteStore({ file });
    try {
      expect(await second.getIntegration('int-old')).toMatchObject({
        id: 'int-old',
        procedureId: 'ciamis',
        procedureVersion: '1.0.0',
      });
    } finally {
      await second.close();
    }
  });

  it('moves integrations of the old twelve-state table to step numbers (migration 0008), history included', async () => {
    const file = nextFile();
    // The file as the @tukar/hub before 0008 left it, with integrations in the old states.
    const earlier = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(file) }) });
    try {
      await migrateBefore(earlier, 'sqlite', '0008');
      const returned = [
        {
          at: '2026-01-05T02:00:00.000Z',
          action: 'dispose',
          fromState: 'requested',
          toState: 'disposed',
          step: 1,
          actor: 'adm',
        },
        {
          at: '2026-01-06T02:00:00.000Z',
          action: 'return',
          fromState: 'under-evaluation',
          toState: 'returned',
          step: 3,
          actor: 'adm',
          output: { reason: 'x' },
        },
      ];
      const rows = [
        oldIntegration('int-req', 'requested'),
        oldIntegration('int-ret', 'returned', returned),
        oldIntegration('int-val', 'validated'),
        oldIntegration('int-done', 'completed'),
      ];
      await (earlier as Kysely<{ integrations: (typeof rows)[number] }>)
        .insertInto('integrations')
        .values(rows)
        .execute();
    } finally {
      await earlier.destroy();
    }
    const store = await openSqliteStore({ file });
    try {
      const ids = ['int-req', 'int-ret', 'int-val', 'int-done'];
      const steps = await Promise.all(ids.map((id) => store.getIntegration(id)));
      expect(steps.map((row) => [row?.id, row?.step, row?.ended, row?.stepSince])).toEqual([
        ['int-req', 1, false, '2026-01-05T02:00:00.000Z'],
        ['int-ret', 2, false, '2026-01-05T02:00:00.000Z'],
        ['int-val', 9, false, '2026-01-05T02:00:00.000Z'],
        ['int-done', 12, true, '2026-01-05T02:00:00.000Z'],
      ]);
      expect(steps[1]).not.toHaveProperty('state');
      expect(steps[1]?.history).toEqual([
        {
          at: '2026-01-05T02:00:00.000Z',
          when: 'done',
          step: 1,
          to: 2,
          actor: 'adm',
          procedureRole: 'administrator',
          output: { action: 'dispose' },
        },
        {
          at: '2026-01-06T02:00:00.000Z',
          when: 'return',
          step: 3,
          to: 2,
          actor: 'adm',
          procedureRole: 'tim-teknis',
          output: { reason: 'x', action: 'return' },
        },
      ]);
      expect((await store.listIntegrations({ limit: 10, step: 12 })).map((row) => row.id)).toEqual([
        'int-done',
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses a file migrated by a newer @tukar/hub, and leaves it as it was', async () => {
    const file = nextFile();
    const store = await openSqliteStore({ file });
    await store.createDataset(dataset('ds'));
    await store.close();
    inspect(file, (db) =>
      db
        .prepare('insert into tukar_migration (name, timestamp) values (?, ?)')
        .run('0099_future', '2030-01-01'),
    );
    await expect(openSqliteStore({ file })).rejects.toThrow(
      new RegExp(
        `^Cannot open the SQLite store at ${escapeRegExp(file)}: .*schema version 0099_future, newer than`,
      ),
    );
    expect(inspect(file, (db) => db.prepare('select id from datasets').all())).toEqual([{ id: 'ds' }]);
  });

  it('refuses a file that is not a SQLite database, naming it', async () => {
    const file = join(dir, 'notes.db');
    writeFileSync(file, 'these are my notes, not a database '.repeat(50));
    await expect(openSqliteStore({ file })).rejects.toThrow(
      new RegExp(`^Cannot open the SQLite store at ${escapeRegExp(file)}: file is not a database`),
    );
  });

  it('says where when the directory cannot be created', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    const file = join(blocker, 'hub.db');
    await expect(openSqliteStore({ file })).rejects.toThrow(
      new RegExp(`^Cannot open the SQLite store at ${escapeRegExp(file)}: .*(ENOTDIR|EEXIST)`),
    );
  });

  it('refuses a second open of a file this process has open, and allows it after close', async () => {
    const file = nextFile();
    const store = await openSqliteStore({ file });
    await expect(openSqliteStore({ file })).rejects.toThrow(/already open in this process/);
    await store.close();
    const again = await openSqliteStore({ file });
    await again.close();
  });

  it('refuses malformed options with the option named', async () => {
    await expect(openSqliteStore({ file: '' })).rejects.toThrow(/`file` must be a file path or ':memory:'/);
    await expect(openSqliteStore({ file: undefined as unknown as string })).rejects.toThrow(/`file`/);
    await expect(openSqliteStore({ file: nextFile(), busyTimeoutMs: -1 })).rejects.toThrow(/`busyTimeoutMs`/);
  });

  it('names the file and the method when a call fails', async () => {
    const file = nextFile();
    const store = await openSqliteStore({ file });
    await store.createDataset(dataset('ds'));
    // Break the schema behind the store's back: the error says which store and which call.
    inspect(file, (db) => db.exec('drop table records'));
    await expect(store.listRecords('ds', { limit: 1 })).rejects.toThrow(
      new RegExp(`^The SQLite store at ${escapeRegExp(file)} failed in listRecords: no such table: records`),
    );
    await store.close();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
