// The bare stores the hub benches compare against: the same tables as the hub's (records and changes,
// same primary keys), written and read with nothing between the data and the driver. Writes do what a
// hub batch does to its rows: parse the body, upsert every record, append every change, in one
// transaction.
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A bare store: a batch write and a page read, each as the hub's tables need. */
export interface BareStore {
  /** Parses the push body `{"upsert":[…]}` and writes its records and their changes in one transaction. */
  push(body: string, keyField: string): Promise<void> | void;
  /** The changes after `since`, at most `limit`, in order, as [seq, op, key, at, json] rows. */
  changes(since: number, limit: number): Promise<ChangeRow[]> | ChangeRow[];
  /** The records after the key `after`, at most `limit`, in key order. */
  records(after: string | undefined, limit: number): Promise<RecordRow[]> | RecordRow[];
  close(): Promise<void> | void;
}

export interface ChangeRow {
  seq: number;
  op: string;
  key: string;
  at: string;
  json: string | null;
}
export interface RecordRow {
  key: string;
  seq: number;
  updated_at: string;
  json: string;
}

const DATASET = 'dinkes.puskesmas';

/** better-sqlite3 with the hub's pragmas: prepared upserts and inserts in one transaction. */
export function bareSqlite(dir: string): BareStore {
  const db = new Database(join(dir, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -32768');
  db.exec(`create table records (dataset_id text not null, key text not null, seq integer not null,
    updated_at text not null, json text not null, primary key (dataset_id, key));
    create table changes (dataset_id text not null, seq integer not null, op text not null, key text not null,
    at text not null, json text, primary key (dataset_id, seq))`);
  const upsert = db.prepare(`insert into records values (?, ?, ?, ?, ?) on conflict (dataset_id, key)
    do update set seq = excluded.seq, updated_at = excluded.updated_at, json = excluded.json`);
  const append = db.prepare('insert into changes values (?, ?, ?, ?, ?, ?)');
  const changes = db.prepare(
    'select seq, op, key, at, json from changes where dataset_id = ? and seq > ? order by seq limit ?',
  );
  const records = db.prepare(
    'select key, seq, updated_at, json from records where dataset_id = ? and key > ? order by key limit ?',
  );
  let seq = 0;
  const write = db.transaction((body: string, keyField: string) => {
    const at = new Date().toISOString();
    for (const record of (JSON.parse(body) as { upsert: Array<Record<string, unknown>> }).upsert) {
      const json = JSON.stringify(record);
      const key = String(record[keyField]);
      seq++;
      upsert.run(DATASET, key, seq, at, json);
      append.run(DATASET, seq, 'upsert', key, at, json);
    }
  });
  return {
    push: (body, keyField) => write(body, keyField),
    changes: (since, limit) => changes.all(DATASET, since, limit) as ChangeRow[],
    records: (after, limit) => records.all(DATASET, after ?? '', limit) as RecordRow[],
    close: () => void db.close(),
  };
}

/** COPY text: a backslash doubled (JSON text has no raw tab or newline). */
const copyText = (value: string) => value.replaceAll('\\', '\\\\');

/** pg in `schema`: each batch COPYs its records into a staging table, upserts them, and COPYs its changes. */
export async function barePostgres(url: string, schema: string): Promise<BareStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` });
  pool.on('error', () => {});
  await pool.query(`create table records (dataset_id text collate "C" not null, key text collate "C" not null,
    seq bigint not null, updated_at text collate "C" not null, json text collate "C" not null,
    constraint records_pk primary key (dataset_id, key));
    create table changes (dataset_id text collate "C" not null, seq bigint not null, op text collate "C" not null,
    key text collate "C" not null, at text collate "C" not null, json text collate "C",
    constraint changes_pk primary key (dataset_id, seq))`);
  let seq = 0;
  return {
    async push(body, keyField) {
      const at = new Date().toISOString();
      let recordsText = '';
      let changesText = '';
      for (const record of (JSON.parse(body) as { upsert: Array<Record<string, unknown>> }).upsert) {
        const json = copyText(JSON.stringify(record));
        const key = copyText(String(record[keyField]));
        seq++;
        recordsText += `${DATASET}\t${key}\t${seq}\t${at}\t${json}\n`;
        changesText += `${DATASET}\t${seq}\tupsert\t${key}\t${at}\t${json}\n`;
      }
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query('create temp table staging (like records) on commit drop');
        await pipeline([recordsText], client.query(copyFrom('copy staging from stdin')));
        await client.query(`insert into records select * from staging on conflict (dataset_id, key)
          do update set seq = excluded.seq, updated_at = excluded.updated_at, json = excluded.json`);
        await pipeline([changesText], client.query(copyFrom('copy changes from stdin')));
        await client.query('commit');
      } finally {
        client.release();
      }
    },
    async changes(since, limit) {
      const { rows } = await pool.query<ChangeRow>(
        'select seq, op, key, at, json from changes where dataset_id = $1 and seq > $2 order by dataset_id, seq limit $3',
        [DATASET, since, limit],
      );
      return rows;
    },
    async records(after, limit) {
      const { rows } = await pool.query<RecordRow>(
        'select key, seq, updated_at, json from records where dataset_id = $1 and key > $2 order by dataset_id, key limit $3',
        [DATASET, after ?? '', limit],
      );
      return rows;
    },
    close: () => pool.end(),
  };
}
