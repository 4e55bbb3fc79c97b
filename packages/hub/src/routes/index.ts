import type { RouteHandler } from '../request-context';
import type { OperationId } from '../spec-operations';
import { auditRoutes } from './audit';
import { clientRoutes } from './clients';
import { contractRoutes } from './contracts';
import { dashboardRoutes } from './dashboard';
import { datasetRoutes } from './datasets';
import { integrationRoutes } from './integrations';
import { metaRoutes } from './meta';
import { recordRoutes } from './records';
import { validationReportRoutes } from './validation-reports';

/** The handler of every operation of the spec; the type makes a missing one a compile error. */
export const ROUTES: Record<OperationId, RouteHandler> = {
  ...metaRoutes,
  ...contractRoutes,
  ...datasetRoutes,
  ...recordRoutes,
  ...clientRoutes,
  ...integrationRoutes,
  ...validationReportRoutes,
  ...auditRoutes,
  ...dashboardRoutes,
};
