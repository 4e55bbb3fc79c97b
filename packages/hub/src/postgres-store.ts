import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { HubDatabase } from './kysely/database';
import { errorReason } from './kysely/error-reason';
import { createKyselyStore } from './kysely/kysely-store';
import { migrateHubDatabase } from './kysely/migrate';
import { preparedStatementsPool } from './kysely/prepared-statements-pool';
import { loadDriver } from './load-driver';
import type { Store } from './store';

/**
 * Options of {@link openPostgresStore}.
 *
 * @example
 * ```ts
 * const options: PostgresStoreOptions = {
 *   url: 'postgres://tukar:secret@db.ciamiskab.example.go.id:5432/tukar',
 *   schema: 'hub',
 *   poolSize: 20,
 * };
 * ```
 */
export interface PostgresStoreOptions {
  /** A `postgres://user:password@host:port/database` URL (query parameters as `pg` reads them). */
  url: string;
  /**
   * The schema of the hub's tables, created when missing (lower-case letters, digits and `_`). Default:
   * the connection's current schema (usually `public`). Tests use one schema each and drop it afterwards.
   */
  schema?: string;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
  /** How long to wait for a connection, in milliseconds. Default 10000. */
  connectTimeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const INT8_OID = 20;

/**
 * Opens the hub's store on PostgreSQL: a `pg` pool (int8 columns come back as numbers) whose connections
 * work in `schema` and keep the store's statements prepared. Opening creates the schema when asked for one, then runs the migrations the database
 * lacks (under a lock, so several hub instances may start at once); a database migrated by a newer
 * `@tukar/hub` is refused rather than changed. Hub instances are stateless: several share one database,
 * and batches of one dataset take turns on its row lock so sequences stay dense.
 *
 * @throws Error `Cannot open the PostgreSQL store at <url without password>: <reason>` when the URL is
 * malformed, the server is unreachable or refuses the login, or the schema is newer than this code.
 *
 * @example
 * ```ts
 * import { createHub } from '@tukar/hub';
 * import { openPostgresStore } from '@tukar/hub/node';
 *
 * const store = await openPostgresStore({ url: process.env.DATABASE_URL!, schema: 'tukar', poolSize: 20 });
 * const hub = await createHub({ store, adminKey: process.env.TUKAR_ADMIN_KEY });
 * // …serve the hub; on shutdown:
 * await store.close();
 * ```
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const { url, schema, poolSize = 10, connectTimeoutMs = 10_000 } = options ?? {};
  const where = redactedUrl(url);
  const fail = (reason: string, cause?: unknown): never => {
    throw new Error(`Cannot open the PostgreSQL store at ${where}: ${reason}`, { cause });
  };
  if (where === undefined) {
    throw new Error(
      'Cannot open the PostgreSQL store: `url` must be a postgres://user:password@host:port/database URL.',
    );
  }
  if (schema !== undefined && (typeof schema !== 'string' || !SCHEMA_NAME.test(schema))) {
    fail(
      `\`schema\` must be 1–63 lower-case letters, digits or _ and not start with a digit, got ${JSON.stringify(schema)}.`,
    );
  }
  if (!Number.isInteger(poolSize) || poolSize < 1)
    fail(`\`poolSize\` must be a whole number ≥ 1, got ${poolSize}.`);
  if (!Number.isInteger(connectTimeoutMs) || connectTimeoutMs < 0) {
    fail(`\`connectTimeoutMs\` must be a whole number of milliseconds ≥ 0, got ${connectTimeoutMs}.`);
  }

  let driver: typeof pg;
  try {
    driver = (await loadDriver('pg')) as typeof pg;
  } catch (error) {
    return fail(errorReason(error), error);
  }
  const pool = new driver.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: 'tukar-hub',
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary' ? Number : driver.types.getTypeParser(oid, format)) as never,
    },
  });
  // A connection that breaks (server restart, terminated backend, network cut) must not crash the
  // process, idle in the pool or held by a request between two queries (pg removes the pool's own
  // listener while a client is checked out): the query that used it fails with a store fault (503), the
  // pool drops the broken client and opens a new connection for the next request.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  let tablesSchema: string;
  try {
    const client = await pool.connect();
    try {
      if (schema !== undefined) await createSchema(client, schema);
      const { rows } = await client.query<{ schema: string | null }>('select current_schema() as schema');
      const current = rows[0]?.schema;
      if (!current)
        throw new Error('the connection has no current schema to create the tables in; pass `schema`.');
      tablesSchema = current;
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    return fail(errorReason(error), error);
  }

  const db = new Kysely<HubDatabase>({
    dialect: new PostgresDialect({ pool: preparedStatementsPool(pool) }),
  });
  try {
    await migrateHubDatabase(db, { dialect: 'postgres', schema: tablesSchema });
  } catch (error) {
    await db.destroy().catch(() => {});
    return fail(errorReason(error), error);
  }
  const label = `The PostgreSQL store at ${where}${schema === undefined ? '' : ` (schema ${schema})`}`;
  const poolUsage = () => ({
    max: poolSize,
    open: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  });
  return createKyselyStore(db, { dialect: 'postgres', label, poolUsage });
}

/** `CREATE SCHEMA IF NOT EXISTS`, tolerating another instance creating it at the same moment. */
async function createSchema(client: pg.PoolClient, schema: string): Promise<void> {
  try {
    await client.query(`create schema if not exists "${schema}"`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // 23505 unique_violation, 42P06 duplicate_schema: a concurrent `create schema` won the race.
    if (code !== '23505' && code !== '42P06') throw error;
  }
}

/** The URL without its password (for messages), or undefined when it is not a postgres:// URL. */
function redactedUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') return undefined;
  parsed.password = '';
  return parsed.toString();
}
