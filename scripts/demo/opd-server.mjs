// SIMPUS of Dinas Kesehatan as an http server on 127.0.0.1, serving the contract's provider endpoint
// (`GET /api/puskesmas` → `{ data, links: { next } }`), like examples/opd-provider but as plain
// JavaScript over the demo's own records. `string-counts` is the mistake the validator catches first.
import { createServer } from 'node:http';

/**
 * @param {{ records: object[], pageSize?: number, variant?: 'correct' | 'string-counts' }} options
 */
export async function startOpdServer({ records, pageSize = 500, variant = 'correct' }) {
  let current = variant;
  let origin = '';
  const send = (response, status, body) => {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    response.end(text);
  };
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    if (request.method !== 'GET' || url.pathname !== '/api/puskesmas') {
      send(response, 404, { error: `no route ${request.method} ${url.pathname}` });
      return;
    }
    const page = Number(url.searchParams.get('page') ?? '1');
    if (!Number.isInteger(page) || page < 1) {
      send(response, 400, { error: 'page must be a whole number from 1' });
      return;
    }
    const start = (page - 1) * pageSize;
    const data = records.slice(start, start + pageSize).map((record, i) =>
      // The broken build sends every 250th count as text ("68"), as a legacy export does.
      current === 'string-counts' && (start + i) % 250 === 7
        ? { ...record, jumlah_tenaga_kesehatan: String(record.jumlah_tenaga_kesehatan) }
        : record,
    );
    const next = start + pageSize < records.length ? `${origin}/api/puskesmas?page=${page + 1}` : null;
    send(response, 200, { data, links: { next }, meta: { page, total: records.length } });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    url: origin,
    /** The OPD deploys another build. */
    setVariant: (next) => {
      current = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
