import type { Writable } from 'node:stream';

/** The connection's side of an answer (an HTTP/1.1 or HTTP/2 server response). */
export type AnswerSink = Writable & { writeHead(status: number, headers: Record<string, string>): unknown };

/**
 * Whether an answer is sent as it is produced (a large page, read slice by slice): it says so with
 * `transfer-encoding: chunked`, and its body is a stream that can fail part-way.
 */
export function isStreamedAnswer(response: Response): boolean {
  return response.headers.get('transfer-encoding') === 'chunked';
}

/**
 * Writes a streamed answer to the connection. If its body fails part-way, the connection is cut, so that
 * the caller sees an incomplete answer (and asks again), never a complete-looking one with a part
 * missing; the route has logged why. Resolves to what tells @hono/node-server that the answer is sent.
 */
export async function writeStreamedAnswer(response: Response, outgoing: AnswerSink): Promise<Response> {
  // The headers before the body: @hono/node-server's Response, once its `body` is read, is rebuilt from
  // what it was made with, without the headers set on it since (`x-request-id`, `ratelimit`, …).
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'transfer-encoding') headers[name] = value;
  });
  const { status } = response;
  const body = response.body;
  outgoing.writeHead(status, headers);
  try {
    const reader = body?.getReader();
    for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) {
      if (outgoing.destroyed) {
        reader?.cancel().catch(() => undefined); // the caller has gone: stop reading the page
        break;
      }
      if (!outgoing.write(next.value)) await drainedOrClosed(outgoing);
    }
    if (!outgoing.destroyed) outgoing.end();
  } catch {
    outgoing.destroy();
  }
  return new Response(null, { headers: { 'x-hono-already-sent': 'true' } });
}

/** Resolves when the connection can take more, or is gone (a caller that stopped reading and left). */
function drainedOrClosed(outgoing: AnswerSink): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      outgoing.off('drain', done);
      outgoing.off('close', done);
      resolve();
    };
    outgoing.on('drain', done);
    outgoing.on('close', done);
  });
}
