// Three hub processes (the built hub) on one PostgreSQL schema, six producers pushing 1,000-record batches
// round-robin over them: the time to push a round of batches without readers (baseline) and while three
// consumers tail the changes feed, polling every 50 ms once caught up (candidate). Reads write their audit
// entries apart from the batches', so a tailing consumer costs the producers only the CPU and database time
// it uses itself (target: within 1.5× of without). Needs TUKAR_TEST_PG_URL; skipped without it.
import { createHubClient, type HubClient } from '@tukar/client';
import { generateApiKey } from '@tukar/hub';
import { exampleContract, publishDataset, puskesmasRecords } from '../packages/hub/test/hub-fixture';
import { compare, printComparisons } from './harness';
import { freshSchema, type HubProcess, startHubProcess } from './hub-processes';

const PG_URL = process.env.TUKAR_TEST_PG_URL;
const DATASET = 'dinkes.puskesmas';
const INSTANCES = 3;
const PRODUCERS = 6;
const CONSUMERS = 3;
const BATCHES_PER_PRODUCER = 4;
const BATCH = 1_000;

if (!PG_URL) {
  console.log('hub-instances: skipped; set TUKAR_TEST_PG_URL (a PostgreSQL the bench may create schemas in)');
} else {
  const schema = await freshSchema(PG_URL, 'instances');
  const adminKey = generateApiKey();
  const hubs: HubProcess[] = [];
  try {
    // One after another, so that one instance runs the migrations and the others find them done.
    for (let i = 0; i < INSTANCES; i++) {
      hubs.push(await startHubProcess({ store: `postgres:${PG_URL}#${schema.schema}`, adminKey }));
    }
    const clients = hubs.map((hub) =>
      createHubClient({ baseUrl: hub.url, apiKey: adminKey, timeoutMs: 120_000 }),
    );
    await publishDataset(clients[0] as HubClient, await exampleContract(DATASET));

    let offset = 0;
    let committed = 0;
    /** Six producers, each pushing its batches through the instances in turn. */
    const pushRound = async () => {
      const start = offset;
      offset += PRODUCERS * BATCHES_PER_PRODUCER * BATCH;
      await Promise.all(
        Array.from({ length: PRODUCERS }, async (_, producer) => {
          for (let b = 0; b < BATCHES_PER_PRODUCER; b++) {
            const client = clients[(producer + b) % INSTANCES] as HubClient;
            const first = start + (producer * BATCHES_PER_PRODUCER + b) * BATCH;
            const result = await client.pushRecords(DATASET, puskesmasRecords(BATCH, first), {
              batchSize: BATCH,
            });
            committed += result.created;
          }
        }),
      );
    };
    /** Three consumers tailing the feed from its head (`since`), one per instance, until `pushed` settles. */
    const tailWhile = async (since0: number, pushed: Promise<void>) => {
      let done = false;
      const finished = pushed.finally(() => {
        done = true;
      });
      let seen = 0;
      await Promise.all(
        clients.slice(0, CONSUMERS).map(async (client) => {
          let since = since0;
          while (!done) {
            let read = 0;
            for await (const change of client.pullChanges(DATASET, { since, limit: 5_000 })) {
              since = change.seq;
              read++;
            }
            seen += read;
            if (read === 0) await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }),
      );
      await finished;
      if (seen === 0) throw new Error('the consumers read nothing while the producers pushed');
    };

    const row = await compare(
      `${PRODUCERS} producers × ${BATCHES_PER_PRODUCER} batches of ${BATCH.toLocaleString('en')}, ${INSTANCES} PostgreSQL hub processes: with ${CONSUMERS} tailing consumers vs without`,
      {
        rounds: 4,
        baseline: pushRound,
        // Each record is one change, so the feed's head is the number of records pushed so far.
        candidate: () => {
          const head = offset;
          return tailWhile(head, pushRound());
        },
        target: 1.5,
      },
    );
    if (committed !== offset) throw new Error(`${offset} records pushed, ${committed} created`);
    console.log(
      `\nhub-instances: ${offset.toLocaleString('en')} records pushed, each created once; push throughput with consumers at ${(1 / row.ratio).toFixed(2)}× of without`,
    );
    printComparisons([row]);
  } finally {
    for (const hub of hubs) await hub.stop();
    await schema.drop();
  }
}
