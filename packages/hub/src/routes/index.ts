import type { OperationId } from '@tukar/spec/operations';
import type { OperationSteps } from '../middleware/hub-env';
import type { RouteTable } from '../request-context';
import { auditRoutes } from './audit';
import { limitBatchSize } from './batch-size';
import { clientRoutes } from './clients';
import { contractRoutes } from './contracts';
import { dashboardRoutes } from './dashboard';
import { dashboardSession, dashboardSessionCookie } from './dashboard-session';
import { dashboardSsoRoutes } from './dashboard-sso';
import { datasetRoutes } from './datasets';
import { integrationRoutes } from './integrations';
import { metaRoutes } from './meta';
import { recordRoutes } from './records';
import { validationReportRoutes } from './validation-reports';

/** The handler of every operation of the spec; the type makes a missing one a compile error. */
export const ROUTES: RouteTable = {
  ...metaRoutes,
  ...contractRoutes,
  ...datasetRoutes,
  ...recordRoutes,
  ...clientRoutes,
  ...integrationRoutes,
  ...validationReportRoutes,
  ...auditRoutes,
  ...dashboardRoutes,
  ...dashboardSsoRoutes,
};

/** The steps some operations add to the shared request path, kept with their routes. */
export const OPERATION_STEPS: Partial<Record<OperationId, OperationSteps>> = {
  getDashboard: { identify: dashboardSession },
  // The sign-out is audited with the account whose session it ends.
  postDashboardLogout: { identify: dashboardSessionCookie },
  pushRecords: { body: limitBatchSize },
};
