// A hub in its own process, run from @tukar/hub's built JavaScript (no TypeScript loader), for the hub
// benches. argv[2] is the store: `sqlite:<directory>` or `postgres:<url>#<schema>`; TUKAR_ADMIN_KEY the
// admin key; the hub is packages/hub/dist, or BENCH_HUB_DIST another built dist directory (the "before" figures). Prints
// its URL as the first stdout line. On stdin "rss" it prints its peak RSS (VmHWM) in bytes; on "exit" it
// stops and exits (so that `--cpu-prof` writes its profile).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.env.BENCH_HUB_DIST ?? join(import.meta.dirname, '../packages/hub/dist'));
const { openPostgresStore, openSqliteStore, serveHub } = await import(
  pathToFileURL(join(dist, 'node.js')).href
);
const where = String(process.argv[2]);
const store = where.startsWith('postgres:')
  ? await openPostgresStore({
      url: where.slice('postgres:'.length).split('#')[0],
      schema: where.split('#')[1],
      poolSize: Number(process.env.BENCH_PG_POOL ?? 10),
    })
  : await openSqliteStore({ file: join(where.slice('sqlite:'.length), 'hub.db') });
const running = await serveHub({
  store,
  adminKey: process.env.TUKAR_ADMIN_KEY,
  rateLimit: false,
  port: 0,
  handleSignals: false,
});
process.stdout.write(`${running.url}\n`);
process.stdin.setEncoding('utf8');
process.stdin.on('data', async (text) => {
  if (String(text).includes('rss')) {
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
    process.stdout.write(`${kb * 1024}\n`);
  }
  if (String(text).includes('exit')) {
    await running.close();
    await store.close();
    process.exit(0);
  }
});
