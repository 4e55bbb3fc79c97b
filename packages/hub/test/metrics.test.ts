// GET /metrics on its own port: scraped over HTTP and parsed with a Prometheus text-format parser.
import { readFileSync } from 'node:fs';
import { createHubClient } from '@tukar/client';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_HELP, parseHubCommand } from '../src/bin-options';
import { createMemoryStore, generateApiKey } from '../src/index';
import { hubMetrics } from '../src/metrics/hub-metrics';
import { openPostgresStore } from '../src/postgres-store';
import { type RunningHub, serveHub } from '../src/serve-hub';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  type TestHub,
} from './hub-fixture';

const PUSKESMAS = 'dinkes.puskesmas';
const DASHBOARD = new URL('../../../docs/guide/monitoring/grafana-dashboard.json', import.meta.url);
const READER = 'ciamis/bappeda/satudata';

type Families = ReturnType<typeof parsePrometheusTextFormat>;

/** The samples of one metric family whose labels include `labels`. */
function samples(families: Families, name: string, labels: Record<string, string> = {}) {
  const family = families.find((f) => f.name === name);
  if (!family) throw new Error(`metric ${name} is not in the scrape`);
  return family.metrics.filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
}

/** The one value of a counter or gauge with these labels. */
function sampleValue(families: Families, name: string, labels: Record<string, string> = {}): number {
  const found = samples(families, name, labels);
  expect(found, `${name} ${JSON.stringify(labels)}`).toHaveLength(1);
  return Number(found[0]?.value);
}

/**
 * One labelled histogram from the scraped text. parse-prometheus-text-format (the only Prometheus text parser
 * on npm) folds every series of a histogram into one and drops its labels, so the test reads the
 * `_bucket`/`_sum`/`_count` samples of one series itself, after the parser has accepted the whole text.
 */
function histogramOf(text: string, name: string, labels: Record<string, string>) {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const series = { count: Number.NaN, sum: Number.NaN, buckets: {} as Record<string, number> };
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match) continue;
    const [, sample, labelText = '', value] = match;
    const parts = labelText.split(',');
    if (!wanted.every((w) => parts.includes(w))) continue;
    if (sample === `${name}_count`) series.count = Number(value);
    else if (sample === `${name}_sum`) series.sum = Number(value);
    else if (sample === `${name}_bucket`) {
      const le = /le="([^"]+)"/.exec(labelText)?.[1] ?? '';
      series.buckets[le] = Number(value);
    }
  }
  return series;
}

describe('GET /metrics (metricsPort)', () => {
  let running: RunningHub;
  let hub: TestHub;
  let families: Families;
  let text = '';
  let scrape: Response;
  let lastSeq = 0;

  beforeAll(async () => {
    const store = createMemoryStore();
    const adminKey = generateApiKey();
    const frozen = new Date();
    running = await serveHub({
      store,
      adminKey,
      handleSignals: false,
      metricsPort: 0,
      // A frozen clock: each client's 50 requests never refill, so a flood of 60 gets exactly 10 refusals.
      rateLimit: { requestsPerSecond: 1, burst: 50 },
      now: () => new Date(frozen),
    });
    const admin = createHubClient({ baseUrl: running.url, apiKey: adminKey, retry: { retries: 0 } });
    hub = { running, url: running.url, store, adminKey, admin, close: () => running.close() };
    await publishDataset(admin, await exampleContract(PUSKESMAS));
    await admin.pushRecords(PUSKESMAS, puskesmasRecords(10));
    await admin.pushRecords(PUSKESMAS, puskesmasRecords(20, 10));
    lastSeq = (await store.getDataset(PUSKESMAS))?.lastSeq ?? -1;
    const reader = await registerClient(hub, READER);
    const read = (path: string) =>
      fetch(`${running.url}${path}`, { headers: { authorization: `Bearer ${reader.apiKey}` } }).then(
        async (r) => {
          await r.body?.cancel();
          return r.status;
        },
      );
    expect(await read(`/v1/datasets/${PUSKESMAS}/changes?since=7`)).toBe(200);
    expect(await read('/v1/datasets/dinkes.tidak-ada')).toBe(404);
    const flooder = await registerClient(hub, 'ciamis/dinkes/simpus');
    const flood = await Promise.all(
      Array.from({ length: 60 }, () =>
        fetch(`${running.url}/v1/meta/whoami`, {
          headers: { authorization: `Bearer ${flooder.apiKey}` },
        }).then(async (r) => {
          await r.body?.cancel();
          return r.status;
        }),
      ),
    );
    expect(flood.filter((s) => s === 429)).toHaveLength(10);
    scrape = await fetch(running.metricsUrl as string);
    text = await scrape.clone().text();
    families = parsePrometheusTextFormat(text);
  });

  afterAll(async () => {
    await running?.close();
  });

  it('answers in the Prometheus text format on its own port, not on the API port', async () => {
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(new URL(running.metricsUrl as string).port).not.toBe(new URL(running.url).port);
    const onApi = await fetch(`${running.url}/metrics`);
    expect(onApi.status).toBe(404);
    await onApi.body?.cancel();
    const other = await fetch((running.metricsUrl as string).replace('/metrics', '/v1/health'));
    expect(other.status).toBe(404);
    await other.body?.cancel();
  });

  it('counts requests by operation, status and problem code', () => {
    expect(
      sampleValue(families, 'tukar_http_requests_total', {
        operation: 'pushRecords',
        status: '200',
        code: '',
      }),
    ).toBe(2);
    expect(
      sampleValue(families, 'tukar_http_requests_total', {
        operation: 'getDataset',
        status: '404',
        code: 'not_found',
      }),
    ).toBe(1);
    expect(
      sampleValue(families, 'tukar_http_requests_total', {
        operation: 'whoAmI',
        status: '429',
        code: 'rate_limited',
      }),
    ).toBe(10);
    expect(sampleValue(families, 'tukar_rate_limited_total')).toBe(10);
  });

  it('has latency histograms by operation', () => {
    expect(families.find((f) => f.name === 'tukar_http_request_duration_seconds')?.type).toBe('HISTOGRAM');
    const push = histogramOf(text, 'tukar_http_request_duration_seconds', { operation: 'pushRecords' });
    expect(push.count).toBe(2);
    expect(push.sum).toBeGreaterThan(0);
    expect(push.buckets['+Inf']).toBe(2);
  });

  it('has batch sizes and records pushed per dataset', () => {
    expect(families.find((f) => f.name === 'tukar_batch_records')?.type).toBe('HISTOGRAM');
    const batches = histogramOf(text, 'tukar_batch_records', { dataset: PUSKESMAS });
    expect(batches.count).toBe(2);
    expect(batches.sum).toBe(30);
    expect(batches.buckets['10']).toBe(1); // the batch of 10; the batch of 20 is above that bucket
    expect(batches.buckets['100']).toBe(2);
    expect(sampleValue(families, 'tukar_records_pushed_total', { dataset: PUSKESMAS })).toBe(30);
  });

  it("has each consumer's changes-feed lag: the dataset's last seq minus its last since", () => {
    expect(lastSeq).toBeGreaterThan(7);
    expect(sampleValue(families, 'tukar_changes_feed_lag', { dataset: PUSKESMAS, client: READER })).toBe(
      lastSeq - 7,
    );
  });

  it('has maintenance mode as 0 or 1', async () => {
    expect(sampleValue(families, 'tukar_maintenance')).toBe(0);
    await running.hub.setMaintenance({ enabled: true, reason: 'metrics test' });
    try {
      const during = parsePrometheusTextFormat(await (await fetch(running.metricsUrl as string)).text());
      expect(sampleValue(during, 'tukar_maintenance')).toBe(1);
    } finally {
      await running.hub.setMaintenance({ enabled: false });
    }
  });

  it('feeds the Grafana dashboard of the Diskominfo guide: every metric its panels query is in the scrape', () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
      panels: Array<{ id: number; title: string; targets: Array<{ expr: string }> }>;
    };
    const exposed = new Set(families.map((family) => family.name));
    const queried = new Set<string>();
    for (const panel of dashboard.panels) {
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const { expr } of panel.targets) {
        for (const [name] of expr.matchAll(/\btukar_[a-z0-9_]+/g)) {
          // A histogram's series are its family name with _bucket, _sum or _count.
          const family = exposed.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
          queried.add(family);
          expect(exposed.has(family), `${panel.title}: ${name}`).toBe(true);
        }
      }
    }
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    // It shows what the guide promises: requests, latency, pushes, feed lag, pool, limits, maintenance.
    for (const family of [
      'tukar_http_requests_total',
      'tukar_http_request_duration_seconds',
      'tukar_records_pushed_total',
      'tukar_batch_records',
      'tukar_changes_feed_lag',
      'tukar_store_pool_connections',
      'tukar_rate_limited_total',
      'tukar_maintenance',
    ]) {
      expect(queried.has(family), family).toBe(true);
    }
  });
});

const pgUrl = process.env.TUKAR_TEST_PG_URL;
describe.runIf(pgUrl)('the store pool metrics on PostgreSQL', () => {
  it("report the pool's size, its connections in use and idle, and the queries waiting", async () => {
    const schema = `tukar_pool_metrics_${process.pid}_${Date.now().toString(36)}`;
    const store = await openPostgresStore({ url: pgUrl as string, schema, poolSize: 3 });
    try {
      const metrics = hubMetrics(store);
      // Ten queries at once on three connections: seven wait while three are in use.
      const queries = Array.from({ length: 10 }, () => store.ping());
      const during = parsePrometheusTextFormat(await metrics.render());
      expect(sampleValue(during, 'tukar_store_pool_connections', { state: 'max' })).toBe(3);
      expect(sampleValue(during, 'tukar_store_pool_waiting')).toBeGreaterThan(0);
      await Promise.all(queries);
      const after = parsePrometheusTextFormat(await metrics.render());
      expect(sampleValue(after, 'tukar_store_pool_waiting')).toBe(0);
      expect(sampleValue(after, 'tukar_store_pool_connections', { state: 'in_use' })).toBe(0);
      expect(sampleValue(after, 'tukar_store_pool_connections', { state: 'idle' })).toBeGreaterThan(0);
    } finally {
      await store.close();
      const pool = new pg.Pool({ connectionString: pgUrl, max: 1 });
      await pool.query(`drop schema if exists "${schema}" cascade`);
      await pool.end();
    }
  });
});
if (!pgUrl) {
  describe.skip('the store pool metrics on PostgreSQL (skipped: run with TUKAR_TEST_PG_URL=postgres://user@127.0.0.1:5432/db)', () => {
    it('needs a PostgreSQL server', () => {});
  });
}

describe('tukar-hub --metrics-port', () => {
  it('takes a port from the flag or TUKAR_METRICS_PORT, none by default, and refuses a bad one by name', () => {
    expect(parseHubCommand(['--metrics-port', '9464'], {})).toMatchObject({
      ok: true,
      command: { metricsPort: 9464 },
    });
    expect(parseHubCommand([], { TUKAR_METRICS_PORT: '9100' })).toMatchObject({
      command: { metricsPort: 9100 },
    });
    expect(parseHubCommand([], {})).toMatchObject({ ok: true, command: { metricsPort: undefined } });
    expect(parseHubCommand([], { TUKAR_METRICS_PORT: 'prometheus' })).toEqual({
      ok: false,
      message: 'TUKAR_METRICS_PORT must be a whole number from 0 to 65535, got "prometheus".',
    });
    expect(HUB_HELP).toContain('[TUKAR_METRICS_PORT]');
  });
});
