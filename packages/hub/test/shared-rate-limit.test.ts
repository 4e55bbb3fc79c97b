// Fair limits: one key limited across instances that share a store, one bucket per address for
// unauthenticated requests (a flood from one address does not starve another's probes and login page).

import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { HUB_HELP, parseHubCommand } from '../src/bin-options';
import { createHub, createMemoryStore, generateApiKey, type Hub, type RateLimit } from '../src/index';
import { serveHub } from '../src/serve-hub';
import { openRateLimiter } from '../src/shared-rate-limiter';
import { startHub } from './hub-fixture';

const redisUrl = process.env.TUKAR_TEST_REDIS_URL;
const pgUrl = process.env.TUKAR_TEST_PG_URL;

/** Two in-process hubs on one (memory) hub store, limited through `store`; a fresh admin client id per run. */
async function twoHubs(store: string | undefined): Promise<{ hubs: [Hub, Hub]; adminKey: string }> {
  const shared = createMemoryStore();
  const adminKey = generateApiKey();
  // A new client id each run: buckets left in Redis/PostgreSQL by an earlier run are not this run's.
  const adminClientId = `kominfo/admin-${randomUUID().slice(0, 8)}`;
  // 1 request/s with a burst of 20: a 20-second window, so a flood of 100 falls inside one window.
  const rateLimit: RateLimit = { requestsPerSecond: 1, burst: 20, ...(store ? { store } : {}) };
  // Each instance opens its own limiter (its own connection), as separate processes would.
  const a = await createHub({
    store: shared,
    adminKey,
    adminClientId,
    rateLimit,
    limiter: await openRateLimiter(rateLimit),
  });
  const b = await createHub({
    store: shared,
    adminKey,
    adminClientId,
    rateLimit,
    limiter: await openRateLimiter(rateLimit),
  });
  return { hubs: [a, b], adminKey };
}

/** 100 authenticated requests of one key, alternating between the two hubs, all at once. */
async function floodBoth(hubs: [Hub, Hub], adminKey: string): Promise<Response[]> {
  return Promise.all(
    Array.from({ length: 100 }, (_, n) =>
      hubs[n % 2]?.fetch(
        new Request('http://hub.test/v1/meta/whoami', { headers: { authorization: `Bearer ${adminKey}` } }),
      ),
    ),
  ) as Promise<Response[]>;
}

async function expectLimitedAcrossBoth(store: string): Promise<void> {
  const { hubs, adminKey } = await twoHubs(store);
  try {
    const answers = await floodBoth(hubs, adminKey);
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20); // one burst across both instances
    expect(statuses.filter((s) => s === 429)).toHaveLength(80);
    for (const refused of answers.filter((r) => r.status === 429)) {
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.headers.get('ratelimit-policy')).toBe('"default";q=20;w=20');
      expect(await refused.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    }
    // Each instance counted its own refusals (not audited one by one).
    expect(hubs[0].rateLimited + hubs[1].rateLimited).toBe(80);
  } finally {
    await Promise.all(hubs.map((hub) => hub.close()));
  }
}

describe('one key, two hub instances', () => {
  it('in memory (the default), each instance limits on its own: twice the burst gets through', async () => {
    const { hubs, adminKey } = await twoHubs(undefined);
    const statuses = (await floodBoth(hubs, adminKey)).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
  });

  if (redisUrl) {
    it('on one Redis, the key gets one burst across both instances', async () => {
      await expectLimitedAcrossBoth(redisUrl);
    });
  } else {
    it.skip('on one Redis (skipped: set TUKAR_TEST_REDIS_URL=redis://127.0.0.1:6379)', () => {});
  }

  if (pgUrl) {
    it('on one PostgreSQL, the key gets one burst across both instances', async () => {
      await expectLimitedAcrossBoth(pgUrl);
    });
  } else {
    it.skip('on one PostgreSQL (skipped: set TUKAR_TEST_PG_URL=postgres://user@127.0.0.1:5432/db)', () => {});
  }

  it('refuses a rate-limit store it does not know, naming it', async () => {
    await expect(openRateLimiter({ requestsPerSecond: 1, burst: 1, store: 'mongodb://x' })).rejects.toThrow(
      'rateLimit.store must be "memory", a redis:// URL or a postgres:// URL; got "mongodb://x".',
    );
    // The runtime-agnostic core does not open stores (it runs in browsers): it says where to.
    await expect(
      createHub({
        store: createMemoryStore(),
        rateLimit: { requestsPerSecond: 1, burst: 1, store: 'redis://x' },
      }),
    ).rejects.toThrow('rateLimit.store is opened by the Node entry');
  });
});

/** A GET from a given loopback source address (127.0.0.1 and 127.0.0.2 are both this machine). */
function getFrom(url: string, localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { localAddress, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('unauthenticated requests: one bucket per address', () => {
  const started: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    await Promise.all(started.map((hub) => hub.close()));
  });

  it('a flood from one address leaves another address its health probes and login page', async () => {
    const frozen = new Date();
    const hub = await startHub({
      rateLimit: { requestsPerSecond: 5, burst: 20 },
      now: () => new Date(frozen),
    });
    started.push(hub);
    const flood = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        getFrom(`${hub.url}${n % 2 ? '/v1/health' : '/dashboard/login'}`, '127.0.0.2'),
      ),
    );
    const floodLogins = flood.filter((_, n) => n % 2 === 0);
    expect(floodLogins.filter((s) => s === 200)).toHaveLength(20); // the flooder's own burst
    expect(floodLogins.filter((s) => s === 429)).toHaveLength(80);
    expect(flood.filter((_, n) => n % 2 === 1)).toEqual(Array(100).fill(200)); // probes are exempt

    const probes = await Promise.all(
      Array.from({ length: 20 }, () => getFrom(`${hub.url}/v1/health`, '127.0.0.1')),
    );
    const logins = await Promise.all(
      Array.from({ length: 20 }, () => getFrom(`${hub.url}/dashboard/login`, '127.0.0.1')),
    );
    expect(probes).toEqual(Array(20).fill(200));
    expect(logins).toEqual(Array(20).fill(200));
    expect(hub.running.hub.rateLimited).toBe(80);
  });

  it("behind a trusted proxy, buckets follow X-Forwarded-For's first hop", async () => {
    const frozen = new Date();
    const hub = await createHub({
      store: createMemoryStore(),
      trustProxy: true,
      rateLimit: { requestsPerSecond: 1, burst: 3 },
      now: () => new Date(frozen),
    });
    const from = (forwardedFor: string) =>
      hub
        .fetch(
          new Request('http://hub.test/v1/meta/openapi', { headers: { 'x-forwarded-for': forwardedFor } }),
          {
            remoteAddress: '10.0.0.1', // the proxy: every request comes from it
          },
        )
        .then((r) => r.status);
    const first = [];
    for (let i = 0; i < 5; i++) first.push(await from('203.0.113.7, 10.0.0.1'));
    expect(first).toEqual([200, 200, 200, 429, 429]);
    expect(await from('198.51.100.4')).toBe(200);
    // Without trustProxy the header is ignored: everything is the proxy's one bucket.
    const direct = await createHub({
      store: createMemoryStore(),
      rateLimit: { requestsPerSecond: 1, burst: 3 },
      now: () => new Date(frozen),
    });
    const statuses = [];
    for (const hop of ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4']) {
      statuses.push(
        (
          await direct.fetch(
            new Request('http://hub.test/v1/meta/openapi', { headers: { 'x-forwarded-for': hop } }),
            { remoteAddress: '10.0.0.1' },
          )
        ).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('tukar-hub --rate-limit-store', () => {
  it('takes redis://, postgres (the --store database) or memory, from the flag or TUKAR_RATE_LIMIT_STORE', () => {
    expect(parseHubCommand(['--rate-limit-store', 'redis://127.0.0.1:6379'], {})).toMatchObject({
      ok: true,
      command: { rateLimit: { requestsPerSecond: 100, burst: 200, store: 'redis://127.0.0.1:6379' } },
    });
    expect(
      parseHubCommand(['--store', 'postgres://hub@db.example/tukar'], { TUKAR_RATE_LIMIT_STORE: 'postgres' }),
    ).toMatchObject({ ok: true, command: { rateLimit: { store: 'postgres://hub@db.example/tukar' } } });
    const memory = parseHubCommand([], {});
    expect(memory.ok ? memory.command.rateLimit : memory.message).toEqual({
      requestsPerSecond: 100,
      burst: 200,
    });
    expect(HUB_HELP).toContain('--rate-limit-store');
    expect(HUB_HELP).toContain('[TUKAR_RATE_LIMIT_STORE]');
  });

  it('refuses what it cannot use, naming the flag or variable (and no password)', () => {
    expect(parseHubCommand(['--rate-limit-store', 'postgres'], {})).toEqual({
      ok: false,
      message: '--rate-limit-store "postgres" needs a postgres:// --store; the store is "sqlite:…".',
    });
    expect(parseHubCommand([], { TUKAR_RATE_LIMIT_STORE: 'mongodb://u:secret@x/db' })).toEqual({
      ok: false,
      message:
        'TUKAR_RATE_LIMIT_STORE must be memory, redis://…, postgres or postgres://…, got "mongodb://***@x/db".',
    });
  });
});

describe('serveHub on a shared rate-limit store', () => {
  it.runIf(redisUrl)('two served hubs on one Redis limit one key over HTTP together', async () => {
    const store = createMemoryStore();
    const adminKey = generateApiKey();
    const adminClientId = `kominfo/admin-${randomUUID().slice(0, 8)}`;
    const rateLimit: RateLimit = { requestsPerSecond: 1, burst: 10, store: redisUrl as string };
    const serve = () => serveHub({ store, adminKey, adminClientId, rateLimit, handleSignals: false });
    const a = await serve();
    const b = await serve();
    try {
      const statuses = await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          fetch(`${(n % 2 ? a : b).url}/v1/meta/whoami`, {
            headers: { authorization: `Bearer ${adminKey}` },
          }).then(async (r) => {
            await r.body?.cancel();
            return r.status;
          }),
        ),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    } finally {
      // Both share the memory store; the second close finds it closed already.
      await a.close();
      await b.close().catch(() => {});
    }
  });
});
