// A store's database as an earlier @tukar/hub left it: the hub's migrations up to (not including) one.
import { type Kysely, Migrator } from 'kysely';
import { hubMigrations, MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from '../src/kysely/migrations';

/**
 * Runs the hub's migrations whose names sort before `before` on `db` (and none after), as the
 * `@tukar/hub` that had no `before` yet did. Later migrations run when the store opens the database.
 */
export async function migrateBefore(
  db: Kysely<unknown>,
  dialect: 'sqlite' | 'postgres',
  before: string,
  schema?: string,
): Promise<void> {
  const all = hubMigrations(dialect);
  const earlier = Object.fromEntries(Object.entries(all).filter(([name]) => name < before));
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => earlier },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
}

/** An integration row as a @tukar/hub before migration 0008 wrote it: a state, its history in actions. */
export function oldIntegration(id: string, state: string, history: unknown[] = []) {
  const body = {
    id,
    revision: 1,
    state,
    opd: 'Dinas Kesehatan',
    requestedBy: 'ciamis/dinkes/simpus',
    createdAt: '2026-01-05T02:00:00.000Z',
    updatedAt: '2026-01-05T02:00:00.000Z',
    stateSince: '2026-01-05T02:00:00.000Z',
    title: `Integrasi ${id}`,
    requester: { name: 'Rina', contact: 'simpus@dinkes.example.go.id' },
    purpose: 'Uji migrasi',
    consumers: [],
    datasetId: null,
    contractVersion: null,
    history,
  };
  return {
    id,
    revision: 1,
    state,
    opd: body.opd,
    created_at: body.createdAt,
    procedure_id: 'nganjuk',
    procedure_version: '1.0.0',
    body: JSON.stringify(body),
  };
}
