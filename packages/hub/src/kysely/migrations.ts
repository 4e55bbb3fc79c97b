import { type ColumnDataType, type Expression, type Kysely, type Migration, sql } from 'kysely';
import { auditLeafHash } from '../evidence/audit-leaf';
import { integrationSteps } from './integration-steps-migration';

/** The SQL dialects the hub's stores speak. */
export type SqlDialectName = 'sqlite' | 'postgres';

/** Column types per dialect. */
interface ColumnTypes {
  /** Text compared byte by byte: keys and ids sort as the memory store sorts them. */
  text: ColumnDataType | Expression<unknown>;
  int8: ColumnDataType;
  blob: ColumnDataType;
}

function columnTypes(dialect: SqlDialectName): ColumnTypes {
  return dialect === 'postgres'
    ? { text: sql`text collate "C"`, int8: 'bigint', blob: 'bytea' }
    : { text: 'text', int8: 'integer', blob: 'blob' };
}

/** The first schema: one table per row type of `store.ts`. */
function initialSchema(dialect: SqlDialectName): Migration {
  const { text, int8, blob } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('contract_versions')
        .addColumn('ordinal', int8, (c) =>
          dialect === 'postgres'
            ? c.primaryKey().generatedAlwaysAsIdentity()
            : c.primaryKey().autoIncrement(),
        )
        .addColumn('contract_id', text, (c) => c.notNull())
        .addColumn('version', text, (c) => c.notNull())
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('sha256', text, (c) => c.notNull())
        .addColumn('document', text, (c) => c.notNull())
        .addColumn('published_at', text, (c) => c.notNull())
        .addColumn('status_changed_at', text, (c) => c.notNull())
        .addUniqueConstraint('contract_versions_id_version', ['contract_id', 'version'])
        .execute();

      await db.schema
        .createTable('datasets')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('contract_id', text, (c) => c.notNull())
        .addColumn('contract_version', text, (c) => c.notNull())
        .addColumn('classification', text, (c) => c.notNull())
        .addColumn('update_frequency', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('last_seq', int8, (c) => c.notNull())
        .addColumn('record_count', int8, (c) => c.notNull())
        .addColumn('last_change_at', text)
        .execute();

      await db.schema
        .createTable('records')
        .addColumn('dataset_id', text, (c) => c.notNull().references('datasets.id'))
        .addColumn('key', text, (c) => c.notNull())
        .addColumn('seq', int8, (c) => c.notNull())
        .addColumn('updated_at', text, (c) => c.notNull())
        .addColumn('json', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('records_pk', ['dataset_id', 'key'])
        .execute();

      await db.schema
        .createTable('changes')
        .addColumn('dataset_id', text, (c) => c.notNull().references('datasets.id'))
        .addColumn('seq', int8, (c) => c.notNull())
        .addColumn('op', text, (c) => c.notNull())
        .addColumn('key', text, (c) => c.notNull())
        .addColumn('at', text, (c) => c.notNull())
        .addColumn('json', text)
        .addPrimaryKeyConstraint('changes_pk', ['dataset_id', 'seq'])
        .execute();

      await db.schema
        .createTable('idempotency')
        .addColumn('scope', text, (c) => c.notNull())
        .addColumn('key', text, (c) => c.notNull())
        .addColumn('request_hash', text, (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('body', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_pk', ['scope', 'key'])
        .execute();

      await db.schema
        .createTable('clients')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('opd', text, (c) => c.notNull())
        .addColumn('role', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('key_id', text, (c) => c.primaryKey())
        .addColumn('client_id', text, (c) => c.notNull())
        .addColumn('prefix', text, (c) => c.notNull())
        .addColumn('hash', text, (c) => c.notNull().unique())
        .addColumn('label', text)
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('last_used_at', text)
        .addColumn('revoked_at', text)
        .addColumn('expires_at', text)
        .execute();
      await db.schema
        .createIndex('api_keys_by_client')
        .on('api_keys')
        .columns(['client_id', 'created_at', 'key_id'])
        .execute();

      await db.schema
        .createTable('grants')
        .addColumn('client_id', text, (c) => c.notNull())
        .addColumn('dataset_id', text, (c) => c.notNull())
        .addColumn('access', text, (c) => c.notNull())
        .addColumn('granted_at', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('grants_pk', ['client_id', 'dataset_id'])
        .execute();

      await db.schema
        .createTable('integrations')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('revision', int8, (c) => c.notNull())
        .addColumn('state', text, (c) => c.notNull())
        .addColumn('opd', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('body', text, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('integrations_newest')
        .on('integrations')
        .columns(['created_at', 'id'])
        .execute();
      await db.schema
        .createIndex('integrations_by_state')
        .on('integrations')
        .columns(['state', 'created_at', 'id'])
        .execute();
      await db.schema
        .createIndex('integrations_by_opd')
        .on('integrations')
        .columns(['opd', 'created_at', 'id'])
        .execute();

      await db.schema
        .createTable('attachments')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('integration_id', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addColumn('meta', text, (c) => c.notNull())
        .addColumn('content', blob, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('attachments_by_integration')
        .on('attachments')
        .columns(['integration_id', 'created_at', 'id'])
        .execute();

      await db.schema
        .createTable('validation_reports')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('submitted_at', text, (c) => c.notNull())
        .addColumn('dataset_id', text)
        .addColumn('integration_id', text)
        .addColumn('report', text, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('validation_reports_newest')
        .on('validation_reports')
        .columns(['submitted_at', 'id'])
        .execute();
      await db.schema
        .createIndex('validation_reports_by_dataset')
        .on('validation_reports')
        .columns(['dataset_id', 'submitted_at', 'id'])
        .execute();
      await db.schema
        .createIndex('validation_reports_by_integration')
        .on('validation_reports')
        .columns(['integration_id', 'submitted_at', 'id'])
        .execute();

      await db.schema
        .createTable('audit')
        .addColumn('seq', int8, (c) => c.primaryKey())
        .addColumn('at', text, (c) => c.notNull())
        .addColumn('request_id', text, (c) => c.notNull())
        .addColumn('client_id', text)
        .addColumn('method', text, (c) => c.notNull())
        .addColumn('path', text, (c) => c.notNull())
        .addColumn('dataset_id', text)
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('body_sha256', text)
        .addColumn('prev_hash', text, (c) => c.notNull())
        .addColumn('hash', text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_by_client').on('audit').columns(['client_id', 'seq']).execute();
      await db.schema.createIndex('audit_by_dataset').on('audit').columns(['dataset_id', 'seq']).execute();
    },
  };
}

/** Secrets the hub generates on first start and keeps (`Store.keepSecret`). */
function hubSecrets(dialect: SqlDialectName): Migration {
  const { text } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('hub_secrets')
        .addColumn('name', text, (c) => c.primaryKey())
        .addColumn('value', text, (c) => c.notNull())
        .execute();
    },
  };
}

/** The signed receipt of a batch, kept with its idempotency record so that a replay returns it again. */
function idempotencyReceipt(dialect: SqlDialectName): Migration {
  const { text } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('idempotency').addColumn('receipt', text).execute();
    },
  };
}

/** Settings shared by every instance on the database (`Store.readSetting`), e.g. maintenance mode. */
function hubSettings(dialect: SqlDialectName): Migration {
  const { text } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('hub_settings')
        .addColumn('name', text, (c) => c.primaryKey())
        .addColumn('value', text, (c) => c.notNull())
        .addColumn('updated_at', text, (c) => c.notNull())
        .execute();
    },
  };
}

/** Rows of the old audit table copied per statement by migration 0004. */
const AUDIT_COPY_PAGE = 500;

/**
 * The audit log without a hash chain: the table is rebuilt with ids the database gives (SQLite rowid,
 * PostgreSQL identity) and each entry's RFC 6962 leaf hash; a table of signed checkpoints seals them.
 * Entries written before keep their ids and get their leaf hash from their content; they are unsealed
 * until the hub's first seal, which puts them in checkpoint 1 (their old `prev_hash`/`hash` chain is
 * not checked again: verify it with the previous version before upgrading).
 */
function auditCheckpoints(dialect: SqlDialectName): Migration {
  const { text, int8 } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('audit_by_client').execute();
      await db.schema.dropIndex('audit_by_dataset').execute();
      await db.schema.alterTable('audit').renameTo('audit_chained').execute();
      if (dialect === 'postgres') await sql`alter index audit_pkey rename to audit_chained_pkey`.execute(db);
      await db.schema
        .createTable('audit')
        .addColumn(
          'seq',
          int8,
          (c) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()), // an integer primary key is SQLite's rowid: the next id is the largest + 1
        )
        .addColumn('at', text, (c) => c.notNull())
        .addColumn('request_id', text, (c) => c.notNull())
        .addColumn('client_id', text)
        .addColumn('method', text, (c) => c.notNull())
        .addColumn('path', text, (c) => c.notNull())
        .addColumn('dataset_id', text)
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('body_sha256', text)
        .addColumn('leaf_hash', text, (c) => c.notNull())
        .addColumn('checkpoint', int8)
        .execute();
      const old = db as unknown as Kysely<{ audit_chained: OldAuditRow; audit: Record<string, unknown> }>;
      for (let since = 0; ; ) {
        const page = await old
          .selectFrom('audit_chained')
          .selectAll()
          .where('seq', '>', since)
          .orderBy('seq')
          .limit(AUDIT_COPY_PAGE)
          .execute();
        if (page.length === 0) break;
        const rows = [];
        for (const row of page) {
          const content = {
            at: row.at,
            requestId: row.request_id,
            clientId: row.client_id,
            method: row.method,
            path: row.path,
            datasetId: row.dataset_id,
            status: Number(row.status),
            bodySha256: row.body_sha256,
          };
          const { prev_hash: _prev, hash: _hash, ...kept } = row;
          rows.push({ ...kept, leaf_hash: await auditLeafHash(content), checkpoint: null });
        }
        await old.insertInto('audit').values(rows).execute();
        since = Number(page.at(-1)?.seq);
      }
      if (dialect === 'postgres') {
        await sql`select setval(pg_get_serial_sequence('audit', 'seq'), (select coalesce(max(seq), 0) + 1 from audit), false)`.execute(
          db,
        );
      }
      await db.schema.dropTable('audit_chained').execute();
      await db.schema.createIndex('audit_by_client').on('audit').columns(['client_id', 'seq']).execute();
      await db.schema.createIndex('audit_by_dataset').on('audit').columns(['dataset_id', 'seq']).execute();
      await db.schema.createIndex('audit_by_checkpoint').on('audit').columns(['checkpoint', 'seq']).execute();
      await db.schema
        .createTable('audit_checkpoints')
        .addColumn('number', int8, (c) => c.primaryKey())
        .addColumn('jws', text, (c) => c.notNull())
        .execute();
    },
  };
}

/** A row of the audit table before migration 0004. */
interface OldAuditRow {
  seq: number;
  at: string;
  request_id: string;
  client_id: string | null;
  method: string;
  path: string;
  dataset_id: string | null;
  status: number;
  body_sha256: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * The procedure each integration is pinned to. Integrations opened before followed the hub's one built-in
 * table; they are pinned to the default procedure, `ciamis@1.0.0`.
 */
function integrationProcedure(dialect: SqlDialectName): Migration {
  const { text } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('integrations')
        .addColumn('procedure_id', text, (c) => c.notNull().defaultTo('ciamis'))
        .execute();
      await db.schema
        .alterTable('integrations')
        .addColumn('procedure_version', text, (c) => c.notNull().defaultTo('1.0.0'))
        .execute();
    },
  };
}

/**
 * Origin signatures (issue 14): the public keys clients sign their batches with, and the signature of a
 * signed batch kept in its audit entry. (0008 is taken by another change.)
 */
function clientSigningKeys(dialect: SqlDialectName): Migration {
  const { text } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('client_signing_keys')
        .addColumn('client_id', text, (c) => c.notNull())
        .addColumn('kid', text, (c) => c.notNull())
        .addColumn('jwk', text, (c) => c.notNull())
        .addColumn('created_at', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('client_signing_keys_pk', ['client_id', 'kid'])
        .execute();
      await db.schema.alterTable('audit').addColumn('origin_signature', text).execute();
    },
  };
}

/** RFC 3161 time-stamp tokens of the audit checkpoints (issue 14), when a time-stamping authority is configured. */
function checkpointTimestamps(dialect: SqlDialectName): Migration {
  const { text } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('audit_checkpoints').addColumn('timestamp_token', text).execute();
    },
  };
}

/**
 * The store's migrations, by name; names sort in the order they run. A new migration gets the next
 * number and is never edited once released: databases record which ones ran in `tukar_migration`.
 */
export function hubMigrations(dialect: SqlDialectName): Record<string, Migration> {
  return {
    '0001_initial': initialSchema(dialect),
    '0002_hub_secrets': hubSecrets(dialect),
    '0003_idempotency_receipt': idempotencyReceipt(dialect),
    '0004_audit_checkpoints': auditCheckpoints(dialect),
    '0006_integration_procedure': integrationProcedure(dialect),
    '0007_hub_settings': hubSettings(dialect),
    '0008_integration_steps': integrationSteps(dialect, columnTypes(dialect).text),
    '0009_client_signing_keys': clientSigningKeys(dialect),
    '0010_checkpoint_timestamps': checkpointTimestamps(dialect),
  };
}

/** The table that records which migrations ran, and its lock table. */
export const MIGRATION_TABLE = 'tukar_migration';
export const MIGRATION_LOCK_TABLE = 'tukar_migration_lock';
