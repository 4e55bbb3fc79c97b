// The HTTP server's limits (slow headers, idle keep-alive, a cap on connections), the `tukar-hub` flags
// and variables that set them, and shutdown when a second signal arrives during the drain.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_HELP, parseHubCommand } from '../src/bin-options';
import { createMemoryStore, generateApiKey } from '../src/index';
import { serveHub } from '../src/serve-hub';
import { BinProcess } from './bin-process';

const sockets: Socket[] = [];
const processes: BinProcess[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const hub of processes.splice(0)) hub.kill();
});

/** A raw connection to `url`, with what it received and when it closed. */
async function rawConnection(
  url: string,
): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  sockets.push(socket);
  let data = '';
  socket.on('data', (chunk: Buffer) => {
    data += chunk.toString();
  });
  socket.on('error', () => undefined);
  const opened = Date.now();
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - opened)));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => data, closed };
}

describe('serveHub connection limits', () => {
  it('cuts a client that sends its headers too slowly, and closes idle keep-alive connections', async () => {
    const running = await serveHub({
      store: createMemoryStore(),
      handleSignals: false,
      headersTimeoutMs: 600,
      keepAliveTimeoutMs: 300,
    });
    try {
      const slow = await rawConnection(running.url);
      slow.socket.write('GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n'); // never ends its headers
      const slowFor = await slow.closed;
      expect(slowFor).toBeGreaterThanOrEqual(500);
      expect(slowFor).toBeLessThan(5_000);
      expect(slow.received()).toMatch(/^(HTTP\/1\.1 408|$)/);

      const idle = await rawConnection(running.url);
      idle.socket.write('GET /v1/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      const idleFor = await idle.closed;
      expect(idle.received()).toMatch(/^HTTP\/1\.1 200/);
      expect(idleFor).toBeLessThan(5_000);
    } finally {
      await running.close();
    }
  });

  it('closes connections beyond maxConnections at once, and serves again when they are gone', async () => {
    const running = await serveHub({ store: createMemoryStore(), handleSignals: false, maxConnections: 2 });
    try {
      const held = [await rawConnection(running.url), await rawConnection(running.url)];
      const extra = await rawConnection(running.url);
      expect(await extra.closed).toBeLessThan(2_000);
      expect(extra.received()).toBe('');
      for (const { socket } of held) socket.destroy();
      await Promise.all(held.map(({ closed }) => closed));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await fetch(`${running.url}/v1/health/live`)).status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('refuses a limit that is not a whole number ≥ 1, naming it', async () => {
    await expect(
      serveHub({ store: createMemoryStore(), handleSignals: false, maxConnections: 0 }),
    ).rejects.toThrow(/`maxConnections` must be a whole number ≥ 1, got 0/);
    await expect(
      serveHub({
        store: createMemoryStore(),
        handleSignals: false,
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 5_000,
      }),
    ).rejects.toThrow(/`headersTimeoutMs` \(10000\) must not exceed `requestTimeoutMs` \(5000\)/);
  });
});

describe('tukar-hub limits', () => {
  it('sets every limit by flag or environment variable, the flag winning', () => {
    const parsed = parseHubCommand(
      [
        '--headers-timeout',
        '15000',
        '--max-connections',
        '64',
        '--drain-timeout',
        '30000',
        '--rate-limit',
        '7',
      ],
      {
        TUKAR_REQUEST_TIMEOUT_MS: '600000',
        TUKAR_KEEP_ALIVE_TIMEOUT_MS: '2000',
        TUKAR_MAX_CONNECTIONS: '9999',
        TUKAR_RATE_BURST: '21',
      },
    );
    expect(parsed).toMatchObject({
      ok: true,
      command: {
        limits: {
          headersTimeoutMs: 15_000,
          requestTimeoutMs: 600_000,
          keepAliveTimeoutMs: 2_000,
          maxConnections: 64,
          shutdownTimeoutMs: 30_000,
        },
        rateLimit: { requestsPerSecond: 7, burst: 21 },
      },
    });
    expect(parseHubCommand(['--rate-limit', '0'], {})).toMatchObject({
      ok: true,
      command: { rateLimit: false },
    });
  });

  it('names the flag or variable of a bad value', () => {
    expect(parseHubCommand(['--max-connections', 'many'], {})).toEqual({
      ok: false,
      message: '--max-connections must be a whole number ≥ 1, got "many".',
    });
    expect(parseHubCommand([], { TUKAR_DRAIN_TIMEOUT_MS: '-5' })).toEqual({
      ok: false,
      message: 'TUKAR_DRAIN_TIMEOUT_MS must be a whole number ≥ 1, got "-5".',
    });
  });

  it('lists every limit with its flag and variable in --help', () => {
    for (const name of [
      'headers-timeout',
      'request-timeout',
      'keep-alive-timeout',
      'max-connections',
      'drain-timeout',
      'rate-limit',
      'rate-burst',
    ]) {
      expect(HUB_HELP).toContain(`--${name} N`);
    }
    for (const env of [
      'HEADERS_TIMEOUT_MS',
      'REQUEST_TIMEOUT_MS',
      'KEEP_ALIVE_TIMEOUT_MS',
      'MAX_CONNECTIONS',
      'DRAIN_TIMEOUT_MS',
      'RATE_LIMIT',
      'RATE_BURST',
    ]) {
      expect(HUB_HELP).toContain(`[TUKAR_${env}]`);
    }
  });
});

describe('tukar-hub shutdown', () => {
  /** Starts a push whose body stays unfinished, so the request is in flight. */
  async function pushInFlight(hub: BinProcess, adminKey: string) {
    const body = JSON.stringify({ upsert: [] });
    const connection = await rawConnection(hub.url);
    connection.socket.write(
      'POST /v1/datasets/dinkes.puskesmas/records HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
        `Authorization: Bearer ${adminKey}\r\nContent-Type: application/json\r\nIdempotency-Key: drain-batch-00000001\r\n` +
        `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 3)}`,
    );
    return { ...connection, finish: () => connection.socket.write(body.slice(3)) };
  }

  it('logs a second SIGTERM during the drain and still delivers an answer finished within the shortened drain', async () => {
    const adminKey = generateApiKey();
    const hub = await BinProcess.start(['--store', 'memory', '--drain-timeout', '30000'], {
      TUKAR_ADMIN_KEY: adminKey,
    });
    processes.push(hub);
    const push = await pushInFlight(hub, adminKey);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the hub has the request's headers
    hub.child.kill('SIGTERM');
    await hub.waitFor(/SIGTERM received: finishing in-flight requests/);
    hub.child.kill('SIGTERM');
    await hub.waitFor(
      /SIGTERM received again during shutdown: 1 request\(s\) in flight get at most 1000 ms more/,
    );
    push.finish();
    await push.closed;
    expect(push.received()).toMatch(/^HTTP\/1\.1 \d{3} /);
    expect(await hub.exited).toEqual({ code: 0, signal: null });
    expect(hub.lines.some((line) => /hub stopped/.test(line))).toBe(true);
  }, 60_000);

  it('cuts a request still unfinished after a second signal only after logging it, long before the drain deadline', async () => {
    const adminKey = generateApiKey();
    const hub = await BinProcess.start(['--store', 'memory'], {
      TUKAR_ADMIN_KEY: adminKey,
      TUKAR_DRAIN_TIMEOUT_MS: '30000',
    });
    processes.push(hub);
    const push = await pushInFlight(hub, adminKey);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    hub.child.kill('SIGINT');
    await hub.waitFor(/SIGINT received: finishing/);
    hub.child.kill('SIGINT');
    expect(await hub.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(hub.lines.some((line) => /SIGINT received again during shutdown/.test(line))).toBe(true);
    expect(
      hub.lines.some((line) =>
        /1 request\(s\) still running after \d+ ms of shutdown; closing their connections/.test(line),
      ),
    ).toBe(true);
    await push.closed;
  }, 60_000);
});

describe('health probes and the rate limit', () => {
  it('answers every probe while anonymous callers are rate limited', async () => {
    const running = await serveHub({
      store: createMemoryStore(),
      handleSignals: false,
      rateLimit: { requestsPerSecond: 1, burst: 2 },
    });
    try {
      const other = await Promise.all(
        Array.from({ length: 10 }, () => fetch(`${running.url}/v1/meta/openapi`)),
      );
      expect(other.map((r) => r.status)).toContain(429);
      const probes = await Promise.all(
        ['/v1/health', '/v1/health/live', '/v1/health/ready']
          .flatMap((path) => Array.from({ length: 7 }, () => path))
          .map((path) => fetch(`${running.url}${path}`)),
      );
      expect(probes.map((r) => r.status)).toEqual(probes.map(() => 200));
    } finally {
      await running.close();
    }
  });
});
