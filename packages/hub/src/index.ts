// biome-ignore-all assist/source/organizeImports: exports are grouped by concern, with a comment per group.
/**
 * The reference Tukar exchange hub: every operation of the `@tukar/spec` document as a Hono app over a
 * {@link Store}. This entry runs anywhere (Node, browsers, msw); the SQLite and PostgreSQL stores and
 * the HTTP server are in `@tukar/hub/node`.
 *
 * @packageDocumentation
 */

// The hub
export type { Hub, HubOptions } from './hub-options';
export { createHub } from './create-hub';
export { DEFAULT_RATE_LIMIT } from './hub-options';
export type { Caller, HubLogLine } from './request-context';
export type { HubEnv, HubVariables } from './middleware/hub-env';
export type { LimitDecision, RateLimit, RequestLimiter } from './rate-limiter';
export type { HubObserver, RequestEvent } from './metrics/request-event';

// Single sign-on to the dashboard (OpenID Connect)
export type { OidcOptions } from './oidc/oidc-options';

// Stores: one part per concern, `Store` the combination
export type { Store, StoreKind, StorePoolUsage } from './store';
export type { ContractStore, ContractVersionRow } from './store/contract-store';
export type { ChangeItems, ChangeRow, DatasetRow, DatasetStore, RecordRow } from './store/dataset-store';
export type {
  BatchCounts,
  BatchInput,
  BatchOutcome,
  IdempotencyInput,
  IdempotencyRecord,
} from './store/batch';
export type {
  ApiKeyRow,
  ClientRow,
  ClientSigningKeyRow,
  ClientStore,
  GrantRow,
} from './store/client-store';
export type {
  AttachmentRow,
  IntegrationRow,
  IntegrationStore,
  ValidationReportRow,
} from './store/integration-store';
export type {
  AuditCheckpointRow,
  AuditEntryInput,
  AuditRow,
  AuditSealer,
  AuditStore,
} from './store/audit-store';
export type { AfterPage, BeforePage } from './store/pages';
export { createMemoryStore } from './memory-store';

// Keys and audit
export { API_KEY_PATTERN, generateApiKey } from './api-key';
export { auditEvidenceBundle, verifyStoredAudit } from './audit-log';
export { auditLeafHash, type AuditLeafContent } from './evidence/audit-leaf';
export { AuditKeySetError, type AuditEvidence, verifyAuditEvidence } from './evidence/verify-audit-evidence';
export { auditKeyDigest } from './audit-key-digest';
export { BATCH_STATEMENT_TYPE, batchStatement } from './evidence/origin-signature';

// Errors and helpers
export type { ProblemCode, ProblemExtras } from './hub-problem';
export { HubProblem } from './hub-problem';
export { canonicalJson } from './canonical-json';
export { durationDeadline, type StepDurationLimit, type StepTimeLimit, stepDeadline } from './working-days';
export { procedureRoleOf } from './procedure-role';

// Working-day calendar: national holidays and cuti bersama
export type { HolidayCalendar, HolidayCalendarOptions, HolidayLibrary } from './calendar/holiday-calendar';
export { createHolidayCalendar, indonesianHolidays, NO_HOLIDAYS } from './calendar/holiday-calendar';
export type { Holiday, HolidayList } from './calendar/holiday-list';
export { parseHolidayList } from './calendar/holiday-list';
export { SKB_2026 } from './calendar/skb-2026';
