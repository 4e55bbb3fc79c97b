// Maintenance mode for upgrades and restores: an admin switch (or SIGUSR2) that answers writes with 503
// `maintenance` and Retry-After while reads go on, shared by every instance on one store.
import { createHubClient, HubError } from '@tukar/client';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore, generateApiKey } from '../src/index';
import { serveHub } from '../src/serve-hub';
import { BinProcess } from './bin-process';
import { exampleContract, publishDataset, puskesmasRecords, registerClient, startHub } from './hub-fixture';

const DATASET = 'dinkes.puskesmas';
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const push = (url: string, apiKey: string, offset: number) =>
  fetch(`${url}/v1/datasets/${DATASET}/records`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      'idempotency-key': `maintenance-${offset}-${Math.random()}`,
    },
    body: JSON.stringify({ upsert: puskesmasRecords(1, offset) }),
  });
const switchMaintenance = (url: string, apiKey: string, body: unknown) =>
  fetch(`${url}/v1/meta/maintenance`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('maintenance mode', () => {
  it('pauses writes on every instance of one store while reads go on, and resumes them when switched off', async () => {
    // Two instances on one store (each with its own cache of the switch), as processes on one database.
    const store = createMemoryStore();
    const adminKey = generateApiKey();
    const [a, b] = await Promise.all(
      [0, 1].map(async () =>
        serveHub({
          store,
          adminKey,
          port: 0,
          rateLimit: false,
          handleSignals: false,
        }),
      ),
    );
    cleanups.push(
      () => a?.close(),
      () => b?.close(),
    );
    if (!a || !b) throw new Error('two hubs expected');
    const admin = createHubClient({ baseUrl: a.url, apiKey: adminKey, retry: { retries: 0 } });
    await publishDataset(admin, await exampleContract(DATASET));
    expect((await push(b.url, adminKey, 1)).status).toBe(200); // b has read "off" and caches it

    const on = await switchMaintenance(a.url, adminKey, {
      enabled: true,
      reason: 'Pemutakhiran hub ke versi 1.2',
      retryAfterSeconds: 120,
    });
    expect(on.status).toBe(200);
    expect(await on.json()).toMatchObject({ enabled: true, by: 'kominfo/admin', retryAfterSeconds: 120 });

    // The switching instance refuses writes at once, with the reason and Retry-After.
    const refused = await push(a.url, adminKey, 2);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('120');
    const problem = (await refused.json()) as { code: string; detail: string };
    expect(problem.code).toBe('maintenance');
    expect(problem.detail).toContain('Pemutakhiran hub ke versi 1.2');
    // The other instance notices by itself (it reads the shared switch at most a second late).
    let other = await push(b.url, adminKey, 3);
    for (let tries = 0; other.status === 200 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      other = await push(b.url, adminKey, 10 + tries);
    }
    expect(other.status).toBe(503);

    // Reads go on everywhere, and the hub stays ready (saying it is in maintenance).
    for (const hub of [a, b]) {
      expect(
        (
          await fetch(`${hub.url}/v1/datasets/${DATASET}/records`, {
            headers: { authorization: `Bearer ${adminKey}` },
          })
        ).status,
      ).toBe(200);
      const ready = await fetch(`${hub.url}/v1/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', maintenance: true });
    }
    const state = await fetch(`${b.url}/v1/meta/maintenance`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(await state.json()).toMatchObject({ enabled: true, reason: 'Pemutakhiran hub ke versi 1.2' });

    const off = await switchMaintenance(b.url, adminKey, { enabled: false });
    expect(await off.json()).toMatchObject({ enabled: false, reason: null, by: null });
    expect((await push(b.url, adminKey, 500)).status).toBe(200);
  });

  it('lets a push that meets maintenance wait (503 + Retry-After, retried) and complete once it ends', async () => {
    const hub = await startHub();
    cleanups.push(() => hub.close());
    await publishDataset(hub.admin, await exampleContract(DATASET));
    await switchMaintenance(hub.url, hub.adminKey, { enabled: true, retryAfterSeconds: 1 });
    const client = createHubClient({
      baseUrl: hub.url,
      apiKey: hub.adminKey,
      retry: { retries: 10, baseDelayMs: 100, maxDelayMs: 2_000 },
    });
    let refusals = 0;
    const counting = createHubClient({
      baseUrl: hub.url,
      apiKey: hub.adminKey,
      retry: { retries: 10, baseDelayMs: 100, maxDelayMs: 2_000 },
      fetch: async (request) => {
        const response = await fetch(request);
        if (response.status === 503) {
          refusals++;
          if (refusals === 2) await switchMaintenance(hub.url, hub.adminKey, { enabled: false });
        }
        return response;
      },
    });
    const result = await counting.pushRecords(DATASET, puskesmasRecords(300), { batchSize: 100 });
    expect(refusals).toBe(2);
    expect(result).toMatchObject({ records: 300, created: 300 });
    const { data } = await client.GET('/v1/datasets/{datasetId}', {
      params: { path: { datasetId: DATASET } },
    });
    expect(data?.recordCount).toBe(300);
  });

  it('is switched by an admin only, with a checked body', async () => {
    const hub = await startHub();
    cleanups.push(() => hub.close());
    await publishDataset(hub.admin, await exampleContract(DATASET));
    const { apiKey, client } = await registerClient(hub, 'dinkes/simpus', { [DATASET]: ['read', 'write'] });
    const forbidden = await switchMaintenance(hub.url, apiKey, { enabled: true });
    expect(forbidden.status).toBe(403);
    const bad = await switchMaintenance(hub.url, hub.adminKey, { enabled: 'yes', retryAfterSeconds: 0 });
    expect(bad.status).toBe(400);
    const badText = await bad.text();
    expect(badText).toContain('enabled');
    expect(badText).toContain('retryAfterSeconds');
    // Any client may ask whether the hub is in maintenance, and meets it as a HubError it can act on.
    await switchMaintenance(hub.url, hub.adminKey, {
      enabled: true,
      reason: 'restore',
      retryAfterSeconds: 60,
    });
    const { data } = await client.GET('/v1/meta/maintenance');
    expect(data).toMatchObject({ enabled: true, reason: 'restore' });
    const noRetry = createHubClient({ baseUrl: hub.url, apiKey, retry: { retries: 0 } });
    const error = await noRetry.pushRecords(DATASET, puskesmasRecords(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).code).toBe('maintenance');
    expect((error as HubError).status).toBe(503);
  });

  it('is toggled by SIGUSR2 on a tukar-hub process, with a log line each time', async () => {
    const adminKey = generateApiKey();
    const hub = await BinProcess.start(['--store', 'memory', '--rate-limit', '0'], {
      TUKAR_ADMIN_KEY: adminKey,
    });
    cleanups.push(() => hub.kill());
    const admin = createHubClient({ baseUrl: hub.url, apiKey: adminKey, retry: { retries: 0 } });
    await publishDataset(admin, await exampleContract(DATASET));
    const from = hub.lines.length;
    hub.child.kill('SIGUSR2');
    await hub.waitFor(/SIGUSR2 received: maintenance mode on/, from);
    const refused = await push(hub.url, adminKey, 1);
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { code: string }).code).toBe('maintenance');
    hub.child.kill('SIGUSR2');
    await hub.waitFor(/SIGUSR2 received: maintenance mode off/, from);
    expect((await push(hub.url, adminKey, 2)).status).toBe(200);
    expect(hub.child.exitCode).toBeNull();
  });
});
