import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The path the proxy answers provider-state change requests on. */
export const STATE_CHANGE_PATH = '/_tukar/provider-states';

/** What the Pact verifier posts to the state change URL. */
export interface StateChange {
  state: string;
  params: Record<string, unknown>;
  action: 'setup' | 'teardown';
}

/** Options of {@link startVerificationProxy}. */
export interface VerificationProxyOptions {
  /** Where requests are forwarded, e.g. the hub's base URL. */
  targetUrl: string;
  /** Handles a state change; resolves with values for provider-state expressions. */
  onStateChange(change: StateChange): Promise<Record<string, unknown>>;
  /** Rewrites the headers of a forwarded request (e.g. its `Authorization`). */
  rewriteHeaders?(headers: Headers): Promise<void> | void;
  /** Rewrites the target (`/path?query`) and body of a forwarded request. */
  rewriteRequest?(request: { target: string; body: Buffer; headers: Headers }): {
    target: string;
    body: Buffer;
  };
  /** Rewrites the text of an answer (JSON, problem+json, text) and its `Location` on the way back. */
  rewriteAnswer?(text: string): string;
  /** Largest request body accepted from the verifier (default 12 MiB). */
  maxBodyBytes?: number;
}

/** A running proxy. */
export interface VerificationProxy {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
]);

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * A loopback HTTP server between the Pact verifier and the provider: it answers the verifier's
 * provider-state calls itself (so states are set up in this process, with errors that reach the
 * verification result) and forwards every other request to the provider, rewriting headers on the way.
 *
 * @example
 * ```ts
 * const proxy = await startVerificationProxy({ targetUrl: hubUrl, onStateChange: async () => ({}) });
 * // verifier: providerBaseUrl = proxy.url, providerStatesSetupUrl = proxy.url + STATE_CHANGE_PATH
 * await proxy.close();
 * ```
 */
export async function startVerificationProxy(options: VerificationProxyOptions): Promise<VerificationProxy> {
  const target = options.targetUrl.replace(/\/+$/, '');
  const limit = options.maxBodyBytes ?? 12 * 1024 * 1024;

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!response.headersSent) sendJson(response, 502, { error: `verification proxy: ${message}` });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request, limit);
    if (request.method === 'POST' && request.url === STATE_CHANGE_PATH) {
      let change: StateChange;
      try {
        const parsed = JSON.parse(body.toString('utf8')) as Partial<StateChange>;
        change = {
          state: String(parsed.state ?? ''),
          params: parsed.params && typeof parsed.params === 'object' ? parsed.params : {},
          action: parsed.action === 'teardown' ? 'teardown' : 'setup',
        };
      } catch {
        sendJson(response, 400, { error: 'state change body is not JSON' });
        return;
      }
      try {
        sendJson(response, 200, await options.onStateChange(change));
      } catch (error) {
        // A failed state answers 500 with the reason: the verifier then fails the interaction with it.
        const message = error instanceof Error ? error.message : String(error);
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(message);
      }
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    }
    await options.rewriteHeaders?.(headers);
    const method = request.method ?? 'GET';
    const forwarded = options.rewriteRequest?.({ target: request.url ?? '/', body, headers }) ?? {
      target: request.url ?? '/',
      body,
    };
    const answer = await fetch(`${target}${forwarded.target}`, {
      method,
      headers,
      body:
        method === 'GET' || method === 'HEAD' || forwarded.body.length === 0
          ? undefined
          : new Uint8Array(forwarded.body),
      redirect: 'manual',
    });
    let payload = Buffer.from(await answer.arrayBuffer());
    const rewrite = options.rewriteAnswer;
    if (rewrite && /\b(json|text)\b/i.test(answer.headers.get('content-type') ?? '')) {
      payload = Buffer.from(rewrite(payload.toString('utf8')));
    }
    const out: Record<string, string | string[]> = {};
    answer.headers.forEach((value, name) => {
      if (HOP_BY_HOP.has(name) || name === 'content-encoding') return;
      if (rewrite && name === 'location') value = rewrite(value);
      const previous = out[name];
      out[name] =
        previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    });
    out['content-length'] = String(payload.length);
    response.writeHead(answer.status, out);
    response.end(payload);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
