import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fixture server received. */
export interface ReceivedRequest {
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What a route answers. `delayMs` holds the answer back (for timeouts). */
export interface FixtureAnswer {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** A body that is not JSON, sent as text/plain (a proxy's error page). */
  text?: string;
  problem?: Record<string, unknown>;
  delayMs?: number;
}

export type FixtureRoute = (request: ReceivedRequest, nth: number) => FixtureAnswer | Promise<FixtureAnswer>;

/**
 * A small HTTP server on 127.0.0.1 with an OS-chosen port that plays the hub for client tests:
 * routes are `"METHOD /path"` (path without query); every request is recorded.
 */
export interface FixtureServer {
  url: string;
  requests: ReceivedRequest[];
  route(key: string, handler: FixtureRoute): void;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, FixtureRoute>();
  const counts = new Map<string, number>();
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const received: ReceivedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: Date.now(),
    };
    requests.push(received);
    const key = `${received.method} ${received.path}`;
    const nth = (counts.get(key) ?? 0) + 1;
    counts.set(key, nth);
    const handler = routes.get(key);
    const answer: FixtureAnswer = handler
      ? await handler(received, nth)
      : { status: 404, problem: { code: 'not_found', title: `no fixture route for ${key}` } };
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    if (res.destroyed) return;
    const requestId = String(req.headers['x-request-id'] ?? 'fixture');
    const headers: Record<string, string> = { 'x-request-id': requestId, ...answer.headers };
    const status = answer.status ?? 200;
    if (answer.problem) {
      headers['content-type'] = 'application/problem+json';
      res.writeHead(status, headers);
      res.end(JSON.stringify({ type: 'about:blank', status, requestId, ...answer.problem }));
      return;
    }
    if (answer.text !== undefined) {
      res.writeHead(status, { ...headers, 'content-type': 'text/plain' });
      res.end(answer.text);
      return;
    }
    headers['content-type'] = 'application/json';
    res.writeHead(status, headers);
    res.end(JSON.stringify(answer.json ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (key, handler) => routes.set(key, handler),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
