import type { SpecOperation } from '@tukar/spec/operations';
import { requireAdmin } from '../access-control';
import type { HubMiddleware } from './hub-env';

/** Operations the spec marks `x-tukar-role: admin` answer 403 to other clients. */
export function requireRole(op: SpecOperation): HubMiddleware {
  return async (c, next) => {
    const caller = c.get('caller');
    if (caller && op.role === 'admin') requireAdmin(op.id, caller);
    await next();
  };
}
