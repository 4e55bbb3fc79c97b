import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/** At most this many distinct statements get a name; any further one runs unnamed (parsed each time). */
const MAX_NAMED = 1_000;

/** Statements worth keeping prepared: queries and row changes (not `begin`, `commit` or DDL). */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * The pool as Kysely's PostgreSQL dialect sees it, with every query and row change sent as a named
 * prepared statement: each connection parses and plans a statement once and then only binds values to
 * it (a store's statements are a small fixed set, the same text every time). The name is given per SQL
 * text, the same on every connection, so a statement is never renamed.
 */
export function preparedStatementsPool(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_NAMED && PREPARABLE.test(text)) {
      name = `tukar_${names.size + 1}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        const query = (textOrCursor: unknown, values?: unknown[]): unknown => {
          if (typeof textOrCursor !== 'string') return client.query(textOrCursor as pg.Submittable);
          const name = nameOf(textOrCursor);
          return name === undefined
            ? client.query(textOrCursor, values)
            : client.query({ name, text: textOrCursor, values });
        };
        wrapper = { query: query as PostgresPoolClient['query'], release: () => client.release() };
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
