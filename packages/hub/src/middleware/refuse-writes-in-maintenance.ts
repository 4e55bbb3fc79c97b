import type { OperationId, SpecOperation } from '@tukar/spec/operations';
import { HubProblem } from '../hub-problem';
import type { HubCore } from '../request-context';
import type { HubMiddleware } from './hub-env';

/** Writes that go on during maintenance: the switch itself, and signing in and out of the dashboard. */
const ALLOWED: ReadonlySet<OperationId> = new Set<OperationId>([
  'setMaintenance',
  'postDashboardLogin',
  'postDashboardLogout',
]);

/**
 * While maintenance mode is on, an operation that writes (any method but GET) answers 503
 * `maintenance` with the switch's `Retry-After`; reads go on. Operations that only read pass untouched
 * (the state is not even looked up for them).
 */
export function refuseWritesInMaintenance(core: HubCore, op: SpecOperation): HubMiddleware {
  const writes = op.method !== 'GET' && !ALLOWED.has(op.id);
  return async (_c, next) => {
    if (writes) {
      const maintenance = await core.maintenance.current();
      if (maintenance.enabled) {
        const why = maintenance.reason ? ` (${maintenance.reason})` : '';
        throw new HubProblem(
          503,
          'maintenance',
          `The hub is in maintenance mode${why}: writes are paused, reads go on. Retry after ${maintenance.retryAfterSeconds} s.`,
          { retryAfter: maintenance.retryAfterSeconds },
        );
      }
    }
    await next();
  };
}
