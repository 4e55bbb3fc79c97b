// contract → DDL → CREATE TABLE in the real database → tukar contract init from it → a contract whose
// diff to the original has no breaking change (under the original's compatibility mode). The table
// also takes the contract's examples.
import { randomBytes } from 'node:crypto';
import { breakingChanges, type Contract, diffContracts, toDdl } from '@tukar/contracts';
import { importDatabaseTable } from '@tukar/contracts/sql';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { exampleContracts } from './example-contracts';

const mysqlUrl = process.env.TUKAR_TEST_MYSQL_URL;
const pgUrl = process.env.TUKAR_TEST_PG_URL;

function headerOf(contract: Contract) {
  return {
    contract: contract.contract,
    version: contract.version,
    title: contract.title,
    owner: contract.owner,
    steward: contract.steward,
    classification: contract.classification,
    updateFrequency: contract.updateFrequency,
  };
}

/** Values as the drivers take them: nested objects and arrays as JSON text. */
function rowOf(example: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(example).map(([k, v]) => [k, v !== null && typeof v === 'object' ? JSON.stringify(v) : v]),
  );
}

function expectNoBreak(original: Contract, imported: Contract): void {
  // how the OPD serves the data (provider) is not in a table: the author writes it, as init says
  const next = { ...imported, compatibility: original.compatibility, provider: original.provider };
  const diff = diffContracts(original, next);
  const breaking = breakingChanges(diff.changes, original.compatibility);
  expect(breaking.map((c) => `${c.rule} ${c.path}: ${c.message}`)).toEqual([]);
}

const suffix = () => randomBytes(3).toString('hex');

if (!mysqlUrl) {
  describe.skip('DDL round trip on MariaDB (skipped: run with TUKAR_TEST_MYSQL_URL=mysql://root@127.0.0.1:3306/test)', () => {
    it('needs MariaDB', () => {});
  });
} else {
  describe('contract → MySQL DDL → MariaDB table → init', () => {
    it('every example contract comes back without a breaking change', async () => {
      const url = mysqlUrl;
      const connection = await mysql.createConnection(url);
      try {
        for (const { file, contract } of await exampleContracts()) {
          const table = `rt_${contract.contract.split('.').pop()?.replace(/-/g, '_')}_${suffix()}`;
          try {
            await connection.query(toDdl(contract, 'mysql', { table }));
            for (const example of contract.examples ?? []) {
              await connection.query(`INSERT INTO \`${table}\` SET ?`, [rowOf(example)]);
            }
            const result = await importDatabaseTable(url, table, headerOf(contract));
            expect(result.contract.primaryKey, file).toEqual(contract.primaryKey);
            expectNoBreak(contract, result.contract as Contract);
          } finally {
            await connection.query(`DROP TABLE IF EXISTS \`${table}\``);
          }
        }
      } finally {
        await connection.end();
      }
    });
  });
}

if (!pgUrl) {
  describe.skip('DDL round trip on PostgreSQL (skipped: run with TUKAR_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test)', () => {
    it('needs PostgreSQL', () => {});
  });
} else {
  describe('contract → PostgreSQL DDL → PostgreSQL table → init', () => {
    it('every example contract comes back without a breaking change', async () => {
      const url = pgUrl;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const { file, contract } of await exampleContracts()) {
          const table = `rt_${contract.contract.split('.').pop()?.replace(/-/g, '_')}_${suffix()}`;
          try {
            await client.query(toDdl(contract, 'postgresql', { table }));
            for (const example of contract.examples ?? []) {
              const row = rowOf(example);
              const names = Object.keys(row);
              await client.query(
                `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
                Object.values(row),
              );
            }
            const result = await importDatabaseTable(url, table, headerOf(contract));
            expect(result.contract.primaryKey, file).toEqual(contract.primaryKey);
            expectNoBreak(contract, result.contract as Contract);
          } finally {
            await client.query(`DROP TABLE IF EXISTS ${table}`);
          }
        }
      } finally {
        await client.end();
      }
    });
  });
}
