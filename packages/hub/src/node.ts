// biome-ignore-all assist/source/organizeImports: exports are grouped by concern, with a comment per group.
/**
 * The hub on Node: the HTTP server with graceful shutdown, and the SQLite and PostgreSQL stores.
 *
 * @packageDocumentation
 */

// Serving
export type { RunningHub, ServeHubOptions } from './serve-hub';
export { serveHub } from './serve-hub';
export type { ServerLimits } from './server-limits';
export { DEFAULT_SERVER_LIMITS } from './server-limits';
export { openRateLimiter } from './shared-rate-limiter';
export { loadHolidayCalendar } from './calendar/holiday-files';
export { loadProcedureFiles } from './procedure-files';
export type { HubMetrics } from './metrics/hub-metrics';
export { hubMetrics } from './metrics/hub-metrics';

// Stores
export { openStore } from './open-store';
export type { SqliteStoreOptions } from './sqlite-store';
export { openSqliteStore } from './sqlite-store';
export type { PostgresStoreOptions } from './postgres-store';
export { openPostgresStore } from './postgres-store';
