import { requestAuditInput } from '../audit-log';
import { sha256Hex } from '../crypto-helpers';
import type { HubMiddlewareFactory } from './hub-env';

/**
 * Writes every answer, refused ones included (but rate-limit refusals, which are counted), to the audit
 * log: who, what, dataset, status, request id and the SHA-256 of the body (computed once, on demand, for
 * the route too). A route that stored the entry with its write (a committed batch) says so, and nothing
 * more is written. The entry of a read (GET, HEAD) is buffered and written off the request path; the
 * entry of any other request is written before the answer leaves. A failed write is logged; the answer
 * stands.
 */
export const audit: HubMiddlewareFactory = (core) => async (c, next) => {
  let digest: Promise<string | null> | undefined;
  c.set('bodySha256', () => {
    const raw = c.get('rawBody');
    digest ??= raw && raw.byteLength > 0 ? sha256Hex(raw) : Promise.resolve(null);
    return digest;
  });
  await next();
  if (c.get('audited') === 'with-write') return;
  // A refusal of the rate limit is counted, not written: a flood must not become a flood of writes.
  if (c.res.status === 429) {
    core.counters.rateLimited++;
    return;
  }
  const input = requestAuditInput(c.req.raw, {
    at: core.now().toISOString(),
    requestId: c.get('requestId'),
    clientId: c.get('caller')?.client.id ?? null,
    datasetId: c.get('datasetId') ?? null,
    status: c.res.status,
    bodySha256: await c.get('bodySha256')(),
  });
  // A read writes nothing on its own path: its entry is buffered and written with others.
  if (c.req.method === 'GET' || c.req.method === 'HEAD') {
    core.audit.record(input);
    return;
  }
  try {
    await core.audit.append(input);
  } catch (error) {
    core.log({
      level: 'error',
      msg: 'audit append failed',
      requestId: c.get('requestId'),
      error: error instanceof Error ? error.message : String(error),
    });
  }
};
