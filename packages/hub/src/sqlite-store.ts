import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { Kysely, SqliteAdapter, type SqliteDatabase, SqliteDialect } from 'kysely';
import type { HubDatabase } from './kysely/database';
import { errorReason } from './kysely/error-reason';
import { createKyselyStore } from './kysely/kysely-store';
import { migrateHubDatabase } from './kysely/migrate';
import { loadDriver } from './load-driver';
import type { Store } from './store';

/**
 * Options of {@link openSqliteStore}.
 *
 * @example
 * ```ts
 * const options: SqliteStoreOptions = { file: '/var/lib/tukar/hub.db', busyTimeoutMs: 10_000 };
 * ```
 */
export interface SqliteStoreOptions {
  /**
   * The database file; it and its directory are created when missing. `':memory:'` keeps a throwaway
   * database in memory (tests, demos).
   */
  file: string;
  /** How long a write waits for another connection's lock before failing, in milliseconds. Default 5000. */
  busyTimeoutMs?: number;
}

/**
 * Opens (and creates or migrates) the hub's embedded SQLite database: better-sqlite3 in WAL mode with
 * `synchronous=NORMAL`, a busy timeout, foreign keys on and a 32 MiB page cache. Opening runs the schema migrations the file
 * lacks. A file has two connections: one writes (batches take turns on it), one only reads, so a read
 * sees the last committed state without waiting for a batch in progress; a file written by a newer `@tukar/hub` is refused rather than changed. One process owns the file
 * (a second open of it in the same process is refused); for several hub instances use PostgreSQL
 * (`openPostgresStore`).
 *
 * @throws Error `Cannot open the SQLite store at <file>: <reason>` when the directory cannot be created,
 * the file is not a SQLite database, is read-only or damaged (`quick_check`), is already open in this process, or its schema is newer than this
 * code.
 *
 * @example
 * ```ts
 * import { createHub } from '@tukar/hub';
 * import { openSqliteStore } from '@tukar/hub/node';
 *
 * const store = await openSqliteStore({ file: './.tukar/hub.db' });
 * const hub = await createHub({ store, adminKey: process.env.TUKAR_ADMIN_KEY });
 * // …serve the hub; on shutdown:
 * await store.close();
 * ```
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const { file, busyTimeoutMs = 5_000 } = options ?? {};
  if (typeof file !== 'string' || file.trim() === '') {
    throw new Error(
      `Cannot open the SQLite store: \`file\` must be a file path or ':memory:', got ${String(file)}.`,
    );
  }
  const inMemory = file === ':memory:';
  const where = inMemory ? ':memory:' : resolve(file);
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new Error(
      `Cannot open the SQLite store at ${where}: \`busyTimeoutMs\` must be a whole number of milliseconds ≥ 0, got ${busyTimeoutMs}.`,
    );
  }
  if (!inMemory && openFiles.has(where)) {
    throw new Error(
      `Cannot open the SQLite store at ${where}: it is already open in this process. Share the open store ` +
        '(two connections of one process would wait on each other’s write locks), or close it first.',
    );
  }
  let database: Database.Database | undefined;
  let db: Kysely<HubDatabase> | undefined;
  let reader: Kysely<HubDatabase> | undefined;
  try {
    const openDatabase = (await loadDriver('better-sqlite3')) as typeof Database;
    if (!inMemory) {
      mkdirSync(dirname(where), { recursive: true });
      refuseReadOnly(where);
    }
    database = new openDatabase(where, { timeout: busyTimeoutMs });
    if (!inMemory) openFiles.add(where);
    await enterWalMode(database, busyTimeoutMs);
    database.pragma('synchronous = NORMAL');
    database.pragma(`busy_timeout = ${busyTimeoutMs}`);
    database.pragma('foreign_keys = ON');
    // 32 MiB of page cache (the default is 2 MiB): a batch reads the stored rows of its keys first.
    database.pragma('cache_size = -32768');
    if (!inMemory) checkUsable(database);
    const connection = withImmediateTransactions(database, () => openFiles.delete(where));
    db = new Kysely<HubDatabase>({ dialect: new TransactionalDdlSqliteDialect({ database: connection }) });
    await migrateHubDatabase(db, { dialect: 'sqlite' });
    if (!inMemory) reader = await openReader(openDatabase, where, busyTimeoutMs);
  } catch (error) {
    if (db) await db.destroy().catch(() => {});
    else database?.close();
    openFiles.delete(where);
    throw new Error(`Cannot open the SQLite store at ${where}: ${errorReason(error)}`, { cause: error });
  }
  return createKyselyStore(db, {
    dialect: 'sqlite',
    label: `The SQLite store at ${where}`,
    ...(reader && { reader }),
  });
}

/**
 * The store's reading connection: a second, read-only connection to the file. In WAL mode it reads the
 * last committed state while the writing connection is inside a batch's transaction, so a read never
 * waits for a batch (a `:memory:` database has one connection, which does both).
 */
async function openReader(
  openDatabase: typeof Database,
  file: string,
  busyTimeoutMs: number,
): Promise<Kysely<HubDatabase>> {
  const database = new openDatabase(file, { readonly: true, timeout: busyTimeoutMs });
  try {
    database.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // 8 MiB of page cache: this connection serves pages and feed slices, read in key or sequence order
    // (32 MiB, as the writer has, held another 24 MiB of memory after one pass over a 1M-record feed).
    database.pragma('cache_size = -8192');
    const connection = withImmediateTransactions(database, () => undefined);
    const reader = new Kysely<HubDatabase>({ dialect: new SqliteDialect({ database: connection }) });
    // Kysely takes the connection at its first query, and on `destroy()` closes only a connection it took:
    // take it now, so that closing the store closes it (and the writer's close then removes the WAL files).
    await reader.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    return reader;
  } catch (error) {
    database.close();
    throw error;
  }
}

/**
 * Puts the file in WAL mode (it stays so: a file already in it needs no lock). Switching a new file takes
 * an exclusive lock, and SQLite answers SQLITE_BUSY at once, without its busy handler, while another
 * process holds the file: several hub instances starting together on one new file. The switch is then
 * tried again, for up to `busyTimeoutMs`, as any other locked statement waits.
 */
async function enterWalMode(database: Database.Database, busyTimeoutMs: number): Promise<void> {
  const deadline = Date.now() + busyTimeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      if (database.pragma('journal_mode', { simple: true }) === 'wal') return;
      database.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const busy = typeof code === 'string' && code.startsWith('SQLITE_BUSY');
      if (!busy || Date.now() >= deadline) throw error;
      await sleep(Math.min(5 * attempt, 50) * (0.5 + Math.random()));
    }
  }
}

/** Throws when the existing file, or the directory its WAL files go in, cannot be written. */
function refuseReadOnly(file: string): void {
  for (const path of existsSync(file) ? [file, dirname(file)] : [dirname(file)]) {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const what = path === file ? 'the file' : 'its directory (where the WAL files go)';
      throw new Error(
        `${what} is read-only (${String(code)}); give the hub's user write access to the file and its directory`,
        { cause: error },
      );
    }
  }
}

/**
 * Refuses a file the hub could open but not use, rather than starting healthy and answering 500: a
 * read-only file (a write of the unchanged `user_version` fails with SQLITE_READONLY, even for root's
 * files on a read-only mount) and a damaged one (`quick_check` finds a problem).
 */
function checkUsable(database: Database.Database): void {
  try {
    const version = database.pragma('user_version', { simple: true }) as number;
    database.pragma(`user_version = ${version}`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) {
      throw new Error(
        `the file is read-only (${errorReason(error)}); give the hub's user write access to it and its directory`,
        { cause: error },
      );
    }
    throw error;
  }
  const problems = database.pragma('quick_check(3)') as Array<{ quick_check: string }>;
  const found = problems.map((row) => row.quick_check).filter((text) => text !== 'ok');
  if (found.length > 0) {
    throw new Error(`the file is damaged (quick_check: ${found.join('; ')}); restore it from a backup`);
  }
}

/** Files open in this process (resolved paths). */
const openFiles = new Set<string>();

/** What `rollback` runs when SQLite already ended the transaction: nothing. */
const NO_TRANSACTION = { reader: false, run: () => ({ changes: 0, lastInsertRowid: 0 }) };

/** Prepared statements kept per connection (the store's queries and the templates of its batches). */
const STATEMENT_CACHE_SIZE = 256;

/**
 * The database as Kysely's dialect uses it, with two changes:
 * - transactions take the write lock when they begin (`begin immediate`): every store transaction
 *   writes, and a deferred one that reads first could fail with SQLITE_BUSY when another process wrote
 *   in between, instead of waiting its turn;
 * - prepared statements are reused (least recently used dropped first): Kysely prepares each query
 *   afresh, which for a 512-row insert costs as much as running it.
 */
/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says it does not, so its migrator would run
 * each statement on its own: a crash mid-migration would leave half a schema, and two processes opening
 * a new file together would both create its tables. Saying so makes each migration run one
 * `begin immediate` transaction, which the second process waits for and then finds done.
 */
class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

function withImmediateTransactions(database: Database.Database, onClose: () => void): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close() {
      statements.clear();
      database.close();
      onClose();
    },
    prepare(sql) {
      // SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR): Kysely's
      // `rollback` would then fail with "cannot rollback - no transaction is active" and hide the cause.
      if (sql === 'rollback' && !database.inTransaction) return NO_TRANSACTION as Database.Statement;
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = database.prepare(sql === 'begin' ? 'begin immediate' : sql);
        if (statements.size >= STATEMENT_CACHE_SIZE)
          statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
