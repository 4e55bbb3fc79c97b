import { newId } from '../crypto-helpers';
import type { HubMiddleware } from './hub-env';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id: the client's `X-Request-Id` when it is a valid one, else a new one; echoed in the answer. */
export const requestId: HubMiddleware = async (c, next) => {
  const given = c.req.raw.headers.get('x-request-id');
  const id = given !== null && REQUEST_ID.test(given) ? given : newId('req');
  c.set('requestId', id);
  await next();
  c.res.headers.set('x-request-id', id);
};
