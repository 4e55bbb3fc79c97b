import { authenticateKey, bearerKey } from '../access-control';
import { identify } from '../middleware/authenticate';
import type { HubMiddlewareFactory } from '../middleware/hub-env';
import { sessionCaller } from './dashboard';

/**
 * The dashboard's own identification: an `Authorization: Bearer` key when one is sent (a wrong key
 * answers 401), else the session cookie of `/dashboard/login`; without either the caller is `null` and
 * the dashboard redirects to the login page.
 */
export const dashboardSession: HubMiddlewareFactory = (core) => async (c, next) => {
  const request = c.req.raw;
  const caller = await identify(core, c, async () => {
    const key = bearerKey(request);
    return key === undefined ? sessionCaller(core, request) : authenticateKey(core, key);
  });
  c.set('caller', caller);
  await next();
};

/**
 * The session cookie's account alone, for the sign-out: it names in the audit log whose session ended,
 * and never refuses (a sign-out with a stale cookie or a stray `Authorization` header still signs out).
 */
export const dashboardSessionCookie: HubMiddlewareFactory = (core) => async (c, next) => {
  c.set('caller', await sessionCaller(core, c.req.raw));
  await next();
};
