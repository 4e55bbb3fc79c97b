// Which store failures the hub answers 503 store_unavailable (retry later) rather than 500.
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError, storeFaultOf } from '../src/kysely/store-fault';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('storeFaultOf', () => {
  it.each([
    [
      'a terminated backend (57P01)',
      withCode('terminating connection due to administrator command', '57P01'),
      /ended the connection/,
    ],
    [
      'a refused connection',
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      /cannot be reached/,
    ],
    ['a connection exception (class 08)', withCode('connection failure', '08006'), /connection was lost/],
    [
      'a lost connection without a code',
      new Error('Connection terminated unexpectedly'),
      /connection was lost/,
    ],
    ['a pool timeout', new Error('timeout exceeded when trying to connect'), /did not answer in time/],
    [
      'a full SQLite disk',
      withCode('database or disk is full', 'SQLITE_FULL'),
      /disk of the SQLite store is full/,
    ],
    ['a busy SQLite file', withCode('database is locked', 'SQLITE_BUSY'), /locked by another writer/],
    [
      'a read-only SQLite file',
      withCode('attempt to write a readonly database', 'SQLITE_READONLY'),
      /read-only/,
    ],
  ])('answers %s as unavailable, with a reason and a wait', (_name, error, reason) => {
    const fault = storeFaultOf(error);
    expect(fault?.reason).toMatch(reason);
    expect(fault?.retryAfter).toBeGreaterThan(0);
  });

  it('finds the fault in the cause chain and in an AggregateError', () => {
    const refused = withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED');
    expect(
      storeFaultOf(new Error('The PostgreSQL store failed in getDataset', { cause: refused })),
    ).toBeDefined();
    expect(storeFaultOf(new AggregateError([new Error('x'), refused]))).toBeDefined();
    const wrapped = new StoreUnavailableError('The store is unavailable', { reason: 'r', retryAfter: 3 });
    expect(storeFaultOf(new Error('outer', { cause: wrapped }))).toEqual({ reason: 'r', retryAfter: 3 });
  });

  it('leaves other failures alone (they stay 500 or their own answer)', () => {
    expect(storeFaultOf(withCode('duplicate key value violates unique constraint', '23505'))).toBeUndefined();
    expect(storeFaultOf(withCode('syntax error', '42601'))).toBeUndefined();
    expect(storeFaultOf(withCode('constraint failed', 'SQLITE_CONSTRAINT_UNIQUE'))).toBeUndefined();
    expect(storeFaultOf(new TypeError('Cannot read properties of undefined'))).toBeUndefined();
    expect(storeFaultOf('a string')).toBeUndefined();
  });

  it('never quotes the driver message, which may hold a stored value', () => {
    const fault = storeFaultOf(
      withCode('could not write block for key 3207011203850001: No space left', '53100'),
    );
    expect(fault?.reason).not.toContain('3207011203850001');
  });
});
