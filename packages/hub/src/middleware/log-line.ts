import type { HubMiddlewareFactory } from './hub-env';
import { pathnameOf } from './hub-env';

/**
 * The path as log lines show it: a record key becomes `{key}`. A key may be personal data (a NIK);
 * logs often travel further than the audit log, which keeps the whole path for administrators.
 */
export function loggedPath(pathname: string): string {
  return pathname.replace(/(\/records\/)[^/]+/, '$1{key}');
}

/** One log line per answered operation: method, path (keys hidden), status, duration and client. */
export const logLine: HubMiddlewareFactory = (core) => async (c, next) => {
  const started = Date.now();
  await next();
  core.log({
    level: c.res.status >= 500 ? 'error' : 'info',
    msg: 'request',
    requestId: c.get('requestId'),
    method: c.req.method,
    path: loggedPath(pathnameOf(c.req.raw)),
    status: c.res.status,
    durationMs: Date.now() - started,
    clientId: c.get('caller')?.client.id ?? null,
  });
};
