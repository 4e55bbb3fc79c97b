// A TCP proxy on loopback that a test puts between the hub and PostgreSQL, to cut the database off
// (existing connections dropped, new ones refused) and bring it back, as a network outage would.
import { connect, createServer, type Server, type Socket } from 'node:net';

/** A running proxy: its port, and the switch. */
export interface TcpProxy {
  readonly port: number;
  /** Drops every open connection and refuses new ones (the port stops listening). */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  /** Connections currently relayed. */
  readonly connections: number;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (OS-chosen port) relaying to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((inbound) => {
        const outbound = connect(target.port, target.host);
        for (const socket of [inbound, outbound]) {
          sockets.add(socket);
          socket.on('error', () => socket.destroy());
          socket.on('close', () => {
            sockets.delete(socket);
            inbound.destroy();
            outbound.destroy();
          });
        }
        inbound.pipe(outbound);
        outbound.pipe(inbound);
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        server = next;
        port = (next.address() as { port: number }).port;
        resolve();
      });
    });
  await listen();
  const down = async () => {
    const closing = server;
    server = undefined;
    const closed = closing && new Promise<void>((resolve) => closing.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    get port() {
      return port;
    },
    get connections() {
      return sockets.size / 2;
    },
    down,
    up: async () => {
      if (!server) await listen();
    },
    close: down,
  };
}
