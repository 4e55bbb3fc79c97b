import { createMemoryStore } from './memory-store';
import { openPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';
import type { Store } from './store';

/**
 * Opens a store from one string, as `tukar-hub --store` and `TUKAR_STORE` take it:
 * `memory`, `sqlite:<file>` (or a path ending in `.db`/`.sqlite`), or a `postgres://`/`postgresql://` URL.
 *
 * @example
 * ```ts
 * const store = await openStore(process.env.TUKAR_STORE ?? 'sqlite:./.tukar/hub.db');
 * ```
 */
export async function openStore(location: string): Promise<Store> {
  const value = location.trim();
  if (value === 'memory') return createMemoryStore();
  if (/^postgres(ql)?:\/\//i.test(value)) return openPostgresStore({ url: value });
  if (value.startsWith('sqlite:')) return openSqliteStore({ file: value.slice('sqlite:'.length) });
  if (/\.(db|sqlite3?)$/i.test(value)) return openSqliteStore({ file: value });
  throw new Error(
    `Unknown store "${value}": use "memory", "sqlite:<file>" (e.g. sqlite:./.tukar/hub.db) or a postgres:// URL.`,
  );
}
