/**
 * Which store failures mean "the store is unavailable right now" (retry later) rather than "this request
 * is wrong" or "the hub has a bug": a lost or refused database connection, a terminated backend, a
 * timeout, a full disk, a locked or read-only file. The hub answers those with 503 `store_unavailable`
 * and `Retry-After`, and recovers by itself once the store is back.
 */

/** A store fault: the reason a person reads (no driver text, which may quote values) and the wait. */
export interface StoreFault {
  /** E.g. `the database connection was lost`; never the driver's message (it may quote a value). */
  reason: string;
  /** Seconds a client should wait before retrying. */
  retryAfter: number;
}

/**
 * A store method failed because the store is unavailable (see {@link storeFaultOf}); the hub answers
 * 503 `store_unavailable` with `Retry-After`.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'store_unavailable';
  constructor(
    message: string,
    readonly fault: StoreFault,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const CONNECTION_LOST: StoreFault = { reason: 'the database connection was lost', retryAfter: 1 };
const UNREACHABLE: StoreFault = { reason: 'the database server cannot be reached', retryAfter: 5 };
const TIMED_OUT: StoreFault = { reason: 'the database did not answer in time', retryAfter: 5 };

/** PostgreSQL SQLSTATE codes (and classes) of unavailability. */
const PG_CODES: Record<string, StoreFault> = {
  '57P01': { reason: 'the database server ended the connection (administrator command)', retryAfter: 1 },
  '57P02': { reason: 'the database server ended the connection (crash shutdown)', retryAfter: 5 },
  '57P03': { reason: 'the database server is starting up or shutting down', retryAfter: 5 },
  '53300': { reason: 'the database server has no free connection', retryAfter: 2 },
  '53100': { reason: 'the database server’s disk is full', retryAfter: 30 },
  '53200': { reason: 'the database server is out of memory', retryAfter: 5 },
  '25006': { reason: 'the database is read-only (a standby or in recovery)', retryAfter: 10 },
};

/** Node socket error codes of unavailability. */
const SOCKET_CODES: Record<string, StoreFault> = {
  ECONNREFUSED: UNREACHABLE,
  EHOSTUNREACH: UNREACHABLE,
  ENETUNREACH: UNREACHABLE,
  EAI_AGAIN: UNREACHABLE,
  ECONNRESET: CONNECTION_LOST,
  EPIPE: CONNECTION_LOST,
  ETIMEDOUT: TIMED_OUT,
};

/** SQLite result codes (better-sqlite3's `code`, extended codes start with these). */
const SQLITE_CODES: Array<[prefix: string, fault: StoreFault]> = [
  ['SQLITE_FULL', { reason: 'the disk of the SQLite store is full', retryAfter: 30 }],
  ['SQLITE_BUSY', { reason: 'the SQLite file is locked by another writer', retryAfter: 1 }],
  ['SQLITE_LOCKED', { reason: 'the SQLite file is locked by another writer', retryAfter: 1 }],
  ['SQLITE_READONLY', { reason: 'the SQLite file is read-only', retryAfter: 30 }],
  ['SQLITE_IOERR', { reason: 'the SQLite file cannot be read or written (I/O error)', retryAfter: 10 }],
  ['SQLITE_CORRUPT', { reason: 'the SQLite file is damaged', retryAfter: 60 }],
  ['SQLITE_NOTADB', { reason: 'the SQLite file is not a database', retryAfter: 60 }],
  ['SQLITE_CANTOPEN', { reason: 'the SQLite file cannot be opened', retryAfter: 30 }],
];

/** Messages of node-postgres (and pg-pool) that have no code. */
const PG_MESSAGES: Array<[pattern: RegExp, fault: StoreFault]> = [
  [/timeout exceeded when trying to connect|connection timeout|query read timeout/i, TIMED_OUT],
  [/connection terminated|not queryable|connection (?:was )?(?:closed|ended)/i, CONNECTION_LOST],
  [/cannot use a pool after calling end/i, { reason: 'the store is closing', retryAfter: 5 }],
];

/**
 * The fault when `error` (or an error in its `cause` chain, or one of an `AggregateError`'s errors)
 * says the store is unavailable; `undefined` for any other failure.
 */
export function storeFaultOf(error: unknown, depth = 0): StoreFault | undefined {
  if (depth > 8 || error === null || typeof error !== 'object') return undefined;
  if (error instanceof StoreUnavailableError) return error.fault;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    const known = PG_CODES[code] ?? SOCKET_CODES[code];
    if (known) return known;
    if (code.startsWith('08')) return CONNECTION_LOST; // class 08: connection exception
    const sqlite = SQLITE_CODES.find(([prefix]) => code.startsWith(prefix));
    if (sqlite) return sqlite[1];
  }
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const fault = storeFaultOf(inner, depth + 1);
      if (fault) return fault;
    }
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && code === undefined) {
    const matched = PG_MESSAGES.find(([pattern]) => pattern.test(message));
    if (matched) return matched[1];
  }
  return storeFaultOf((error as { cause?: unknown }).cause, depth + 1);
}
