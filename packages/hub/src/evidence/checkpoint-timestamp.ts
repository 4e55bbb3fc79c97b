// Asks an RFC 3161 time-stamping authority to countersign a checkpoint.
import { base64url } from 'jose';
import {
  freshNonce,
  readTimestampToken,
  stampsDigest,
  timestampRequest,
  tokenOfResponse,
} from './timestamp-token';

/** Where and how the hub gets its checkpoints time-stamped. */
export interface TimestampAuthorityOptions {
  /** The authority's URL (HTTP POST of `application/timestamp-query`, RFC 3161 §3.4). */
  url: string;
  /** Time limit of one request in ms (default 10,000). */
  timeoutMs?: number;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
}

/** The SHA-256 of a checkpoint's JWS text: what the authority stamps. */
export async function checkpointDigest(jws: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(jws)));
}

function base64(bytes: Uint8Array): string {
  return (
    base64url.encode(bytes).replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((3 - (bytes.length % 3)) % 3)
  );
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * The authority's time-stamp token (DER, base64) over the SHA-256 of `jws`. Throws, naming the
 * authority and the cause, when it cannot be reached, refuses, or answers a token over something else.
 */
export async function timestampCheckpoint(jws: string, options: TimestampAuthorityOptions): Promise<string> {
  const digest = await checkpointDigest(jws);
  const nonce = freshNonce();
  const request = timestampRequest(digest, nonce);
  const where = `the time-stamping authority ${options.url}`;
  let answer: Response;
  try {
    answer = await (options.fetch ?? fetch)(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: request as Uint8Array<ArrayBuffer>,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw new Error(`${where} cannot be reached: ${(error as Error).message}`, { cause: error });
  }
  if (!answer.ok) throw new Error(`${where} answered HTTP ${answer.status}.`);
  const reply = tokenOfResponse(new Uint8Array(await answer.arrayBuffer()));
  if ('reason' in reply) throw new Error(`${where}: ${reply.reason}.`);
  let statement: ReturnType<typeof readTimestampToken>;
  try {
    statement = readTimestampToken(reply.token);
  } catch (error) {
    throw new Error(`${where} answered a token that cannot be read (${(error as Error).message}).`);
  }
  if (!stampsDigest(statement, digest))
    throw new Error(`${where} stamped another digest than the checkpoint's.`);
  if (!sameBytes(statement.nonce, nonce)) {
    throw new Error(`${where} answered with another nonce (a replayed answer?).`);
  }
  return base64(reply.token);
}
