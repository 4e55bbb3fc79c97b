import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/postgres-store';
import type { BatchOutcome, Store } from '../src/store';
import { exampleContract, publishDataset, puskesmasRecords, startHub } from './hub-fixture';
import { migrateBefore, oldIntegration } from './migrate-up-to';
import { dataset, describeStoreConformance } from './store-conformance';

const url = process.env['TUKAR_TEST_PG_URL'];

if (!url) {
  describe.skip('PostgreSQL store (skipped: run with TUKAR_TEST_PG_URL=postgres://user@127.0.0.1:5432/db pnpm test)', () => {
    it('needs a PostgreSQL server', () => {});
  });
} else {
  describePostgresStore(url);
}

function describePostgresStore(url: string): void {
  // Every store the tests open gets a schema of its own under this run's prefix; afterAll drops them all.
  const prefix = `tukar_test_${process.pid}_${randomBytes(3).toString('hex')}`;
  let schemas = 0;
  const nextSchema = () => `${prefix}_${++schemas}`;

  async function withClient<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.end();
    }
  }

  /** Drops this run's schemas. */
  async function dropSchemas(): Promise<void> {
    await withClient(async (client) => {
      const { rows } = await client.query<{ name: string }>(
        'select nspname as name from pg_namespace where starts_with(nspname, $1)',
        [prefix],
      );
      for (const { name } of rows) await client.query(`drop schema "${name}" cascade`);
    });
  }

  afterAll(dropSchemas);

  // The suite opens a store per test and closes it after. All of them use one schema, emptied before each
  // open: the store's tables are truncated (identities restarted) and the migrations are not run again.
  let suiteSchema: string | undefined;
  describeStoreConformance('PostgreSQL store', async () => {
    if (suiteSchema === undefined) suiteSchema = nextSchema();
    else await truncateTables(suiteSchema);
    return openPostgresStore({ url, schema: suiteSchema, poolSize: 4 });
  });

  async function truncateTables(schema: string): Promise<void> {
    await withClient(async (client) => {
      const { rows } = await client.query<{ name: string }>(
        `select table_name as name from information_schema.tables
         where table_schema = $1 and table_name not like 'tukar_migration%'`,
        [schema],
      );
      const tables = rows.map(({ name }) => `"${schema}"."${name}"`).join(', ');
      await client.query(`truncate ${tables} restart identity`);
    });
  }

  describe('PostgreSQL store on a shared database', () => {
    it('lets two hub instances push to one dataset concurrently: sequences dense 1..N, none twice', async () => {
      const schema = nextSchema();
      const a = await openPostgresStore({ url, schema, poolSize: 4 });
      const b = await openPostgresStore({ url, schema, poolSize: 4 });
      try {
        await a.createDataset(dataset('dinkes.puskesmas'));
        const push = (store: Store, n: number) =>
          store.applyBatch({
            datasetId: 'dinkes.puskesmas',
            at: `2026-11-01T08:00:${String(n % 60).padStart(2, '0')}.000Z`,
            upserts: Array.from({ length: 25 }, (_, i) => ({
              // Half the keys are shared between batches, so batches update each other's records too.
              key: i % 2 === 0 ? `shared-${i}` : `own-${n}-${i}`,
              json: JSON.stringify({ batch: n, i }),
            })),
            deletes: n % 5 === 0 ? [`own-${n - 1}-1`] : [],
          });
        const outcomes = await Promise.all(
          Array.from({ length: 24 }, (_, n) => push(n % 2 === 0 ? a : b, n)),
        );
        expect(outcomes.every((o) => o.kind === 'applied')).toBe(true);
        const dataset_ = await a.getDataset('dinkes.puskesmas');
        const changes = await b.listChanges('dinkes.puskesmas', 0, 10_000);
        expect(changes.map((c) => c.seq)).toEqual(Array.from({ length: changes.length }, (_, i) => i + 1));
        expect(dataset_?.lastSeq).toBe(changes.length);
        // Each batch's sequence range is its own: the ends are distinct and every change is accounted for.
        const applied = outcomes.map((o) => (o as Extract<BatchOutcome, { kind: 'applied' }>).counts);
        expect(new Set(applied.map((c) => c.seq)).size).toBe(24);
        expect(applied.reduce((sum, c) => sum + c.created + c.updated + c.deleted, 0)).toBe(changes.length);
        const records = await a.listRecords('dinkes.puskesmas', { limit: 10_000 });
        expect(dataset_?.recordCount).toBe(records.length);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('answers one idempotency key once across instances, replaying for the others', async () => {
      const schema = nextSchema();
      const stores = [
        await openPostgresStore({ url, schema, poolSize: 3 }),
        await openPostgresStore({ url, schema, poolSize: 3 }),
      ];
      try {
        await stores[0]?.createDataset(dataset('ds'));
        const outcomes = await Promise.all(
          Array.from({ length: 6 }, (_, n) =>
            (stores[n % 2] as Store).applyBatch({
              datasetId: 'ds',
              at: '2026-11-01T08:00:00.000Z',
              upserts: [{ key: `k${n}`, json: '{}' }],
              deletes: [],
              idempotency: {
                scope: 'c1 ds',
                key: 'same',
                requestHash: `h${n}`,
              },
            }),
          ),
        );
        expect(outcomes.filter((o) => o.kind === 'applied')).toHaveLength(1);
        const stored = await stores[1]?.getIdempotencyRecord('c1 ds', 'same');
        for (const outcome of outcomes.filter((o) => o.kind === 'replay')) {
          expect(outcome).toEqual({ kind: 'replay', ...stored });
        }
        expect(await stores[0]?.getDataset('ds')).toMatchObject({ lastSeq: 1, recordCount: 1 });
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it('keeps one audit log across two hub instances, each push in it once, written with its batch', async () => {
      const schema = nextSchema();
      const hubs = [
        await startHub({ store: await openPostgresStore({ url, schema, poolSize: 4 }) }),
        await startHub({ store: await openPostgresStore({ url, schema, poolSize: 4 }) }),
      ] as const;
      try {
        await publishDataset(hubs[0].admin, await exampleContract('dinkes.puskesmas'));
        const before = (await hubs[0].store.listAudit(0, 10_000)).at(-1)?.seq ?? 0;
        const hubOf = (n: number) => hubs[n % 2] as (typeof hubs)[number];
        // Pushes (entry in the batch's transaction) and reads (entry after the answer) on both instances.
        await Promise.all([
          ...Array.from({ length: 12 }, (_, n) =>
            hubOf(n).admin.pushRecords('dinkes.puskesmas', puskesmasRecords(40, n * 40)),
          ),
          ...Array.from({ length: 12 }, (_, n) =>
            hubOf(n + 1).admin.unwrap(hubOf(n + 1).admin.GET('/v1/meta/whoami')),
          ),
        ]);
        await Promise.all(hubs.map((hub) => hub.running.hub.sealAudit()));
        expect(await hubs[1].admin.unwrap(hubs[1].admin.GET('/v1/audit/verify'))).toMatchObject({
          ok: true,
          issues: [],
        });
        const entries = (await hubs[0].store.listAudit(before, 1000)).filter(
          (e) => e.path !== '/v1/audit/verify',
        );
        const pushes = entries.filter(
          (e) => e.method === 'POST' && e.path === '/v1/datasets/dinkes.puskesmas/records',
        );
        expect(pushes.map((e) => e.status)).toEqual(Array(12).fill(200));
        expect(entries.filter((e) => e.path === '/v1/meta/whoami')).toHaveLength(12);
        expect(new Set(entries.map((e) => e.requestId)).size).toBe(entries.length);
        expect((await hubs[0].store.getDataset('dinkes.puskesmas'))?.recordCount).toBe(12 * 40);
      } finally {
        await Promise.all(hubs.map((hub) => hub.close()));
      }
    });

    it('stores every audit entry two instances append at once, each with its own id', async () => {
      const schema = nextSchema();
      const a = await openPostgresStore({ url, schema });
      const b = await openPostgresStore({ url, schema });
      try {
        const entry = (requestId: string) => ({
          at: '2026-11-01T08:00:00.000Z',
          requestId,
          clientId: null,
          method: 'GET',
          path: '/v1/health',
          datasetId: null,
          status: 200,
          bodySha256: null,
          leafHash: '1'.repeat(64),
        });
        await Promise.all(
          Array.from({ length: 10 }, (_, i) => [
            a.appendAuditEntries([entry(`a${i}`)]),
            b.appendAuditEntries([entry(`b${i}`)]),
          ]).flat(),
        );
        const stored = await a.listAudit(0, 100);
        expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(new Set(stored.map((e) => e.requestId)).size).toBe(20);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('keeps everything across close and reopen, without running the migrations again', async () => {
      const schema = nextSchema();
      const first = await openPostgresStore({ url, schema });
      await first.createDataset(dataset('ds'));
      await first.applyBatch({
        datasetId: 'ds',
        at: '2026-11-01T08:00:00.000Z',
        upserts: [{ key: 'a', json: '{}' }],
        deletes: [],
      });
      await first.close();
      const second = await openPostgresStore({ url, schema });
      expect(await second.getRecord('ds', 'a')).toEqual({
        key: 'a',
        seq: 1,
        updatedAt: '2026-11-01T08:00:00.000Z',
        json: '{}',
      });
      await second.close();
      const { rows } = await withClient((client) =>
        client.query(`select name from "${schema}".tukar_migration`),
      );
      expect(rows).toEqual([
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

    it('moves integrations of the old twelve-state table to step numbers (migration 0008)', async () => {
      const schema = nextSchema();
      // The schema as the @tukar/hub before 0008 left it, with an integration in an old state.
      await withClient((client) => client.query(`create schema "${schema}"`));
      const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}` });
      const earlier = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
      try {
        await migrateBefore(earlier, 'postgres', '0008', schema);
        const history = [
          {
            at: '2026-01-05T02:00:00.000Z',
            action: 'agree',
            fromState: 'under-evaluation',
            toState: 'agreed',
            step: 3,
            actor: 'adm',
          },
        ];
        const row = { ...oldIntegration('int-old', 'displayed', history), procedure_id: 'karanganyar' };
        await (earlier as Kysely<{ integrations: typeof row }>)
          .insertInto('integrations')
          .values(row)
          .execute();
      } finally {
        await earlier.destroy();
      }
      const store = await openPostgresStore({ url, schema });
      try {
        const row = await store.getIntegration('int-old');
        expect(row).toMatchObject({ step: 11, ended: false, procedureId: 'karanganyar' });
        expect(row).not.toHaveProperty('state');
        expect(row?.history).toEqual([
          {
            at: '2026-01-05T02:00:00.000Z',
            when: 'agree',
            step: 3,
            to: 4,
            actor: 'adm',
            procedureRole: 'tim-teknis',
            output: { action: 'agree' },
          },
        ]);
        expect((await store.listIntegrations({ limit: 10, step: 11 })).map((r) => r.id)).toEqual(['int-old']);
      } finally {
        await store.close();
      }
    });

    it('refuses a schema migrated by a newer @tukar/hub, and leaves it as it was', async () => {
      const schema = nextSchema();
      const store = await openPostgresStore({ url, schema });
      await store.createDataset(dataset('ds'));
      await store.close();
      await withClient((client) =>
        client.query(
          `insert into "${schema}".tukar_migration (name, timestamp) values ('0099_future', '2030-01-01')`,
        ),
      );
      await expect(openPostgresStore({ url, schema })).rejects.toThrow(
        /^Cannot open the PostgreSQL store at postgres:\/\/.*: the database is at schema version 0099_future, newer than/,
      );
      const { rows } = await withClient((client) => client.query(`select id from "${schema}".datasets`));
      expect(rows).toEqual([{ id: 'ds' }]);
    });

    it('sorts keys and ids byte by byte whatever the database collation (COLLATE "C")', async () => {
      const schema = nextSchema();
      const store = await openPostgresStore({ url, schema });
      await store.close();
      const { rows } = await withClient((client) =>
        client.query<{ table_name: string; column_name: string; collation_name: string | null }>(
          `select table_name, column_name, collation_name from information_schema.columns
           where table_schema = $1 and data_type = 'text' and table_name not like 'tukar_migration%'`,
          [schema],
        ),
      );
      expect(rows.length).toBeGreaterThan(40);
      expect(rows.filter((row) => row.collation_name !== 'C')).toEqual([]);
    });

    it('keeps the default schema when none is given', async () => {
      // The connection's current schema (here a fresh one, through search_path in the URL) holds the tables.
      const schema = nextSchema();
      await withClient((client) => client.query(`create schema "${schema}"`));
      const withSearchPath = new URL(url);
      withSearchPath.searchParams.set('options', `-c search_path=${schema}`);
      const store = await openPostgresStore({ url: withSearchPath.toString() });
      await store.createDataset(dataset('ds'));
      await store.close();
      const { rows } = await withClient((client) => client.query(`select id from "${schema}".datasets`));
      expect(rows).toEqual([{ id: 'ds' }]);
    });
  });

  describe('PostgreSQL store errors', () => {
    it('names the server without the password when the connection is refused', async () => {
      const refused = 'postgres://hub:s3cret-pw@127.0.0.1:1/tukar';
      const error = await openPostgresStore({ url: refused, connectTimeoutMs: 2_000 }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(
        /^Cannot open the PostgreSQL store at postgres:\/\/hub@127\.0\.0\.1:1\/tukar: .*ECONNREFUSED/,
      );
      expect((error as Error).message).not.toContain('s3cret-pw');
    });

    it('names a database that does not exist', async () => {
      const missing = new URL(url);
      missing.pathname = '/tukar_no_such_database';
      await expect(openPostgresStore({ url: missing.toString() })).rejects.toThrow(
        /^Cannot open the PostgreSQL store at .*tukar_no_such_database: .*does not exist/,
      );
    });

    it('refuses a malformed URL without echoing it, and malformed options by name', async () => {
      const error = await openPostgresStore({ url: 'host=db password=s3cret' }).catch((e: Error) => e);
      expect((error as Error).message).toMatch(/`url` must be a postgres:\/\/.* URL/);
      expect((error as Error).message).not.toContain('s3cret');
      await expect(openPostgresStore({ url: 'mysql://root@127.0.0.1/x' })).rejects.toThrow(/`url`/);
      await expect(openPostgresStore({ url, schema: 'Bad"; DROP SCHEMA public; --' })).rejects.toThrow(
        /`schema`/,
      );
      await expect(openPostgresStore({ url, schema: '' })).rejects.toThrow(/`schema`/);
      await expect(openPostgresStore({ url, poolSize: 0 })).rejects.toThrow(/`poolSize`/);
    });

    it('refuses text with a NUL character, which PostgreSQL cannot hold, with a clear error', async () => {
      const store = await openPostgresStore({ url, schema: nextSchema() });
      try {
        await expect(store.listGrants('c\u0000')).rejects.toThrow(
          /cannot hold text with a NUL character.*listGrants/,
        );
        await expect(store.createDataset(dataset('ds\u0000'))).rejects.toThrow(
          /failed in createDataset: .*0x00/,
        );
        expect(await store.listDatasets()).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('names the store, its schema and the method when a call fails', async () => {
      const schema = nextSchema();
      const store = await openPostgresStore({ url, schema });
      await withClient((client) => client.query(`drop table "${schema}".audit`));
      await expect(store.listAudit(0, 1)).rejects.toThrow(
        new RegExp(
          `^The PostgreSQL store at postgres://.* \\(schema ${schema}\\) failed in listAudit: .*audit`,
        ),
      );
      await store.close();
    });
  });
}
