// A hub in a process of its own on a SQLite file, for fault.test.ts (run with `node --import tsx`).
// Env: TUKAR_FAULT_DB (the database file), TUKAR_ADMIN_KEY (the admin's key).
// Stdout, one line each, written synchronously (stdout is a pipe) so the parent sees them in order:
//   LISTENING <url>                 the hub answers on <url>
//   STORE <method> [<detail>]       the hub called the store (authentication, validation, the batch)
//   LOG <json>                      the hub's own log lines (requests, shutdown)
// SIGTERM and SIGINT run the hub's graceful shutdown; the process exits 0 once it is done.
import { writeSync } from 'node:fs';
import { serveHub } from '../src/serve-hub';
import { openSqliteStore } from '../src/sqlite-store';
import type { BatchInput, Store } from '../src/store';

function say(line: string): void {
  writeSync(1, `${line}\n`);
}

/** The store, telling the parent when the phases of a push begin and end. */
function traced(store: Store): Store {
  const announced = new Set<PropertyKey>(['getApiKeyByHash', 'getContractVersion']);
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'applyBatch') {
        return async (batch: BatchInput) => {
          const started = performance.now();
          say(`STORE applyBatch-start ${batch.upserts.length}`);
          const outcome = await target.applyBatch(batch);
          say(`STORE applyBatch-end ${outcome.kind} ${Math.round(performance.now() - started)}ms`);
          return outcome;
        };
      }
      if (announced.has(property)) {
        return (...args: unknown[]) => {
          say(`STORE ${String(property)}`);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

const file = process.env.TUKAR_FAULT_DB;
const adminKey = process.env.TUKAR_ADMIN_KEY;
if (!file || !adminKey) {
  process.stderr.write('fault-child: set TUKAR_FAULT_DB and TUKAR_ADMIN_KEY.\n');
  process.exit(2);
}
const running = await serveHub({
  store: traced(await openSqliteStore({ file })),
  adminKey,
  port: 0,
  rateLimit: false,
  // Every request reads its key, so `STORE getApiKeyByHash` marks each request's headers arriving.
  apiKeyCacheTtlMs: 0,
  handleSignals: true,
  log: (line) => say(`LOG ${JSON.stringify(line)}`),
});
say(`LISTENING ${running.url}`);
