// biome-ignore-all assist/source/organizeImports: exports are grouped by concern, with a comment per group.
/**
 * The reference Tukar exchange hub: every operation of the `@tukar/spec` document as a Hono app over a
 * {@link Store}. This entry runs anywhere (Node, browsers, msw); the SQLite and PostgreSQL stores and
 * the HTTP server are in `@tukar/hub/node`.
 *
 * @packageDocumentation
 */

// The hub
export type { Hub, HubOptions } from './create-hub';
export { createHub, DEFAULT_RATE_LIMIT } from './create-hub';
export type { HubLogLine } from './request-context';
export type { RateLimit } from './rate-limiter';

// Stores
export type * from './store';
export { createMemoryStore } from './memory-store';

// Keys and audit
export { API_KEY_PATTERN, generateApiKey } from './api-key';
export { verifyAuditChain } from './audit-log';
export { auditKeyDigest } from './audit-key-digest';

// Errors and helpers
export type { ProblemCode, ProblemExtras } from './hub-problem';
export { HubProblem } from './hub-problem';
export { canonicalJson } from './canonical-json';
export { stepDeadline } from './working-days';
