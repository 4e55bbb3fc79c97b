// The hub on PostgreSQL when the database goes away and comes back: answers, not crashes. The hub reaches
// PostgreSQL through a TCP proxy on loopback (test/tcp-proxy.ts) that the test cuts and restores; backends
// are terminated with pg_terminate_backend by this test's own application_name, never another test's.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/postgres-store';
import {
  exampleContract,
  pgQuery,
  publishDataset,
  puskesmasRecords,
  startHub,
  type TestHub,
} from './hub-fixture';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

const url = process.env['TUKAR_TEST_PG_URL'];
const DATASET = 'dinkes.puskesmas';

if (!url) {
  describe.skip('the hub on PostgreSQL under faults (skipped: set TUKAR_TEST_PG_URL)', () => {
    it('needs a PostgreSQL server', () => {});
  });
} else {
  describeStoreFaults(url);
}

function describeStoreFaults(url: string): void {
  const tag = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const schema = `tukar_faults_${tag}`;
  const applicationName = `tukar-faults-${tag}`;
  let proxy: TcpProxy;
  let hub: TestHub;
  let pushes = 0;

  const sql = <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    pgQuery<T>(url, text, values);
  const push = (count = 20) =>
    fetch(`${hub.url}/v1/datasets/${DATASET}/records`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${hub.adminKey}`,
        'content-type': 'application/json',
        'idempotency-key': `faults-${tag}-${++pushes}`,
      },
      body: JSON.stringify({ upsert: puskesmasRecords(count, pushes * 100) }),
    });

  const auditVerifies = async () => {
    const { data } = await hub.admin.GET('/v1/audit/verify');
    return data?.ok;
  };

  beforeAll(async () => {
    const target = new URL(url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    viaProxy.searchParams.set('application_name', applicationName);
    const store = await openPostgresStore({
      url: viaProxy.toString(),
      schema,
      poolSize: 4,
      connectTimeoutMs: 2000,
    });
    hub = await startHub({ store });
    await publishDataset(hub.admin, await exampleContract(DATASET));
  });

  afterAll(async () => {
    await hub?.close();
    await proxy?.close();
    await sql(`drop schema if exists "${schema}" cascade`);
  });

  it('answers 503 store_unavailable with Retry-After while PostgreSQL is cut off, and writes again once it is back', async () => {
    expect((await push()).status).toBe(200);
    await proxy.down();
    try {
      const refused = await push();
      expect(refused.status).toBe(503);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const problem = (await refused.json()) as { code: string; detail: string };
      expect(problem.code).toBe('store_unavailable');
      expect(problem.detail).toMatch(/database/);

      const ready = await fetch(`${hub.url}/v1/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get('retry-after')).not.toBeNull();
      expect(await ready.json()).toMatchObject({
        code: 'store_unavailable',
        detail: expect.stringMatching(/not ready: the database/),
      });
      const live = await fetch(`${hub.url}/v1/health/live`);
      expect(live.status).toBe(200);
      expect(await live.json()).toMatchObject({ status: 'live' });
    } finally {
      await proxy.up();
    }
    // No restart: the pool reconnects and the audit log reads its head again.
    const written = await push();
    expect(written.status).toBe(200);
    const ready = await fetch(`${hub.url}/v1/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', store: 'postgres' });
    expect(await auditVerifies()).toBe(true);
  });

  it('survives its backends being terminated between and during requests (no crash, pool reconnects)', async () => {
    for (let round = 0; round < 4; round++) {
      const pending = Array.from({ length: 4 }, () => push(200));
      await sql('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [
        applicationName,
      ]);
      for (const response of await Promise.all(pending)) {
        expect([200, 503]).toContain(response.status);
        if (response.status === 503) {
          expect(((await response.json()) as { code: string }).code).toBe('store_unavailable');
          expect(response.headers.get('retry-after')).not.toBeNull();
        }
      }
    }
    expect((await push()).status).toBe(200);
    expect(await auditVerifies()).toBe(true);
  });
}
