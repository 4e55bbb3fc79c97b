// A round-robin TCP load balancer on loopback that a test puts in front of several hub processes, as a
// kabupaten would run them behind one address. A connection goes to the next backend in turn; when that
// backend refuses it (the instance was killed), the next one is tried, as HAProxy's `redispatch` does. A
// connection already relayed to a backend that dies is cut, and the client sees the cut.
import { connect, createServer, type Server, type Socket } from 'node:net';

/** One backend: a hub process listening on loopback. */
export interface Backend {
  host: string;
  port: number;
}

/** A running balancer: its port, and the backends it relays to (replaceable while it runs). */
export interface TcpBalancer {
  readonly port: number;
  /** Replaces the backends; connections already relayed stay where they are. */
  setBackends(backends: readonly Backend[]): void;
  close(): Promise<void>;
}

/** Starts a balancer on 127.0.0.1 (OS-chosen port) over `backends`. */
export async function startTcpBalancer(backends: readonly Backend[]): Promise<TcpBalancer> {
  let current = [...backends];
  let next = 0;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };

  const relay = (inbound: Socket, triesLeft: number) => {
    const backend = current[next++ % Math.max(current.length, 1)];
    if (!backend || triesLeft === 0) {
      inbound.destroy();
      return;
    }
    const outbound = connect(backend.port, backend.host);
    let connected = false;
    outbound.once('connect', () => {
      connected = true;
      track(outbound);
      inbound.pipe(outbound);
      outbound.pipe(inbound);
      inbound.resume();
    });
    outbound.on('error', () => {
      if (!connected) relay(inbound, triesLeft - 1); // refused: redispatch to the next backend
      outbound.destroy();
    });
    outbound.on('close', () => {
      if (connected) inbound.destroy();
    });
    inbound.on('close', () => outbound.destroy());
  };

  const server: Server = createServer({ pauseOnConnect: true }, (inbound) => {
    track(inbound);
    inbound.on('error', () => inbound.destroy());
    relay(inbound, current.length);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    port,
    setBackends(backends) {
      current = [...backends];
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
