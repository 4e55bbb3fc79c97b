import { isUtf8 } from 'node:buffer';
import type { Kysely } from 'kysely';
import type { Store } from '../store';
import { analyzeAfterGrowth } from './analyze-after-growth';
import { applyBatch, readIdempotencyRecord } from './apply-batch';
import type { HubDatabase } from './database';
import { guardedStore } from './guarded-store';
import { insertAuditEntries } from './insert-audit-entries';
import type { SqlDialectName } from './migrations';
import { changeItemsQuery, changesPageQuery, recordsPageQuery } from './page-queries';
import { postgresBatchWrites } from './postgres-batch-writes';
import { changed, limitOf } from './query-results';
import {
  apiKeyFromDb,
  apiKeyToDb,
  attachmentFromDb,
  auditFromDb,
  bytesFromDb,
  bytesToDb,
  clientFromDb,
  clientSigningKeyFromDb,
  clientSigningKeyToDb,
  clientToDb,
  contractVersionFromDb,
  contractVersionToDb,
  datasetFromDb,
  datasetToDb,
  grantFromDb,
  grantToDb,
  integrationFromDb,
  integrationToDb,
  validationReportFromDb,
  validationReportToDb,
} from './rows';
import { sealAuditEntries } from './seal-audit-entries';
import { sqliteBatchWrites } from './sqlite-batch-writes';

/** How {@link createKyselyStore} talks to its database. */
export interface KyselyStoreOptions {
  dialect: SqlDialectName;
  /** Names the store in errors, e.g. `The SQLite store at ./.tukar/hub.db`. */
  label: string;
  /** The pool's connections now (PostgreSQL). */
  poolUsage?: Store['poolUsage'];
  /**
   * A connection for the reads that are not part of a write (SQLite: a read-only connection, so a read
   * does not wait for a batch's transaction on the writing one); `db` when absent.
   */
  reader?: Kysely<HubDatabase>;
}

/**
 * Reads bytes that are not UTF-8 as a string, each bad sequence as U+FFFD. SQLite gives a slice's items as
 * its stored bytes; a key with a lone surrogate is stored as bytes that are not UTF-8, and the slice is
 * then read as the text SQLite's driver would have made of it rather than sent as it is.
 */
const utf8Replacing = new TextDecoder();

/**
 * The {@link Store} over a Kysely database migrated by `migrateHubDatabase`: one implementation for SQLite
 * and PostgreSQL. It behaves as the memory store does (the conformance suite holds both to it); every
 * method is one statement or one transaction. Errors name the store and the method; a closed store
 * rejects every call.
 */
export function createKyselyStore(db: Kysely<HubDatabase>, options: KyselyStoreOptions): Store {
  const { dialect, label } = options;
  const read = options.reader ?? db;
  const writes = dialect === 'postgres' ? postgresBatchWrites : sqliteBatchWrites();
  // SQLite's planner takes the primary key for these lookups without statistics; PostgreSQL's needs them.
  const analyze = dialect === 'postgres' ? analyzeAfterGrowth(db) : undefined;

  const methods: Omit<Store, 'kind' | 'close'> = {
    async getContractVersion(contractId, version) {
      const row = await read
        .selectFrom('contract_versions')
        .selectAll()
        .where('contract_id', '=', contractId)
        .where('version', '=', version)
        .executeTakeFirst();
      return row && contractVersionFromDb(row);
    },
    async listContractVersions(contractId) {
      const rows = await read
        .selectFrom('contract_versions')
        .selectAll()
        .where('contract_id', '=', contractId)
        .orderBy('ordinal')
        .execute();
      return rows.map(contractVersionFromDb);
    },
    async listContractIds({ after, limit, status }) {
      let query = read.selectFrom('contract_versions').select('contract_id').distinct();
      if (after !== undefined) query = query.where('contract_id', '>', after);
      if (status !== undefined) query = query.where('status', '=', status);
      const rows = await query.orderBy('contract_id').limit(limitOf(limit)).execute();
      return rows.map((row) => row.contract_id);
    },
    async putContractVersion(row, expectedSha256) {
      const values = contractVersionToDb(row);
      if (expectedSha256 === null) {
        const result = await db
          .insertInto('contract_versions')
          .values(values)
          .onConflict((oc) => oc.columns(['contract_id', 'version']).doNothing())
          .executeTakeFirst();
        return changed(result);
      }
      const result = await db
        .updateTable('contract_versions')
        .set(values)
        .where('contract_id', '=', row.contractId)
        .where('version', '=', row.version)
        .where('sha256', '=', expectedSha256)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      return changed(result);
    },
    async setContractVersionStatus(contractId, version, from, to, at) {
      const result = await db
        .updateTable('contract_versions')
        .set({ status: to, status_changed_at: at })
        .where('contract_id', '=', contractId)
        .where('version', '=', version)
        .where('status', '=', from)
        .executeTakeFirst();
      return changed(result);
    },

    async getDataset(id) {
      const row = await read.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();
      return row && datasetFromDb(row);
    },
    async listDatasets() {
      const rows = await read.selectFrom('datasets').selectAll().orderBy('id').execute();
      return rows.map(datasetFromDb);
    },
    async createDataset(row) {
      const result = await db
        .insertInto('datasets')
        .values(datasetToDb(row))
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return changed(result);
    },
    async repinDataset(id, fromVersion, to) {
      const result = await db
        .updateTable('datasets')
        .set({
          contract_version: to.contractVersion,
          classification: to.classification,
          update_frequency: to.updateFrequency,
        })
        .where('id', '=', id)
        .where('contract_version', '=', fromVersion)
        .executeTakeFirst();
      return changed(result);
    },
    async applyBatch(batch) {
      const outcome = await applyBatch(db, dialect, writes, batch);
      if (outcome.kind === 'applied' && analyze) await analyze(batch.datasetId, outcome.counts.seq);
      return outcome;
    },
    getIdempotencyRecord: (scope, key) => readIdempotencyRecord(read, scope, key),
    async getRecord(datasetId, key) {
      const row = await read
        .selectFrom('records')
        .select(['key', 'seq', 'updated_at', 'json'])
        .where('dataset_id', '=', datasetId)
        .where('key', '=', key)
        .executeTakeFirst();
      return row && { key: row.key, seq: Number(row.seq), updatedAt: row.updated_at, json: row.json };
    },
    async listRecords(datasetId, { after, limit }) {
      const rows = await recordsPageQuery(read, datasetId, after, limitOf(limit)).execute();
      return rows.map((row) => ({
        key: row.key,
        seq: Number(row.seq),
        updatedAt: row.updated_at,
        json: row.json,
      }));
    },
    async listChanges(datasetId, since, limit) {
      const rows = await changesPageQuery(read, datasetId, since, limitOf(limit)).execute();
      return rows.map((row) => ({
        seq: Number(row.seq),
        op: row.op as 'upsert' | 'delete',
        key: row.key,
        at: row.at,
        json: row.json,
      }));
    },
    async changeItems(datasetId, since, limit) {
      const row = await changeItemsQuery(read, dialect, datasetId, since, limitOf(limit)).executeTakeFirst();
      const items = row?.items ?? '';
      return {
        items: typeof items === 'string' || isUtf8(items) ? items : utf8Replacing.decode(items),
        count: Number(row?.count ?? 0),
        more: Boolean(row?.more),
      };
    },

    async createClient(row) {
      const result = await db
        .insertInto('clients')
        .values(clientToDb(row))
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return changed(result);
    },
    async getClient(id) {
      const row = await read.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
      return row && clientFromDb(row);
    },
    async listClients() {
      const rows = await read.selectFrom('clients').selectAll().orderBy('id').execute();
      return rows.map(clientFromDb);
    },
    async createApiKey(row) {
      // No conflict target: a taken key id and a taken hash both leave the table as it is.
      const result = await db
        .insertInto('api_keys')
        .values(apiKeyToDb(row))
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return changed(result);
    },
    async getApiKeyByHash(hash) {
      const row = await read.selectFrom('api_keys').selectAll().where('hash', '=', hash).executeTakeFirst();
      return row && apiKeyFromDb(row);
    },
    async listApiKeys(clientId) {
      const rows = await read
        .selectFrom('api_keys')
        .selectAll()
        .where('client_id', '=', clientId)
        .orderBy('created_at')
        .orderBy('key_id')
        .execute();
      return rows.map(apiKeyFromDb);
    },
    async revokeApiKey(clientId, keyId, at) {
      const result = await db
        .updateTable('api_keys')
        .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(at)) }))
        .where('key_id', '=', keyId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return changed(result);
    },
    async touchApiKey(keyId, at) {
      await db.updateTable('api_keys').set({ last_used_at: at }).where('key_id', '=', keyId).execute();
    },
    async putClientSigningKey(row) {
      const result = await db
        .insertInto('client_signing_keys')
        .values(clientSigningKeyToDb(row))
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return changed(result);
    },
    async listClientSigningKeys(clientId) {
      let query = read.selectFrom('client_signing_keys').selectAll();
      if (clientId !== undefined) query = query.where('client_id', '=', clientId);
      const rows = await query.orderBy('client_id').orderBy('created_at').orderBy('kid').execute();
      return rows.map(clientSigningKeyFromDb);
    },
    async putGrant(row) {
      const values = grantToDb(row);
      await db
        .insertInto('grants')
        .values(values)
        .onConflict((oc) =>
          oc
            .columns(['client_id', 'dataset_id'])
            .doUpdateSet({ access: values.access, granted_at: values.granted_at }),
        )
        .execute();
    },
    async deleteGrant(clientId, datasetId) {
      const result = await db
        .deleteFrom('grants')
        .where('client_id', '=', clientId)
        .where('dataset_id', '=', datasetId)
        .executeTakeFirst();
      return changed(result);
    },
    async listGrants(clientId) {
      const rows = await read
        .selectFrom('grants')
        .selectAll()
        .where('client_id', '=', clientId)
        .orderBy('dataset_id')
        .execute();
      return rows.map(grantFromDb);
    },

    async createIntegration(row) {
      const result = await db
        .insertInto('integrations')
        .values(integrationToDb(row))
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return changed(result);
    },
    async getIntegration(id) {
      const row = await read
        .selectFrom('integrations')
        .select(['body', 'procedure_id', 'procedure_version'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row && integrationFromDb(row);
    },
    async updateIntegration(row) {
      const result = await db
        .updateTable('integrations')
        .set(integrationToDb(row))
        .where('id', '=', row.id)
        .where('revision', '=', row.revision - 1)
        .executeTakeFirst();
      return changed(result);
    },
    async listIntegrations(page) {
      let query = read.selectFrom('integrations').select(['body', 'procedure_id', 'procedure_version']);
      if (page.step !== undefined) query = query.where('step', '=', page.step);
      if (page.opd !== undefined) query = query.where('opd', '=', page.opd);
      const { before } = page;
      if (before) {
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '<', before.at),
            eb.and([eb('created_at', '=', before.at), eb('id', '<', before.id)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limitOf(page.limit))
        .execute();
      return rows.map(integrationFromDb);
    },
    async createAttachment(row, content) {
      const result = await db
        .insertInto('attachments')
        .values({
          id: row.id,
          integration_id: row.integrationId,
          created_at: row.createdAt,
          meta: JSON.stringify(row),
          content: bytesToDb(content),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return changed(result);
    },
    async listAttachments(integrationId) {
      const rows = await read
        .selectFrom('attachments')
        .select('meta')
        .where('integration_id', '=', integrationId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(attachmentFromDb);
    },
    async getAttachment(integrationId, id) {
      const row = await read
        .selectFrom('attachments')
        .select(['meta', 'content'])
        .where('id', '=', id)
        .where('integration_id', '=', integrationId)
        .executeTakeFirst();
      return row && { row: attachmentFromDb(row), content: bytesFromDb(row.content) };
    },
    async createValidationReport(row) {
      const result = await db
        .insertInto('validation_reports')
        .values(validationReportToDb(row))
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return changed(result);
    },
    async getValidationReport(id) {
      const row = await read
        .selectFrom('validation_reports')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && validationReportFromDb(row);
    },
    async listValidationReports(page) {
      let query = read.selectFrom('validation_reports').selectAll();
      if (page.datasetId !== undefined) query = query.where('dataset_id', '=', page.datasetId);
      if (page.integrationId !== undefined) query = query.where('integration_id', '=', page.integrationId);
      const { before } = page;
      if (before) {
        query = query.where((eb) =>
          eb.or([
            eb('submitted_at', '<', before.at),
            eb.and([eb('submitted_at', '=', before.at), eb('id', '<', before.id)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('submitted_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limitOf(page.limit))
        .execute();
      return rows.map(validationReportFromDb);
    },

    async appendAuditEntries(entries) {
      if (entries.length === 0) return;
      if (entries.length <= 500) return insertAuditEntries(db, entries);
      await db.transaction().execute((trx) => insertAuditEntries(trx, entries));
    },
    async listAudit(since, limit, filter = {}) {
      let query = read.selectFrom('audit').selectAll().where('seq', '>', since);
      if (filter.clientId !== undefined) query = query.where('client_id', '=', filter.clientId);
      if (filter.datasetId !== undefined) query = query.where('dataset_id', '=', filter.datasetId);
      const rows = await query.orderBy('seq').limit(limitOf(limit)).execute();
      return rows.map(auditFromDb);
    },
    sealAuditEntries: (limit, seal) => sealAuditEntries(db, dialect, limit, seal),
    async listAuditCheckpoints(since, limit) {
      const rows = await read
        .selectFrom('audit_checkpoints')
        .select(['number', 'jws', 'timestamp_token'])
        .where('number', '>', since)
        .orderBy('number')
        .limit(limitOf(limit))
        .execute();
      return rows.map((row) => ({
        number: Number(row.number),
        jws: row.jws,
        ...(row.timestamp_token !== null && { timestampToken: row.timestamp_token }),
      }));
    },
    async putAuditCheckpointTimestamp(number, token) {
      const result = await db
        .updateTable('audit_checkpoints')
        .set({ timestamp_token: token })
        .where('number', '=', number)
        .where('timestamp_token', 'is', null)
        .executeTakeFirst();
      return changed(result);
    },

    async keepSecret(name, candidate) {
      await db
        .insertInto('hub_secrets')
        .values({ name, value: candidate })
        .onConflict((conflict) => conflict.column('name').doNothing())
        .execute();
      const row = await db
        .selectFrom('hub_secrets')
        .select('value')
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      return row.value;
    },

    async listSecrets(prefix) {
      const rows = await read.selectFrom('hub_secrets').select(['name', 'value']).orderBy('name').execute();
      return rows.filter((row) => row.name.startsWith(prefix));
    },

    async readSetting(name) {
      const row = await read
        .selectFrom('hub_settings')
        .select('value')
        .where('name', '=', name)
        .executeTakeFirst();
      return row?.value;
    },

    async writeSetting(name, value) {
      if (value === undefined) {
        await db.deleteFrom('hub_settings').where('name', '=', name).execute();
        return;
      }
      const updated_at = new Date().toISOString();
      await db
        .insertInto('hub_settings')
        .values({ name, value, updated_at })
        .onConflict((conflict) => conflict.column('name').doUpdateSet({ value, updated_at }))
        .execute();
    },

    async ping() {
      await read.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    },
  };

  return guardedStore(methods, {
    kind: dialect,
    dialect,
    label,
    destroy: async () => {
      if (options.reader) await options.reader.destroy();
      await db.destroy();
    },
    ...(options.poolUsage ? { poolUsage: options.poolUsage } : {}),
  });
}
