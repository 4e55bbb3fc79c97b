// SIMPUS of Dinas Kesehatan as an http server on 127.0.0.1, serving the contract's provider endpoint
// (`GET /api/puskesmas` → `{ data, links: { next } }`), like examples/opd-provider but over the demo's own
// records. `string-counts` is the mistake the validator catches first.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PuskesmasRecord } from './records';

/** Which build of SIMPUS answers: the correct one, or one that sends some counts as text. */
export type OpdVariant = 'correct' | 'string-counts';

/** A running OPD server. */
export interface OpdServer {
  url: string;
  /** The OPD deploys another build. */
  setVariant(next: OpdVariant): void;
  close(): Promise<void>;
}

/**
 * Starts the OPD endpoint on a free loopback port.
 *
 * @example
 * ```ts
 * const opd = await startOpdServer({ records, variant: 'string-counts' });
 * await fetch(`${opd.url}/api/puskesmas?page=1`);
 * await opd.close();
 * ```
 */
export async function startOpdServer({
  records,
  pageSize = 500,
  variant = 'correct',
}: {
  records: readonly PuskesmasRecord[];
  pageSize?: number;
  variant?: OpdVariant;
}): Promise<OpdServer> {
  let current = variant;
  let origin = '';
  const send = (response: ServerResponse, status: number, body: unknown) => {
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    setVariant: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
