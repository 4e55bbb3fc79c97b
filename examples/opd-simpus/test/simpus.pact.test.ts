// SIMPUS's Pact consumer tests (against the Pact mock server), then the pact they wrote verified against
// the real hub (serveHub on a loopback port, SQLite store) and checked against the hub's OpenAPI document.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedChange } from '@tukar/client';
import { generateApiKey } from '@tukar/hub';
import { openSqliteStore, type RunningHub, serveHub } from '@tukar/hub/node';
import {
  checkPactsAgainstSpec,
  hubPact,
  pushRecordsInteraction,
  readChangesInteraction,
  verifyHub,
  withHubClient,
} from '@tukar/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DinkesPuskesmasRecord,
  followChanges,
  memoryPosition,
  SIMPUS_ROWS,
  type SimpusHub,
  sendPuskesmas,
  toPuskesmasRecord,
} from '../src/index';
import { contractsDir, puskesmasContract } from './contract';

const CONSUMER = 'ciamis-dinkes-simpus';
const CLIENT_ID = 'ciamis/dinkes/simpus';
const contract = await puskesmasContract();
let dir: string;
let pactFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tukar-opd-simpus-'));
  pactFile = join(dir, 'pacts', `${CONSUMER}-tukar-hub.json`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('consumer: SIMPUS against the Pact mock of the hub', () => {
  const pact = () => hubPact({ consumer: CONSUMER, dir: join(dir, 'pacts') });

  it('sends its puskesmas as one batch of records like the contract says', async () => {
    const result = await pushRecordsInteraction<DinkesPuskesmasRecord>(pact(), {
      contract,
      clientId: CLIENT_ID,
      example: toPuskesmasRecord(SIMPUS_ROWS[0]!),
    }).executeTest(withHubClient((hub: SimpusHub) => sendPuskesmas(hub, SIMPUS_ROWS)));
    expect(result).toMatchObject({ batches: 1, records: 3 });
  });

  it('follows the changes feed and stores its position', async () => {
    const seen: TypedChange<DinkesPuskesmasRecord>[] = [];
    const position = memoryPosition();
    await readChangesInteraction(pact(), {
      contract,
      clientId: CLIENT_ID,
      records: SIMPUS_ROWS.map(toPuskesmasRecord),
    }).executeTest(
      withHubClient((hub: SimpusHub) => followChanges(hub, position, (change) => void seen.push(change))),
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]?.record).toMatchObject({ kode_puskesmas: 'P3207010101' });
    expect(position.value).toBe(seen[0]?.seq);
  });

  it('fails its own test when it sends a record unlike the one in the pact', async () => {
    const withPhone = { ...SIMPUS_ROWS[1]!, telepon: '(0265) 771234' };
    const run = pushRecordsInteraction(hubPact({ consumer: 'scratch', dir: join(dir, 'scratch') }), {
      contract,
      example: toPuskesmasRecord(SIMPUS_ROWS[0]!),
    }).executeTest(withHubClient((hub: SimpusHub) => sendPuskesmas(hub, [SIMPUS_ROWS[0]!, withPhone])));
    await expect(run).rejects.toThrow(
      /\$\.upsert\[1\]: Expected a Map with keys .* but received one with keys .*telepon/,
    );
  });
});

describe('provider: the real hub verifies the pact SIMPUS wrote', () => {
  let running: RunningHub;
  const adminKey = generateApiKey();

  beforeAll(async () => {
    const store = await openSqliteStore({ file: join(dir, 'hub.db') });
    // A throwaway hub for this test: verifyHub refuses a hub that does not say it is disposable.
    running = await serveHub({
      store,
      adminKey,
      port: 0,
      handleSignals: false,
      rateLimit: false,
      disposable: true,
    });
  });
  afterAll(async () => {
    await running.close();
  });

  it('the pact agrees with the hub’s OpenAPI document', async () => {
    const report = await checkPactsAgainstSpec([pactFile]);
    expect(report.lines).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('verifies every interaction, setting the states up through the admin API', async () => {
    const report = await verifyHub({
      hubUrl: running.url,
      adminKey,
      pacts: [pactFile],
      contracts: [contractsDir],
      resultsDir: join(dir, 'results'),
    });
    expect(report.summary).toContain('2 interactions verified');
    expect(report.ok).toBe(true);
    expect(report.interactions.map((i) => i.consumer)).toEqual([CONSUMER, CONSUMER]);
    const junit = await readFile(report.files.junit!, 'utf8');
    expect(junit).toContain(`<testsuite name="${CONSUMER} → tukar-hub" tests="2" failures="0"`);
    const json = JSON.parse(await readFile(report.files.json!, 'utf8'));
    expect(json).toMatchObject({ ok: true, provider: 'tukar-hub' });
  });
});
