import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MatchersV3 } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizationHeader,
  HUB_STATES,
  hubPact,
  PACT_EXAMPLE_API_KEY,
  PactError,
  pushRecordsInteraction,
  readChangesInteraction,
  readRecordsInteraction,
  withHubClient,
} from '../src/index';
import { exampleContract, tempDir } from './helpers';

const contract = await exampleContract('dinkes.puskesmas');
const record = contract.examples![0]!;

describe('hubPact and the interaction helpers (consumer side)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('consumer'));
  });
  afterAll(() => cleanup());

  const pactFile = () => join(dir, 'ciamis-dinkes-simpus-tukar-hub.json');
  const readPact = async () => JSON.parse(await readFile(pactFile(), 'utf8'));

  it('runs the typed client against the mock and writes a pact with matchers, states and headers', async () => {
    const pact = hubPact({ consumer: 'ciamis-dinkes-simpus', dir });
    const twin = { ...record, kode_puskesmas: 'P3207010199', nama: 'Puskesmas Uji' };
    const result = await pushRecordsInteraction(pact, {
      contract,
      clientId: 'ciamis/dinkes/simpus',
      example: record,
    }).executeTest(withHubClient((hub) => hub.pushRecords('dinkes.puskesmas', [record, twin])));
    expect(result).toMatchObject({ batches: 1, records: 2, created: 1 });

    const written = await readPact();
    expect(written.provider.name).toBe('tukar-hub');
    const [interaction] = written.interactions;
    expect(interaction.description).toBe('a batch of dinkes.puskesmas records to upsert');
    expect(interaction.providerStates).toEqual([
      { name: HUB_STATES.datasetExists, params: { datasetId: 'dinkes.puskesmas', contractVersion: '1.0.0' } },
      {
        name: HUB_STATES.clientHasGrant,
        params: { clientId: 'ciamis/dinkes/simpus', datasetId: 'dinkes.puskesmas', access: ['write'] },
      },
    ]);
    const rules = interaction.request.matchingRules;
    expect(rules.body['$.upsert']).toEqual({ combine: 'AND', matchers: [{ match: 'type', min: 1 }] });
    expect(rules.body['$.upsert[*].kode_puskesmas'].matchers[0]).toEqual({
      match: 'regex',
      regex: '^P[0-9]{10}$',
    });
    expect(rules.header.Authorization.matchers[0].regex).toBe('^Bearer tk_[A-Za-z0-9_-]{43}$');
    expect(rules.header['Idempotency-Key'].matchers[0].match).toBe('regex');
    expect(interaction.request.headers.Authorization).toEqual([`Bearer ${PACT_EXAMPLE_API_KEY}`]);
  });

  it('reads pages and the changes feed with the client’s iterators', async () => {
    const pact = hubPact({ consumer: 'ciamis-dinkes-simpus', dir });
    const pages: unknown[] = [];
    await readRecordsInteraction(pact, { contract }).executeTest(
      withHubClient(async (hub) => {
        for await (const stored of hub.listRecords('dinkes.puskesmas')) pages.push(stored.record);
      }),
    );
    expect(pages).toHaveLength(1);
    const changes: unknown[] = [];
    await readChangesInteraction(pact, { contract, since: 0 }).executeTest(
      withHubClient(async (hub) => {
        for await (const change of hub.pullChanges('dinkes.puskesmas')) changes.push(change);
      }),
    );
    expect(changes).toEqual([expect.objectContaining({ op: 'upsert', seq: 1 })]);
    const written = await readPact();
    const changesInteraction = written.interactions.find((i: { description: string }) =>
      i.description.includes('changes'),
    );
    expect(changesInteraction.request.query).toEqual({ limit: ['500'], since: ['0'] });
    expect(changesInteraction.providerStates).toEqual([
      { name: 'dataset has records', params: { datasetId: 'dinkes.puskesmas' } },
    ]);
    // Responses match the required fields only: an optional field the hub leaves out is no mismatch.
    expect(changesInteraction.response.matchingRules.body['$.items[*].record.telepon']).toBeUndefined();
  });

  it('describes a page with more to come by a cursor, for a client that reads one page', async () => {
    const pact = hubPact({ consumer: 'pager', dir });
    const page = await readRecordsInteraction(pact, {
      contract,
      limit: 1,
      hasMore: true,
      records: contract.examples,
    }).executeTest(
      withHubClient((hub) =>
        hub.unwrap(
          hub.GET('/v1/datasets/{datasetId}/records', {
            params: { path: { datasetId: 'dinkes.puskesmas' }, query: { limit: 1 } },
          }),
        ),
      ),
    );
    expect(page?.nextCursor).toEqual(expect.any(String));
  });

  it('leaves a request the pact does not describe to Pact, which names the field', async () => {
    const pact = hubPact({ consumer: 'scratch', dir: join(dir, 'scratch') });
    const run = pushRecordsInteraction(pact, { contract, example: record }).executeTest(
      withHubClient((hub) => hub.pushRecords('dinkes.puskesmas', [{ ...record, jumlah_dokter: 'lima' }])),
    );
    await expect(run).rejects.toThrow(/\$\.upsert\[0\]\.jumlah_dokter.*lima/);
  });

  it('on a machine busy with other work, reports each request the mock server answered, matched or not', async () => {
    // Three threads spinning keep both cores busy, as a CI runner running other test files does. The
    // Pact core answers before it records a match; without the wait for its record, some of these runs
    // end in "expected but not received".
    const spinners = [0, 1, 2].map(() => new Worker('for (;;) {}', { eval: true }));
    try {
      const wrong: string[] = [];
      for (let run = 0; run < 60; run += 1) {
        const refused = pushRecordsInteraction(hubPact({ consumer: `busy-${run}`, dir: join(dir, 'busy') }), {
          contract,
          example: record,
        }).executeTest(
          withHubClient((hub) => hub.pushRecords('dinkes.puskesmas', [{ ...record, jumlah_dokter: 'lima' }])),
        );
        const message = await refused.then(
          () => 'resolved',
          (error: Error) => error.message,
        );
        if (!/\$\.upsert\[0\]\.jumlah_dokter.*lima/s.test(message))
          wrong.push(`refused run ${run}: ${message}`);
        const accepted = pushRecordsInteraction(
          hubPact({ consumer: `busy-${run}`, dir: join(dir, 'busy') }),
          {
            contract,
            example: record,
          },
        ).executeTest(withHubClient((hub) => hub.pushRecords('dinkes.puskesmas', [record])));
        await accepted.catch((error: Error) => wrong.push(`accepted run ${run}: ${error.message}`));
      }
      expect(wrong).toEqual([]);
    } finally {
      await Promise.all(spinners.map((spinner) => spinner.terminate()));
    }
  });

  it('sends through a fetch of the test’s own, and refuses one that is not a function, naming the option', async () => {
    const seen: string[] = [];
    const logging = (request: Request) => {
      seen.push(`${request.method} ${new URL(request.url).pathname}`);
      return fetch(request);
    };
    await pushRecordsInteraction(hubPact({ consumer: 'own-fetch', dir: join(dir, 'own-fetch') }), {
      contract,
      example: record,
    }).executeTest(withHubClient((hub) => hub.pushRecords('dinkes.puskesmas', [record]), { fetch: logging }));
    expect(seen).toEqual(['POST /v1/datasets/dinkes.puskesmas/records']);
    const broken = pushRecordsInteraction(hubPact({ consumer: 'bad-fetch', dir: join(dir, 'bad-fetch') }), {
      contract,
      example: record,
    }).executeTest(
      withHubClient((hub) => hub.pushRecords('dinkes.puskesmas', [record]), { fetch: 'nope' as never }),
    );
    await expect(broken).rejects.toThrow(/fetch: must be a function like the global fetch/);
  });

  it('keeps PactV4’s own builder usable with the hub headers', async () => {
    const pact = hubPact({ consumer: 'whoami', dir });
    const who = await pact
      .addInteraction()
      .given(HUB_STATES.clientHasGrant, {
        clientId: 'ciamis/dinkes/simpus',
        datasetId: 'dinkes.puskesmas',
        access: ['read'],
      })
      .uponReceiving('a request for the caller')
      .withRequest('GET', '/v1/meta/whoami', (b) => b.headers(authorizationHeader()))
      .willRespondWith(200, (b) => b.jsonBody({ clientId: MatchersV3.string('ciamis/dinkes/simpus') }))
      .executeTest(withHubClient((hub) => hub.unwrap(hub.GET('/v1/meta/whoami'))));
    expect(who).toMatchObject({ clientId: 'ciamis/dinkes/simpus' });
  });

  it('refuses missing and malformed options, naming them', () => {
    expect(() => hubPact(undefined as never)).toThrow(PactError);
    expect(() => hubPact({ consumer: '' })).toThrow(/consumer must be a name/);
    expect(() => hubPact({ consumer: '../../etc/passwd' })).toThrow(/consumer must be a name/);
    expect(() => hubPact({ consumer: 'ok', provider: 'has space' })).toThrow(/provider must be a name/);
    const pact = hubPact({ consumer: 'ok', dir });
    expect(() => pushRecordsInteraction(pact, {} as never)).toThrow(
      /options.contract must be a loaded contract/,
    );
    expect(() => pushRecordsInteraction(pact, { contract, clientId: 'Not A Client' })).toThrow(
      /options.clientId/,
    );
    expect(() => readRecordsInteraction(pact, { contract, limit: 0 })).toThrow(
      /options.limit must be an integer from 1 to 1000, got 0/,
    );
    expect(() => readChangesInteraction(pact, { contract, since: -1 })).toThrow(/options.since/);
    expect(() => readRecordsInteraction(pact, { contract, records: ['x'] as never })).toThrow(
      /options.records/,
    );
    expect(() =>
      pushRecordsInteraction(pact, { contract, example: { ...record, kode_puskesmas: 7 } }),
    ).toThrow(
      /pushRecordsInteraction \(dinkes.puskesmas\): example value at \/kode_puskesmas is an integer 7/,
    );
    expect(() => withHubClient('nope' as never)).toThrow(/withHubClient: pass a function/);
  });
});
