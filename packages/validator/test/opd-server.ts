import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake OPD system received. */
export interface OpdRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** How many requests came before this one for the same path and query, plus one. */
  nth: number;
}

/** What the fake OPD system answers. */
export interface OpdAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON body (sent as application/json unless `headers` say otherwise). */
  json?: unknown;
  /** A raw body. */
  text?: string;
  /** Hold the answer back this long. */
  delayMs?: number;
}

export interface OpdServer {
  url: string;
  requests: OpdRequest[];
  /** Most requests in flight at once. */
  maxInFlight: number;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 (OS-chosen port) that plays an OPD system: `handler` decides each answer.
 * `close()` drops open connections (a hanging answer included) and stops the server.
 */
export async function startOpdServer(
  handler: (request: OpdRequest) => OpdAnswer | Promise<OpdAnswer>,
): Promise<OpdServer> {
  const requests: OpdRequest[] = [];
  const counts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  const state = { maxInFlight: 0 };
  const server: Server = createServer(async (req, res) => {
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    res.on('close', () => {
      inFlight--;
    });
    for await (const _ of req) {
      // drain the body
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const id = `${url.pathname}?${url.searchParams.toString()}`;
    const nth = (counts.get(id) ?? 0) + 1;
    counts.set(id, nth);
    const request: OpdRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      nth,
    };
    requests.push(request);
    const answer = await handler(request);
    if (answer.delayMs) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, answer.delayMs);
        timers.add(timer);
        res.on('close', () => {
          clearTimeout(timer);
          timers.delete(timer);
          resolve();
        });
      });
    }
    if (res.destroyed) return;
    const body = answer.text ?? JSON.stringify(answer.json ?? null);
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Splits records into pages of `size`; page numbers from 1. */
export function pagesOf<T>(records: T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < records.length; i += size) pages.push(records.slice(i, i + size));
  return pages;
}
