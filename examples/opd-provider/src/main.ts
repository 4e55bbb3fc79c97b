// Starts the example OPD system on 127.0.0.1 (port from PORT, default 8090):
//   pnpm start                      # the correct variant
//   VARIANT=legacy-codes pnpm start # a broken one
import { type ServerVariant, startOpdServer } from './opd-server';

const variant = (process.env.VARIANT ?? 'correct') as ServerVariant;
const server = await startOpdServer({ variant, port: Number(process.env.PORT ?? 8090) });
console.log(`SIMPUS (${variant}) at ${server.url}/api/puskesmas — Ctrl-C to stop`);
process.once('SIGINT', () => void server.close());
process.once('SIGTERM', () => void server.close());
