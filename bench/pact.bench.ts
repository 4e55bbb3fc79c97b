// @tukar/pact: (1) one consumer interaction — the pushRecords helper with matchers from the contract,
// run with the typed client against the Pact mock server and written to the pact file (target under
// 100 ms) — against a bare PactV4 interaction with a literal body and raw fetch; (2) a whole provider
// verification of the hub — three interactions of an OPD pact, provider states set up through the admin
// API, results written as JSON and JUnit (target under 10 s) — against the Pact core verifying the same
// kind of pact in-process against a static endpoint; (3) verifyProvider of an OPD endpoint.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Contract } from '@tukar/contracts';
import { generateApiKey } from '@tukar/hub';
import { openSqliteStore, serveHub } from '@tukar/hub/node';
import {
  hubPact,
  MatchersV3,
  PactV4,
  pactFromContract,
  pushRecordsInteraction,
  readChangesInteraction,
  readRecordsInteraction,
  verifyHub,
  verifyProvider,
  withHubClient,
} from '@tukar/pact';
import { exampleContract } from '../packages/hub/test/hub-fixture';
import { compare, median, printComparisons } from './harness';

// The Pact core itself, as @tukar/pact resolves it (for the baseline).
const pactCore = (
  createRequire(new URL('../packages/pact/package.json', import.meta.url))('@pact-foundation/pact-core') as {
    default: { verifyPacts(options: object): Promise<unknown> };
  }
).default;

const work = mkdtempSync(join(tmpdir(), 'tukar-pact-bench-'));
const contract = (await exampleContract('dinkes.puskesmas')) as unknown as Contract;
const record = contract.examples![0]!;
const contractsDir = new URL('../examples/kontrak-kabupaten/contracts/', import.meta.url).pathname;

// ── (1) one consumer interaction ─────────────────────────────────────────────────────────────────────
let round = 0;
const consumerRows = [
  await compare('consumer interaction: push a batch (helper + typed client) vs literal PactV4 + fetch', {
    rounds: 15,
    target: undefined,
    baseline: async () => {
      const pact = new PactV4({
        consumer: `raw-${round++}`,
        provider: 'tukar-hub',
        dir: join(work, 'raw'),
        logLevel: 'error',
      });
      await pact
        .addInteraction()
        .given('dataset exists')
        .uponReceiving('a batch')
        .withRequest('POST', '/v1/datasets/dinkes.puskesmas/records', (b) => b.jsonBody({ upsert: [record] }))
        .willRespondWith(200, (b) => b.jsonBody({ created: MatchersV3.integer(1) }))
        .executeTest(async (mock) => {
          const response = await fetch(`${mock.url}/v1/datasets/dinkes.puskesmas/records`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ upsert: [record] }),
          });
          await response.json();
        });
    },
    candidate: async () => {
      const pact = hubPact({ consumer: `helper-${round++}`, dir: join(work, 'helper') });
      await pushRecordsInteraction(pact, {
        contract,
        clientId: 'ciamis/dinkes/simpus',
        example: record,
      }).executeTest(withHubClient((hub) => hub.pushRecords('dinkes.puskesmas', [record])));
    },
  }),
];
printComparisons(consumerRows);
const consumerMs = consumerRows[0]!.candidateMs;
console.log(
  `one consumer interaction: ${consumerMs.toFixed(1)} ms (target under 100 ms: ${consumerMs < 100 ? 'met' : 'MISSED'})`,
);

// ── (2) a whole provider verification of the hub ─────────────────────────────────────────────────────
const pactDir = join(work, 'pacts');
const pact = hubPact({ consumer: 'ciamis-dinkes-simpus', dir: pactDir });
await pushRecordsInteraction(pact, {
  contract,
  clientId: 'ciamis/dinkes/simpus',
  example: record,
}).executeTest(withHubClient((hub) => hub.pushRecords('dinkes.puskesmas', [record])));
await readRecordsInteraction(pact, { contract, clientId: 'ciamis/dinkes/simpus' }).executeTest(
  withHubClient(async (hub) => {
    for await (const _ of hub.listRecords('dinkes.puskesmas')) break;
  }),
);
await readChangesInteraction(pact, { contract }).executeTest(
  withHubClient(async (hub) => {
    for await (const _ of hub.pullChanges('dinkes.puskesmas')) break;
  }),
);
const pactFile = join(pactDir, 'ciamis-dinkes-simpus-tukar-hub.json');

const verifyTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  // A fresh hub each round: the first verification on a new hub publishes the contract, registers the
  // clients and pushes the records, which is the slow path a CI run takes.
  const adminKey = generateApiKey();
  const running = await serveHub({
    store: await openSqliteStore({ file: join(work, `hub-${i}.db`) }),
    adminKey,
    port: 0,
    handleSignals: false,
    rateLimit: false,
    disposable: true, // a throwaway hub: verifyHub refuses one that does not say so
  });
  const start = performance.now();
  const report = await verifyHub({
    hubUrl: running.url,
    adminKey,
    pacts: [pactFile],
    contracts: [contractsDir],
    resultsDir: join(work, 'results'),
  });
  verifyTimes.push(performance.now() - start);
  if (!report.ok) throw new Error(`verification failed:\n${report.summary}`);
  await running.close();
}

// Baseline: the Pact core alone, in-process, verifying a one-interaction pact against a static endpoint.
const body = JSON.stringify({ data: contract.examples, links: { next: null } });
const endpoint = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(body);
});
await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
const endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`;
const { file: opdPact } = await pactFromContract(contract, { dir: join(work, 'opd') });
const coreTimes: number[] = [];
const providerTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  let start = performance.now();
  await pactCore.verifyPacts({ providerBaseUrl: endpointUrl, pactUrls: [opdPact!], logLevel: 'error' });
  coreTimes.push(performance.now() - start);
  start = performance.now();
  const report = await verifyProvider({
    contract,
    providerBaseUrl: endpointUrl,
    pactDir: join(work, 'opd'),
    resultsDir: false,
  });
  providerTimes.push(performance.now() - start);
  if (!report.ok) throw new Error(`provider verification failed:\n${report.summary}`);
}
endpoint.close();

const hubMs = median(verifyTimes);
console.table([
  {
    bench: 'verifyHub: 3 interactions, states via admin API, fresh SQLite hub',
    'median ms': hubMs.toFixed(0),
    target: '< 10000',
    verdict: hubMs < 10_000 ? 'met' : 'MISSED',
  },
  {
    bench: 'verifyProvider: OPD endpoint, pact from the contract',
    'median ms': median(providerTimes).toFixed(0),
    target: '',
    verdict: '',
  },
  {
    bench: 'baseline: Pact core verifyPacts in-process, same OPD pact',
    'median ms': median(coreTimes).toFixed(0),
    target: '',
    verdict: '',
  },
]);
rmSync(work, { recursive: true, force: true });
