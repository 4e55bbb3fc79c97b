// The bare side of the records-page bench: a plain node:http handler, in its own process, reading a page
// of records from the hub's own store (argv[2]: `sqlite:<directory>` or `postgres:<url>#<schema>`) with one
// prepared query and answering the bytes the hub answers (same items, same cursor). No authentication,
// no checks, no audit. Prints its URL as the first stdout line; exits on stdin "exit".
import { createServer } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

const where = String(process.argv[2]);
const DATASET = 'dinkes.puskesmas';
let page;
if (where.startsWith('postgres:')) {
  const [url, schema] = where.slice('postgres:'.length).split('#');
  const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` });
  page = async (after, limit) =>
    (
      await pool.query({
        name: 'page',
        text: 'select key, seq, updated_at, json from records where dataset_id = $1 and key > $2 order by dataset_id, key limit $3',
        values: [DATASET, after, limit],
      })
    ).rows;
} else {
  const db = new Database(join(where.slice('sqlite:'.length), 'hub.db'), { readonly: true });
  const statement = db.prepare(
    'select key, seq, updated_at, json from records where dataset_id = ? and key > ? order by dataset_id, key limit ?',
  );
  page = async (after, limit) => statement.all(DATASET, after, limit);
}
const cursor = (key) =>
  btoa(JSON.stringify({ k: key }))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const server = createServer(async (request, response) => {
  const query = new URL(request.url ?? '/', 'http://bare').searchParams;
  const limit = Number(query.get('limit') ?? 100);
  const after = query.get('cursor') ? JSON.parse(atob(query.get('cursor'))).k : '';
  const rows = await page(after, limit + 1);
  const items = rows
    .slice(0, limit)
    .map(
      (r) =>
        `{"key":${JSON.stringify(r.key)},"seq":${r.seq},"updatedAt":"${r.updated_at}","record":${r.json}}`,
    );
  const last = rows[limit - 1];
  const next = rows.length > limit && last ? JSON.stringify(cursor(last.key)) : 'null';
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(`{"items":[${items.join(',')}],"nextCursor":${next}}`);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text) => {
  if (String(text).includes('exit')) process.exit(0);
});
