import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createHub } from './create-hub';
import type { Hub, HubOptions } from './hub-options';
import { hubMetrics } from './metrics/hub-metrics';
import type { HubObserver } from './metrics/request-event';
import { serveMetrics } from './metrics/serve-metrics';
import { checkingIntervalMs, resolveServerLimits, type ServerLimits } from './server-limits';
import { openRateLimiter } from './shared-rate-limiter';
import { type AnswerSink, isStreamedAnswer, writeStreamedAnswer } from './write-streamed-answer';

/** One observer that tells both (the caller's and the metrics'). */
function combineObservers(a: HubObserver | undefined, b: HubObserver | undefined): HubObserver | undefined {
  if (!a || !b) return a ?? b;
  return {
    request(event) {
      a.request(event);
      b.request(event);
    },
  };
}

/** A second SIGTERM/SIGINT during the drain leaves in-flight requests at most this long (ms). */
const SECOND_SIGNAL_DRAIN_MS = 1_000;

/**
 * Options of {@link serveHub}: the hub's options plus where to listen.
 *
 * @example
 * ```ts
 * import { openStore, type ServeHubOptions, serveHub } from '@tukar/hub/node';
 *
 * const options: ServeHubOptions = {
 *   store: await openStore(process.env.TUKAR_STORE ?? 'sqlite:/var/lib/tukar/hub.db'),
 *   adminKey: process.env.TUKAR_ADMIN_KEY,
 *   host: '0.0.0.0', // behind the Diskominfo reverse proxy
 *   port: 8080,
 *   shutdownTimeoutMs: 30_000,
 *   headersTimeoutMs: 20_000,
 *   maxConnections: 4096,
 *   log: (line) => console.log(JSON.stringify(line)),
 * };
 * const running = await serveHub(options);
 * ```
 */
export interface ServeHubOptions extends HubOptions, ServerLimits {
  /** Port; 0 (the default) lets the OS choose a free one. */
  port?: number;
  /** Address to listen on (default `127.0.0.1`; `0.0.0.0` for every interface). */
  host?: string;
  /**
   * Close on SIGTERM and SIGINT, and toggle maintenance mode on SIGUSR2 (default `true`; tests that
   * start several hubs turn it off). A second SIGTERM/SIGINT during the drain is logged and leaves
   * in-flight requests at most one more second.
   */
  handleSignals?: boolean;
  /**
   * Serves `GET /metrics` (Prometheus text format) on this port of its own, on `host`: requests by
   * operation, status and problem code, latency, batch sizes, records pushed, changes-feed lag per
   * consumer, rate-limit refusals. Off by default; 0 lets the OS choose (see `RunningHub.metricsUrl`).
   * The port needs no key: keep it on the loopback or the monitoring network.
   */
  metricsPort?: number;
}

/**
 * A hub listening on a port.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from '@tukar/hub';
 * import { type RunningHub, serveHub } from '@tukar/hub/node';
 *
 * const running: RunningHub = await serveHub({ store: createMemoryStore(), handleSignals: false });
 * const health = await fetch(`${running.url}/v1/health`); // e.g. http://127.0.0.1:40123
 * console.log(running.port, running.hub.adminClientId, health.status);
 * await running.close(); // also closes the store
 * ```
 */
export interface RunningHub {
  readonly hub: Hub;
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  readonly port: number;
  /** `http://host:port/metrics` when `metricsPort` was given. */
  readonly metricsUrl: string | undefined;
  /**
   * Graceful shutdown: stop accepting connections, let in-flight requests finish (up to
   * `shutdownTimeoutMs`), then close the store. Safe to call more than once.
   */
  close(): Promise<void>;
}

/**
 * Serves the hub over HTTP on Node with graceful shutdown on SIGTERM/SIGINT, and the connection limits
 * of {@link ServerLimits} (header, request and keep-alive timeouts, a cap on connections).
 *
 * @throws Error naming the option when a limit is not a whole number ≥ 1, or the port cannot be listened on.
 *
 * @example
 * ```ts
 * import { openStore, serveHub } from '@tukar/hub/node';
 *
 * const running = await serveHub({
 *   store: await openStore('sqlite:./.tukar/hub.db'),
 *   port: 8787,
 *   adminKey: process.env.TUKAR_ADMIN_KEY,
 *   log: (line) => console.log(JSON.stringify(line)),
 * });
 * console.log(`hub at ${running.url}`);
 * ```
 */
export async function serveHub(options: ServeHubOptions): Promise<RunningHub> {
  const limits = resolveServerLimits(options);
  const limiter =
    options.limiter ?? (options.rateLimit ? await openRateLimiter(options.rateLimit) : undefined);
  const metrics = options.metricsPort === undefined ? undefined : hubMetrics(options.store);
  const observer = combineObservers(options.observer, metrics?.observer);
  const hub = await createHub({
    ...options,
    ...(limiter ? { limiter } : {}),
    ...(observer ? { observer } : {}),
  }).catch(async (error: unknown) => {
    await limiter?.close?.();
    throw error;
  });
  const log = options.log ?? (() => undefined);
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = serve({
    fetch: async (
      request: Request,
      env: {
        incoming: { complete: boolean; socket: { remoteAddress?: string | undefined } };
        outgoing: AnswerSink;
      },
    ) => {
      const remoteAddress = env.incoming.socket.remoteAddress;
      const response = await hub.fetch(request, remoteAddress === undefined ? {} : { remoteAddress });
      // An answer given before the body was read (401, 413, 415, …) closes the connection: the server
      // stops draining a large body after a while, and a client that reused the socket would see its
      // next request fail.
      if (!env.incoming.complete) response.headers.set('connection', 'close');
      return isStreamedAnswer(response) ? writeStreamedAnswer(response, env.outgoing) : response;
    },
    port: options.port ?? 0,
    hostname: options.host ?? '127.0.0.1',
    serverOptions: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: checkingIntervalMs(limits),
    },
  }) as Server;
  server.maxConnections = limits.maxConnections;
  // A request is in flight until its answer is written out (or its connection is gone), not merely until
  // the hub returned a Response: shutdown must not cut a connection whose answer is still being sent.
  server.on('request', (_request, response) => {
    inFlight++;
    response.once('close', () => {
      inFlight--;
      if (inFlight === 0) drained?.();
    });
  });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', resolve);
    server.once('error', (error) =>
      reject(
        new Error(
          `The hub cannot listen on ${options.host ?? '127.0.0.1'}:${options.port ?? 0}: ${error.message}`,
          { cause: error },
        ),
      ),
    );
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === undefined || options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const metricsServer =
    metrics && options.metricsPort !== undefined
      ? await serveMetrics(metrics, options.host ?? '127.0.0.1', options.metricsPort).catch(
          async (error: unknown) => {
            server.closeAllConnections();
            server.close();
            await hub.close();
            await hub.store.close();
            throw error;
          },
        )
      : undefined;

  let closing: Promise<void> | undefined;
  /** Ends the drain early (a second signal); set while draining. */
  let shortenDrain: ((ms: number) => void) | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      log({
        level: 'warn',
        msg: `${signal} received again during shutdown: ${inFlight} request(s) in flight get at most ${SECOND_SIGNAL_DRAIN_MS} ms more`,
      });
      shortenDrain?.(SECOND_SIGNAL_DRAIN_MS);
      return;
    }
    log({ level: 'info', msg: `${signal} received: finishing in-flight requests` });
    void close().then(() => process.exit(0));
  };
  /** SIGUSR2 toggles maintenance mode (for every instance on the store), for upgrades and restores. */
  const onMaintenanceSignal = () => {
    void (async () => {
      const { enabled } = await hub.maintenance();
      const state = await hub.setMaintenance({ enabled: !enabled }, 'signal');
      log({
        level: 'warn',
        msg: state.enabled
          ? 'SIGUSR2 received: maintenance mode on, writes answer 503 (send SIGUSR2 again to end it)'
          : 'SIGUSR2 received: maintenance mode off, writes accepted again',
      });
    })().catch((error: unknown) =>
      log({
        level: 'error',
        msg: 'SIGUSR2 received: maintenance mode could not be switched (the store failed); send it again',
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  };
  const close = () => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const idle =
        inFlight === 0
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              drained = resolve;
            });
      const timeout = limits.shutdownTimeoutMs;
      const deadline = Date.now() + timeout;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeout);
        shortenDrain = (ms) => {
          if (deadline - Date.now() <= ms) return;
          clearTimeout(timer);
          timer = setTimeout(() => resolve('timeout'), ms);
        };
      });
      const started = Date.now();
      if ((await Promise.race([idle, timedOut])) === 'timeout') {
        log({
          level: 'warn',
          msg: `${inFlight} request(s) still running after ${Date.now() - started} ms of shutdown; closing their connections`,
        });
      }
      clearTimeout(timer);
      shortenDrain = undefined;
      server.closeAllConnections();
      await stopped;
      await metricsServer?.close();
      await hub.close();
      await hub.store.close();
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      process.off('SIGUSR2', onMaintenanceSignal);
      log({ level: 'info', msg: 'hub stopped' });
    })();
    return closing;
  };
  if (options.handleSignals ?? true) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    process.on('SIGUSR2', onMaintenanceSignal);
  }
  log({ level: 'info', msg: `hub listening on ${url} (store: ${hub.store.kind})` });
  return { hub, url, port, metricsUrl: metricsServer?.url, close };
}
