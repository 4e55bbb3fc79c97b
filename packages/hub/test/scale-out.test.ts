// Scale-out as a kabupaten runs it: three `tukar-hub` processes on one PostgreSQL behind a round-robin
// load balancer (test/tcp-balancer.ts). While three producers push and two consumers tail the changes
// feed, random instances are SIGKILLed and restarted. At the end every record is stored exactly once,
// every consumer saw every change once and in order, the audit verifies, and one key's rate is limited
// across the three instances (their limiter is shared on PostgreSQL), not three times over.
import { randomBytes } from 'node:crypto';
import { createHubClient, type HubClient, provisionHub } from '@tukar/client';
import { afterAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../src/index';
import { BinProcess } from './bin-process';
import { exampleContract, pgQuery, publishDataset, puskesmasRecords } from './hub-fixture';
import { type Backend, startTcpBalancer } from './tcp-balancer';

const url = process.env['TUKAR_TEST_PG_URL'];
const DATASET = 'dinkes.puskesmas';
const INSTANCES = 3;
const PRODUCERS = 3;
const CONSUMERS = 2;
/** Records a producer pushes per round; it pushes rounds until the kills are over. */
const ROUND = 500;
const KILLS = 4;
/** The shared limit: 10 requests/s per key with a burst of 40. */
const RATE = 10;
const BURST = 40;

if (!url) {
  describe.skip('three tukar-hub processes on one PostgreSQL (skipped: set TUKAR_TEST_PG_URL)', () => {
    it('needs a PostgreSQL server', () => {});
  });
} else {
  describeScaleOut(url);
}

function describeScaleOut(url: string): void {
  const tag = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const schema = `tukar_scale_out_${tag}`;
  const cleanups: Array<() => unknown> = [];
  const sql = (text: string) => pgQuery(url, text);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await sql(`drop schema if exists "${schema}" cascade`);
  });

  it('stores every record once and feeds every change once in order through SIGKILLs of random instances, limiting one key across all three', async () => {
    await sql(`create schema "${schema}"`);
    const storeUrl = new URL(url);
    storeUrl.searchParams.set('options', `-c search_path=${schema}`);
    const adminKey = generateApiKey();
    const args = [
      '--store',
      storeUrl.toString(),
      '--rate-limit',
      String(RATE),
      '--rate-burst',
      String(BURST),
      '--rate-limit-store',
      'postgres',
    ];
    const start = () => BinProcess.start(args, { TUKAR_ADMIN_KEY: adminKey });
    // The first instance migrates the fresh schema; the others start on it.
    const hubs: BinProcess[] = [await start()];
    for (let i = 1; i < INSTANCES; i++) hubs.push(await start());
    cleanups.push(() => {
      for (const hub of hubs) hub.kill();
    });
    const backendOf = (hub: BinProcess): Backend => ({
      host: '127.0.0.1',
      port: Number(new URL(hub.url).port),
    });
    const balancer = await startTcpBalancer(hubs.map(backendOf));
    cleanups.push(() => balancer.close());
    const base = `http://127.0.0.1:${balancer.port}`;
    const clientFor = (apiKey: string): HubClient =>
      createHubClient({
        baseUrl: base,
        apiKey,
        timeoutMs: 30_000,
        retry: { retries: 10, baseDelayMs: 100, maxDelayMs: 2_000 },
      });

    const admin = clientFor(adminKey);
    await publishDataset(admin, await exampleContract(DATASET));
    const keyOf = async (id: string, access: Array<'read' | 'write'>) => {
      const { keys } = await provisionHub(admin, {
        clients: [{ id, name: `Sistem ${id}`, opd: 'dinkes', keyLabel: 'scale-out' }],
        grants: [{ clientId: id, datasetId: DATASET, access }],
      });
      return keys[id]?.apiKey as string;
    };
    const producers = await Promise.all(
      Array.from({ length: PRODUCERS }, async (_, p) =>
        clientFor(await keyOf(`dinkes/producer-${p}`, ['write'])),
      ),
    );
    const consumers = await Promise.all(
      Array.from({ length: CONSUMERS }, async (_, c) =>
        clientFor(await keyOf(`dinkes/consumer-${c}`, ['read'])),
      ),
    );

    // Producers push their own key ranges in rounds of ROUND records (batches of 100, each with its
    // Idempotency-Key) until the chaos is over, so every kill falls while they push.
    let chaosOver = false;
    let producing = true;
    const pushes = producers.map(async (producer, p) => {
      const records: Array<Record<string, unknown>> = [];
      for (let round = 0; !chaosOver || round === 0; round++) {
        const batch = puskesmasRecords(ROUND, p * 100_000 + round * ROUND);
        const result = await producer.pushRecords(DATASET, batch, { batchSize: 100 });
        expect(result.records).toBe(ROUND);
        expect(result.created + result.updated + result.unchanged).toBe(ROUND);
        records.push(...batch);
      }
      return records;
    });
    const allPushed = Promise.all(pushes).finally(() => {
      producing = false;
    });

    // Consumers tail the feed until the producers are done and they have caught up.
    const tail = async (consumer: HubClient) => {
      const seen: Array<{ seq: number; key: string }> = [];
      let since = 0;
      for (;;) {
        const done = !producing;
        for await (const change of consumer.pullChanges(DATASET, { since, limit: 500 })) {
          seen.push({ seq: change.seq, key: change.key });
          since = change.seq;
        }
        if (done) return seen;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const tails = consumers.map(tail);

    // Chaos: every second or two, SIGKILL a random live instance; it restarts in the background (the
    // balancer sends new connections to the others meanwhile). At least one stays up.
    const live = new Set(hubs.keys());
    const restarts: Array<Promise<void>> = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let kill = 1; kill <= KILLS; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 1_000 + random() * 1_000));
      while (live.size < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      const candidates = [...live];
      const victim = candidates[Math.floor(random() * candidates.length)] as number;
      hubs[victim]?.kill();
      live.delete(victim);
      balancer.setBackends([...live].map((i) => backendOf(hubs[i] as BinProcess)));
      restarts.push(
        start().then((restarted) => {
          hubs[victim] = restarted;
          live.add(victim);
          balancer.setBackends([...live].map((i) => backendOf(hubs[i] as BinProcess)));
        }),
      );
    }
    await Promise.all(restarts);
    chaosOver = true;

    const pushed = (await allPushed).flat();
    const expectedKeys = new Set(pushed.map((record) => String(record['kode_puskesmas'])));
    const total = pushed.length;
    expect(expectedKeys.size).toBe(total);

    // Every record exactly once.
    const stored: string[] = [];
    for await (const record of admin.listRecords(DATASET)) stored.push(record.key);
    expect(stored).toHaveLength(total);
    expect(new Set(stored)).toEqual(expectedKeys);

    // Every consumer saw every change once, in order: seq 1, 2, …, one per created record.
    for (const seen of await Promise.all(tails)) {
      expect(seen.map((change) => change.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(new Set(seen.map((change) => change.key))).toEqual(expectedKeys);
    }
    const { data: audit } = await admin.GET('/v1/audit/verify');
    expect(audit?.ok).toBe(true);

    // One fresh key flooding all three instances directly: limited once, across the three.
    const flooder = await keyOf('dinkes/flooder', ['read']);
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 3 * BURST }, (_, n) =>
        fetch(`${hubs[n % INSTANCES]?.url}/v1/meta/whoami`, {
          headers: { authorization: `Bearer ${flooder}` },
        }),
      ),
    );
    const elapsedSeconds = (Date.now() - started) / 1000;
    const accepted = answers.filter((answer) => answer.status === 200).length;
    expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThan(0);
    // A per-process limit would accept 3 × BURST; the shared one the burst plus what refills meanwhile.
    expect(accepted).toBeGreaterThanOrEqual(BURST);
    expect(accepted).toBeLessThanOrEqual(BURST + Math.ceil(RATE * elapsedSeconds) + 1);
    for (const hub of hubs) expect(hub.child.exitCode).toBeNull();
  }, 180_000);
}
