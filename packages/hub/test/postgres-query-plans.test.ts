import { randomBytes } from 'node:crypto';
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../src/kysely/database';
import { changeItemsQuery, changesPageQuery, recordsPageQuery } from '../src/kysely/page-queries';
import { SELECT_STORED } from '../src/kysely/postgres-batch-writes';
import { openPostgresStore } from '../src/postgres-store';
import { dataset } from './store-conformance';

const url = process.env['TUKAR_TEST_PG_URL'];

if (!url) {
  describe.skip('PostgreSQL query plans (skipped: run with TUKAR_TEST_PG_URL=postgres://user@127.0.0.1:5432/db)', () => {
    it('needs a PostgreSQL server', () => {});
  });
} else {
  describeQueryPlans(url);
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/** Rows the plan read from `table`: those its scans of the table returned, over all their loops. */
function rowsReadFrom(nodes: PlanNode[], table: string): number {
  return nodes
    .filter((node) => node['Relation Name'] === table)
    .reduce((sum, node) => sum + node['Actual Rows'] * node['Actual Loops'], 0);
}

function describeQueryPlans(url: string): void {
  // The tables are filled past what the planner assumes of a table it knows nothing about, and never
  // analyzed (autovacuum off for them), as after a bulk load that autovacuum has not caught up with.
  const ROWS = 200_000;
  const schema = `tukar_plans_${process.pid}_${randomBytes(3).toString('hex')}`;
  const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
  const db = new Kysely<HubDatabase>({ dialect: new PostgresDialect({ pool }) });

  async function explain(query: CompiledQuery | { sql: string; parameters: readonly unknown[] }) {
    const { rows } = await pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
      `explain (analyze, format json) ${query.sql}`,
      [...query.parameters],
    );
    const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
    if (!plan) throw new Error(`EXPLAIN gave no plan for ${query.sql}`);
    return nodesOf(plan);
  }

  beforeAll(async () => {
    const store = await openPostgresStore({ url, schema, poolSize: 1 });
    await store.createDataset(dataset('dinkes.puskesmas'));
    await store.createDataset(dataset('other'));
    await store.close();
    for (const table of ['records', 'changes'])
      await pool.query(`alter table "${table}" set (autovacuum_enabled = false)`);
    await pool.query(
      `insert into changes (dataset_id, seq, op, key, at, json)
       select 'dinkes.puskesmas', g, 'upsert', lpad(g::text, 9, '0'), '2026-11-01T08:00:00.000Z',
              '{"nama":"' || repeat('x', 110) || '"}'
       from generate_series(1, $1::int) g`,
      [ROWS],
    );
    await pool.query(
      `insert into records (dataset_id, key, seq, updated_at, json)
       select dataset_id, key, seq, at, json from changes`,
    );
  }, 60_000);

  afterAll(async () => {
    await pool.query(`drop schema if exists "${schema}" cascade`);
    await db.destroy();
  });

  describe('PostgreSQL query plans on tables never analyzed', () => {
    it('has no statistics for the tables (the premise of the other tests)', async () => {
      const { rows } = await pool.query<{ relname: string; reltuples: number }>(
        `select relname, reltuples from pg_class
         where relnamespace = $1::regnamespace and relname in ('records', 'changes')`,
        [schema],
      );
      expect(rows.map((row) => row.reltuples)).toEqual([-1, -1]);
    });

    it('reads a changes page from the middle of the feed through the index, and no row past the page', async () => {
      const nodes = await explain(changesPageQuery(db, 'dinkes.puskesmas', ROWS / 2, 5_001).compile());
      expect(nodes.map((node) => node['Node Type'])).not.toContain('Seq Scan');
      expect(nodes.some((node) => node['Index Name'] === 'changes_pk')).toBe(true);
      expect(rowsReadFrom(nodes, 'changes')).toBe(5_001);
    });

    it('reads a slice of change items (the JSON built by the query) through the index, and no row past it', async () => {
      const nodes = await explain(
        changeItemsQuery(db, 'postgres', 'dinkes.puskesmas', ROWS / 2, 1_000).compile(),
      );
      expect(nodes.map((node) => node['Node Type'])).not.toContain('Seq Scan');
      expect(nodes.some((node) => node['Index Name'] === 'changes_pk')).toBe(true);
      // The slice's 1,000 rows, and the one row of the probe for the change after it.
      expect(rowsReadFrom(nodes, 'changes')).toBe(1_001);
    });

    it('reads the first records page through the index, and no row past the page', async () => {
      const nodes = await explain(recordsPageQuery(db, 'dinkes.puskesmas', undefined, 1_001).compile());
      expect(nodes.map((node) => node['Node Type'])).not.toContain('Seq Scan');
      expect(nodes.some((node) => node['Index Name'] === 'records_pk')).toBe(true);
      expect(rowsReadFrom(nodes, 'records')).toBe(1_001);
    });

    it('reads a records page from the middle through the index, and no row past the page', async () => {
      const after = String(ROWS / 2).padStart(9, '0');
      const nodes = await explain(recordsPageQuery(db, 'dinkes.puskesmas', after, 1_001).compile());
      expect(nodes.map((node) => node['Node Type'])).not.toContain('Seq Scan');
      expect(nodes.some((node) => node['Index Name'] === 'records_pk')).toBe(true);
      expect(rowsReadFrom(nodes, 'records')).toBe(1_001);
    });

    it("looks up a batch's 5,000 stored records by key through the index, reading only those", async () => {
      const keys = Array.from({ length: 5_000 }, (_, i) => String(i * 37 + 1).padStart(9, '0'));
      const nodes = await explain({ sql: SELECT_STORED, parameters: ['dinkes.puskesmas', keys] });
      expect(nodes.map((node) => node['Node Type'])).not.toContain('Seq Scan');
      expect(nodes.some((node) => node['Index Name'] === 'records_pk')).toBe(true);
      expect(rowsReadFrom(nodes, 'records')).toBe(5_000);
    });
  });
}
