import type { Store } from '../store';
import type { SqlDialectName } from './migrations';
import { StoreUnavailableError, storeFaultOf } from './store-fault';

/** What {@link guardedStore} needs besides the methods. */
export interface GuardOptions {
  kind: Store['kind'];
  dialect: SqlDialectName;
  /** Names the store in errors, e.g. `The SQLite store at /srv/hub.db`. */
  label: string;
  /** Releases the connections; called once, by the first `close()`. */
  destroy: () => Promise<void>;
  /** The pool's connections now, when the store has a pool. */
  poolUsage?: Store['poolUsage'];
}

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * The store made of `methods`, each guarded: a call on a closed store rejects with "<label> is closed.",
 * a failing call rejects with "<label> failed in <method>: <reason>" (the driver's error as `cause`),
 * and a call that failed because the store is unavailable (lost connection, full disk, see `storeFaultOf`)
 * rejects with a {@link StoreUnavailableError} the hub answers with 503.
 * On PostgreSQL, whose text cannot hold U+0000, an id or key with a NUL character finds nothing in a
 * `get…` lookup (no stored one can have it) and is refused with a clear error elsewhere.
 */
export function guardedStore(methods: Omit<Store, 'kind' | 'close'>, options: GuardOptions): Store {
  const { label, dialect } = options;
  let closed = false;
  let closing: Promise<void> | undefined;
  const store: Record<string, unknown> = {
    kind: options.kind,
    ...(options.poolUsage ? { poolUsage: options.poolUsage } : {}),
    close(): Promise<void> {
      closed = true;
      closing ??= options.destroy();
      return closing;
    },
  };
  for (const [name, method] of Object.entries(methods) as Array<[string, Method]>) {
    store[name] = async (...args: unknown[]) => {
      if (closed) throw new Error(`${label} is closed.`);
      if (dialect === 'postgres' && args.some((arg) => typeof arg === 'string' && arg.includes('\u0000'))) {
        if (name.startsWith('get')) return undefined;
        throw new Error(`${label} cannot hold text with a NUL character (U+0000), given to ${name}.`);
      }
      try {
        return await method(...args);
      } catch (error) {
        if (closed) throw new Error(`${label} is closed.`, { cause: error });
        const fault = storeFaultOf(error);
        if (fault) {
          throw new StoreUnavailableError(`${label} is unavailable in ${name}: ${fault.reason}.`, fault, {
            cause: error,
          });
        }
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${label} failed in ${name}: ${reason}`, { cause: error });
      }
    };
  }
  return store as unknown as Store;
}
