import type { OperationId } from '@tukar/spec/operations';
import type { HubMiddleware } from '../middleware/hub-env';
import type { HubCore } from '../request-context';

/** The problem code of an error answer (read from a copy of its body), or `null`. */
async function problemCode(response: Response): Promise<string | null> {
  if (response.status < 400) return null;
  if (!response.headers.get('content-type')?.startsWith('application/problem+json')) return null;
  try {
    const { code } = (await response.clone().json()) as { code?: unknown };
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}

/** Upserts plus deletes of a push body. */
function batchSize(body: unknown): number {
  if (typeof body !== 'object' || body === null) return 0;
  let n = 0;
  for (const value of Object.values(body)) if (Array.isArray(value)) n += value.length;
  return n;
}

/**
 * Tells the hub's observer (metrics) about every answered request: its operation, status, problem code
 * and duration; a batch's size; a changes-feed read's `since`. Does nothing without an observer.
 */
export function observeRequest(core: HubCore, operation: OperationId | null): HubMiddleware {
  return async (c, next) => {
    const observer = core.observer;
    if (!observer) return next();
    const started = performance.now();
    await next();
    const durationMs = performance.now() - started;
    try {
      const since =
        operation === 'listChanges' ? Number(c.get('parameters')?.query['since'] ?? 0) : undefined;
      observer.request({
        operation,
        status: c.res.status,
        code: await problemCode(c.res),
        durationMs,
        datasetId: c.get('datasetId') ?? null,
        clientId: c.get('caller')?.client.id ?? null,
        ...(operation === 'pushRecords' && c.res.status < 300 ? { records: batchSize(c.get('body')) } : {}),
        ...(since !== undefined && Number.isFinite(since) && c.res.status === 200 ? { since } : {}),
      });
    } catch (error) {
      core.log({ level: 'warn', msg: 'metrics observer failed', error: (error as Error).message });
    }
  };
}
