import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PUSKESMAS, type Puskesmas } from './puskesmas-data';

/**
 * How the server answers. `correct` is SIMPUS as the contract says; each other variant is one mistake an
 * OPD system makes, for the verification to catch:
 * - `legacy-codes`: `kode_puskesmas` in the old `PKM-…` form instead of `P` + 10 digits;
 * - `string-counts`: `jumlah_tenaga_kesehatan` as text ("68") instead of an integer;
 * - `missing-wilayah`: records without `kode_wilayah`.
 */
export type ServerVariant = 'correct' | 'legacy-codes' | 'string-counts' | 'missing-wilayah';

/** Options of {@link startOpdServer}. */
export interface OpdServerOptions {
  variant?: ServerVariant;
  /** Records per page (default 2, so that pagination is exercised). */
  pageSize?: number;
  /** When set, requests must carry `Authorization: Bearer <token>`. */
  token?: string;
  /** Port (default 0: the OS chooses). Always on 127.0.0.1. */
  port?: number;
}

/** A running OPD server. */
export interface OpdServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  close(): Promise<void>;
}

function breakRecord(record: Puskesmas, variant: ServerVariant): Record<string, unknown> {
  switch (variant) {
    case 'legacy-codes':
      return { ...record, kode_puskesmas: record.kode_puskesmas.replace(/^P/, 'PKM-') };
    case 'string-counts':
      return { ...record, jumlah_tenaga_kesehatan: String(record.jumlah_tenaga_kesehatan) };
    case 'missing-wilayah': {
      const { kode_wilayah: _removed, ...rest } = record;
      return rest;
    }
    default:
      return { ...record };
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * SIMPUS's puskesmas endpoint, the way the contract dinkes.puskesmas describes it: `GET /api/puskesmas`
 * answers `{ data: [...], links: { next } }`, one page at a time (`?page=2`), `next` null on the last page.
 *
 * @example
 * ```ts
 * const server = await startOpdServer({ variant: 'correct' });
 * const page = await (await fetch(`${server.url}/api/puskesmas`)).json();
 * await server.close();
 * ```
 */
export async function startOpdServer(options: OpdServerOptions = {}): Promise<OpdServer> {
  const variant = options.variant ?? 'correct';
  const pageSize = options.pageSize ?? 2;
  let origin = '';
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', origin);
    if (options.token !== undefined && request.headers.authorization !== `Bearer ${options.token}`) {
      sendJson(response, 401, { error: 'unauthorized' });
      return;
    }
    if (request.method !== 'GET' || url.pathname !== '/api/puskesmas') {
      sendJson(response, 404, { error: `no route ${request.method} ${url.pathname}` });
      return;
    }
    const page = Number(url.searchParams.get('page') ?? '1');
    if (!Number.isInteger(page) || page < 1) {
      sendJson(response, 400, { error: 'page must be a whole number from 1' });
      return;
    }
    const start = (page - 1) * pageSize;
    const data = PUSKESMAS.slice(start, start + pageSize).map((record) => breakRecord(record, variant));
    const next = start + pageSize < PUSKESMAS.length ? `${origin}/api/puskesmas?page=${page + 1}` : null;
    sendJson(response, 200, { data, links: { next }, meta: { page, total: PUSKESMAS.length } });
  };
  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
