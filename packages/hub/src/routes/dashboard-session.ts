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
