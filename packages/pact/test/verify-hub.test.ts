import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../../hub/test/hub-fixture';
import { HUB_STATES, PACT_EXAMPLE_API_KEY, PactError, verifyHub } from '../src/index';
import { contractsDir, tempDir } from './helpers';

const AUTH = { Authorization: `Bearer ${PACT_EXAMPLE_API_KEY}` };

/** A pact (specification 3) for the hub, written by hand. */
function pact(consumer: string, interactions: unknown[]) {
  return {
    consumer: { name: consumer },
    provider: { name: 'tukar-hub' },
    interactions,
    metadata: { pactSpecification: { version: '3.0.0' } },
  };
}

describe('verifyHub against a real hub', () => {
  let hub: TestHub;
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    hub = await startHub();
    ({ dir, cleanup } = await tempDir('verify-hub'));
  });
  afterAll(async () => {
    await hub.close();
    await cleanup();
  });

  it('sets every documented state up through the admin API and verifies the interactions', async () => {
    const document = pact('ciamis-disdik-sekolah', [
      {
        description: 'a request for the latest agreed puskesmas contract',
        providerStates: [
          { name: HUB_STATES.contractAgreed, params: { contractId: 'dinkes.puskesmas', version: '1.0.0' } },
        ],
        request: { method: 'GET', path: '/v1/contracts/dinkes.puskesmas', headers: AUTH },
        response: { status: 200, body: { id: 'dinkes.puskesmas', version: '1.0.0', status: 'agreed' } },
      },
      {
        description: 'a request for a record that is not there',
        providerStates: [
          { name: HUB_STATES.recordAbsent, params: { datasetId: 'dinkes.puskesmas', key: 'P3207999999' } },
        ],
        request: { method: 'GET', path: '/v1/datasets/dinkes.puskesmas/records/P3207999999', headers: AUTH },
        response: { status: 404, body: { code: 'not_found' } },
      },
      {
        description: 'a request with a key the hub does not know',
        providerStates: [{ name: HUB_STATES.apiKeyUnknown, params: {} }],
        request: { method: 'GET', path: '/v1/datasets/dinkes.puskesmas', headers: AUTH },
        response: { status: 401, body: { code: 'unauthorized' } },
      },
      {
        description: 'a delete by a client without a write grant',
        providerStates: [
          { name: HUB_STATES.datasetHasRecords, params: { datasetId: 'dinkes.puskesmas' } },
          {
            name: HUB_STATES.clientHasGrant,
            params: { clientId: 'ciamis/disdik/sekolah', datasetId: 'dinkes.puskesmas', access: ['read'] },
          },
        ],
        request: {
          method: 'DELETE',
          path: '/v1/datasets/dinkes.puskesmas/records/P3207010101',
          headers: AUTH,
        },
        response: { status: 403, body: { code: 'forbidden' } },
      },
    ]);
    const report = await verifyHub({
      hubUrl: hub.url,
      adminKey: hub.adminKey,
      pacts: [document],
      contracts: [contractsDir],
      resultsDir: join(dir, 'results'),
    });
    expect(report.summary).toBe(`✔ tukar-hub at ${hub.url}: 4 interactions verified`);
    expect(report.ok).toBe(true);
    expect(report.interactions.every((i) => i.consumer === 'ciamis-disdik-sekolah')).toBe(true);
    // The states went through the admin API, in the run's own scope: a client of the run (not the real
    // ciamis/disdik/sekolah) got a read grant on the run's copy of the dataset, and its key is revoked.
    const clients = await hub.admin.unwrap(hub.admin.GET('/v1/clients'));
    expect(clients.items.map((c) => c.id)).not.toContain('ciamis/disdik/sekolah');
    const scoped = clients.items.filter((c) => /^pact-[a-z0-9]{8}-\d+-ciamis\/disdik\/sekolah$/.test(c.id));
    expect(scoped).toHaveLength(1);
    const clientId = scoped[0]!.id;
    const grants = await hub.admin.unwrap(
      hub.admin.GET('/v1/clients/{clientId}/grants', { params: { path: { clientId } } }),
    );
    expect(grants.items).toEqual([
      expect.objectContaining({
        datasetId: expect.stringMatching(/^pact-[a-z0-9]{8}\.dinkes\.puskesmas$/),
        access: ['read'],
      }),
    ]);
    const keys = await hub.admin.unwrap(
      hub.admin.GET('/v1/clients/{clientId}/keys', { params: { path: { clientId } } }),
    );
    expect(keys.items.length).toBeGreaterThan(0);
    expect(keys.items.every((key) => key.revokedAt !== null)).toBe(true);
    const junit = await readFile(report.files.junit!, 'utf8');
    expect(junit).toContain('tests="4" failures="0"');
    const json = JSON.parse(await readFile(report.files.json!, 'utf8'));
    expect(json.interactions).toHaveLength(4);
    expect(json.output).toBeUndefined();
  });

  it('fails an expectation the hub does not meet, naming the interaction and the field', async () => {
    const file = join(dir, 'bad-consumer-tukar-hub.json');
    await writeFile(
      file,
      JSON.stringify(
        pact('bad-consumer', [
          {
            description: 'a push answered with a total',
            providerStates: [
              { name: HUB_STATES.datasetExists, params: { datasetId: 'dinkes.puskesmas' } },
              {
                name: HUB_STATES.clientHasGrant,
                params: {
                  clientId: 'ciamis/dinkes/simpus',
                  datasetId: 'dinkes.puskesmas',
                  access: ['write'],
                },
              },
            ],
            request: {
              method: 'POST',
              path: '/v1/datasets/dinkes.puskesmas/records',
              headers: {
                ...AUTH,
                'Content-Type': 'application/json',
                'Idempotency-Key': 'bad-consumer-0001',
              },
              body: { upsert: [] },
            },
            response: {
              status: 201,
              body: { created: 0, total: 0 },
            },
          },
        ]),
      ),
    );
    const report = await verifyHub({
      hubUrl: hub.url,
      adminKey: hub.adminKey,
      pacts: [file],
      contracts: [contractsDir],
      resultsDir: false,
    });
    expect(report.ok).toBe(false);
    expect(report.files).toEqual({});
    const [failed] = report.interactions;
    expect(failed).toMatchObject({
      consumer: 'bad-consumer',
      description: 'a push answered with a total',
      ok: false,
    });
    expect(failed!.mismatches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'status',
          message: expect.stringContaining('expected 201 but was 200'),
        }),
        expect.objectContaining({
          kind: 'body',
          path: '$',
          message: expect.stringContaining('missing the following keys: total'),
        }),
      ]),
    );
    expect(report.summary).toContain('✖ bad-consumer: "a push answered with a total" (given dataset exists');
    expect(report.summary).toMatch(/\$: Actual map is missing the following keys: total/);
  });

  it('fails an interaction whose state cannot be set up, with the reason', async () => {
    const report = await verifyHub({
      hubUrl: hub.url,
      adminKey: hub.adminKey,
      pacts: [
        pact('state-tester', [
          {
            description: 'a dataset of a contract nobody published',
            providerStates: [{ name: HUB_STATES.datasetExists, params: { datasetId: 'dinkes.tidak_ada' } }],
            request: { method: 'GET', path: '/v1/datasets/dinkes.tidak_ada', headers: AUTH },
            response: { status: 200 },
          },
          {
            description: 'a state with a bad parameter',
            providerStates: [
              {
                name: HUB_STATES.clientHasGrant,
                params: { clientId: 'a/b', datasetId: 'dinkes.puskesmas', access: ['admin'] },
              },
            ],
            request: { method: 'GET', path: '/v1/health' },
            response: { status: 200 },
          },
          {
            description: 'a state the hub does not know',
            providerStates: [{ name: 'the moon is full', params: {} }],
            request: { method: 'GET', path: '/v1/health' },
            response: { status: 200 },
          },
        ]),
      ],
      contracts: [contractsDir],
      resultsDir: false,
    });
    expect(report.ok).toBe(false);
    const message = (description: string) =>
      report.interactions
        .find((i) => i.description === description)
        ?.mismatches.map((m) => m.message)
        .join('\n');
    expect(message('a dataset of a contract nobody published')).toMatch(
      /provider state "dataset exists" \{"datasetId":"dinkes.tidak_ada"\} could not be set up: the hub has no contract dinkes.tidak_ada/,
    );
    expect(message('a state with a bad parameter')).toMatch(
      /parameter "access" must be \["read"\], \["write"\] or both, got \["admin"\]/,
    );
    expect(message('a state the hub does not know')).toMatch(
      /"the moon is full" is not one the hub knows; use one of: "contract is agreed"/,
    );
  });

  it('refuses bad options, missing pacts and an unreachable hub before verifying', async () => {
    const base = { hubUrl: hub.url, adminKey: hub.adminKey, resultsDir: false as const };
    await expect(verifyHub(undefined as never)).rejects.toThrow(PactError);
    await expect(verifyHub({ ...base, hubUrl: 'hub.example.go.id' })).rejects.toThrow(
      /hubUrl: "hub.example.go.id" is not an absolute http\(s\) URL/,
    );
    await expect(verifyHub({ ...base, adminKey: 'secret' })).rejects.toThrow(
      /adminKey must be the hub admin API key/,
    );
    const empty = join(dir, 'empty');
    await import('node:fs/promises').then((fs) => fs.mkdir(empty, { recursive: true }));
    await writeFile(join(empty, 'notes.json'), '{"not":"a pact"}');
    await expect(verifyHub({ ...base, pacts: [empty] })).rejects.toMatchObject({ code: 'no_pacts' });
    await expect(verifyHub({ ...base, pacts: [join(dir, 'nope.json')] })).rejects.toThrow(
      /nope.json: no such pact file or directory/,
    );
    await expect(verifyHub({ ...base, pacts: [join(empty, 'notes.json')] })).rejects.toThrow(
      /notes.json: not a pact file/,
    );
    await expect(
      verifyHub({ ...base, pacts: [{ ...pact('x', []), provider: { name: 'other' } }] }),
    ).rejects.toThrow(/no pact with provider "tukar-hub".*found pacts for: other/);
    await expect(
      verifyHub({ ...base, pacts: [pact('x', [])], contracts: [join(dir, 'missing.yaml')] }),
    ).rejects.toThrow(/contracts: .*missing.yaml does not exist/);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(
      verifyHub({ ...base, hubUrl: `http://127.0.0.1:${port}`, pacts: [pact('x', [])] }),
    ).rejects.toThrow(new RegExp(`the hub at http://127.0.0.1:${port} cannot be reached`));
  });
});
