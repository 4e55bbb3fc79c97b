// A hub in its own process for bench/hub.bench.ts (so its peak RSS is its own): SQLite in the
// directory given as argv[2] (or the store argv[3] names, e.g. postgres://…), admin key from
// TUKAR_ADMIN_KEY, URL printed as the first stdout line.
// On stdin "rss\n" it prints its peak RSS (VmHWM) in bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore, openStore, serveHub } from '@tukar/hub/node';

const dir = process.argv[2] as string;
const running = await serveHub({
  store: process.argv[3]
    ? await openStore(process.argv[3])
    : await openSqliteStore({ file: join(dir, 'hub.db') }),
  adminKey: process.env.TUKAR_ADMIN_KEY,
  rateLimit: false,
});
process.stdout.write(`${running.url}\n`);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text) => {
  if (String(text).includes('rss')) {
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
    process.stdout.write(`${kb * 1024}\n`);
  }
});
