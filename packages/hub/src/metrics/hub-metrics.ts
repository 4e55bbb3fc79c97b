import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { MaintenanceSwitch } from '../maintenance';
import type { Store } from '../store';
import type { HubObserver, RequestEvent } from './request-event';

/**
 * The hub's Prometheus metrics: an observer to give `createHub` (or `serveHub`, which does it with
 * `metricsPort`) and the registry that renders them in the Prometheus text format.
 *
 * @example
 * ```ts
 * import { createHub } from '@tukar/hub';
 * import { hubMetrics, openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:./.tukar/hub.db');
 * const metrics = hubMetrics(store);
 * const hub = await createHub({ store, observer: metrics.observer });
 * const text = await metrics.render(); // what GET /metrics answers
 * console.log(metrics.contentType, text.length);
 * ```
 */
export interface HubMetrics {
  readonly observer: HubObserver;
  readonly registry: Registry;
  /** The `Content-Type` of {@link HubMetrics.render}'s text. */
  readonly contentType: string;
  /** Every metric in the Prometheus text format. */
  render(): Promise<string>;
}

const OPERATION_NONE = 'none';

/**
 * Creates the hub's metrics on a registry of their own: requests by operation, status and problem
 * code; latency histograms by operation; batch sizes and records pushed per dataset (records/s is their
 * `rate()`); changes-feed lag per consumer client (the dataset's last seq minus the client's last
 * `since`); the store's pool (in use, idle, max, waiting); maintenance mode; rate-limit refusals; and
 * Node's process metrics.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from '@tukar/hub';
 * import { hubMetrics, serveHub } from '@tukar/hub/node';
 *
 * // serveHub does this by itself with metricsPort; by hand, any HTTP server can answer /metrics:
 * const store = createMemoryStore();
 * const metrics = hubMetrics(store);
 * const running = await serveHub({ store, observer: metrics.observer });
 * ```
 */
export function hubMetrics(store: Store): HubMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tukar_' });
  const requests = new Counter({
    name: 'tukar_http_requests_total',
    help: 'Answered requests by operation, status and problem code',
    labelNames: ['operation', 'status', 'code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tukar_http_request_duration_seconds',
    help: 'Time to answer a request, by operation',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const batchRecords = new Histogram({
    name: 'tukar_batch_records',
    help: 'Records (upserts and deletes) in a committed batch, by dataset',
    labelNames: ['dataset'] as const,
    buckets: [1, 10, 100, 500, 1000, 2000, 5000],
    registers: [registry],
  });
  const recordsPushed = new Counter({
    name: 'tukar_records_pushed_total',
    help: 'Records committed by pushes, by dataset (records per second: rate())',
    labelNames: ['dataset'] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'tukar_rate_limited_total',
    help: 'Requests refused by the rate limit (429); they are not written to the audit log one by one',
    registers: [registry],
  });
  /** dataset → client → the `since` of its last read of the changes feed. */
  const positions = new Map<string, Map<string, number>>();
  new Gauge({
    name: 'tukar_changes_feed_lag',
    help: "Changes a consumer client has not read yet: the dataset's last seq minus the client's last since",
    labelNames: ['dataset', 'client'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [datasetId, clients] of positions) {
        const dataset = await store.getDataset(datasetId).catch(() => undefined);
        if (!dataset) continue;
        for (const [client, since] of clients) {
          this.set({ dataset: datasetId, client }, Math.max(0, dataset.lastSeq - since));
        }
      }
    },
  });

  new Gauge({
    name: 'tukar_store_pool_connections',
    help: "Connections of the store's pool (PostgreSQL), by state: in_use, idle; and max, the pool's size",
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const usage = store.poolUsage?.();
      if (!usage) return;
      this.set({ state: 'in_use' }, usage.open - usage.idle);
      this.set({ state: 'idle' }, usage.idle);
      this.set({ state: 'max' }, usage.max);
    },
  });
  new Gauge({
    name: 'tukar_store_pool_waiting',
    help: "Queries waiting for a connection of the store's pool (PostgreSQL): above 0 for long, the pool is too small",
    registers: [registry],
    collect() {
      const usage = store.poolUsage?.();
      if (usage) this.set(usage.waiting);
    },
  });
  const maintenance = new MaintenanceSwitch(store, 0); // each scrape reads the shared switch
  new Gauge({
    name: 'tukar_maintenance',
    help: 'Whether maintenance mode is on (1: writes answer 503, reads go on)',
    registers: [registry],
    async collect() {
      const state = await maintenance.current().catch(() => undefined);
      if (state) this.set(state.enabled ? 1 : 0);
    },
  });

  const observer: HubObserver = {
    request(event: RequestEvent) {
      const operation = event.operation ?? OPERATION_NONE;
      requests.inc({ operation, status: String(event.status), code: event.code ?? '' });
      duration.observe({ operation }, event.durationMs / 1000);
      if (event.code === 'rate_limited') rateLimited.inc();
      if (event.datasetId !== null && event.records !== undefined) {
        batchRecords.observe({ dataset: event.datasetId }, event.records);
        recordsPushed.inc({ dataset: event.datasetId }, event.records);
      }
      if (event.datasetId !== null && event.clientId !== null && event.since !== undefined) {
        const clients = positions.get(event.datasetId) ?? new Map<string, number>();
        clients.set(event.clientId, event.since);
        positions.set(event.datasetId, clients);
      }
    },
  };
  return { observer, registry, contentType: registry.contentType, render: () => registry.metrics() };
}
