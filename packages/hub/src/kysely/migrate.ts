import { type Kysely, Migrator, sql } from 'kysely';
import type { HubDatabase } from './database';
import { hubMigrations, MIGRATION_LOCK_TABLE, MIGRATION_TABLE, type SqlDialectName } from './migrations';

/** Where the store's tables live. */
export interface MigrateOptions {
  dialect: SqlDialectName;
  /** The PostgreSQL schema of the tables (the connection's `search_path` points there). */
  schema?: string;
}

/**
 * Brings the database to the newest schema this code knows, in one transaction per run; instances that
 * start together on a new database may race, and whichever loses finds the schema made. Throws when the
 * database was migrated by a newer `@tukar/hub` (it records a migration this code does not know), or a
 * migration fails; the message names the migration.
 */
export async function migrateHubDatabase(db: Kysely<HubDatabase>, options: MigrateOptions): Promise<void> {
  const migrations = hubMigrations(options.dialect);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(options.schema === undefined ? {} : { migrationTableSchema: options.schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;

  const known = Object.keys(migrations).sort();
  const latest = known.at(-1) ?? '(none)';
  const recorded = await recordedMigrations(db, options.schema).catch(() => []);
  const unknown = recorded.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `the database is at schema version ${unknown.sort().at(-1)}, newer than this @tukar/hub knows ` +
        `(up to ${latest}): a newer @tukar/hub migrated it. Upgrade @tukar/hub to open it.`,
      { cause: error },
    );
  }
  const failed = results?.find((result) => result.status === 'Error')?.migrationName;
  const reason = error instanceof Error ? error.message : String(error);
  throw new Error(
    failed === undefined ? `migrating the schema failed: ${reason}` : `migration ${failed} failed: ${reason}`,
    { cause: error },
  );
}

/** Names of the migrations the database records as run. */
async function recordedMigrations(db: Kysely<HubDatabase>, schema: string | undefined): Promise<string[]> {
  const table = sql.table(schema === undefined ? MIGRATION_TABLE : `${schema}.${MIGRATION_TABLE}`);
  const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(db);
  return rows.map((row) => row.name);
}
