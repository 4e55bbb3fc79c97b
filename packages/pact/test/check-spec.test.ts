import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkPactsAgainstSpec,
  hubPact,
  pushRecordsInteraction,
  readChangesInteraction,
  withHubClient,
} from '../src/index';
import { exampleContract, tempDir } from './helpers';

const contract = await exampleContract('dinkes.puskesmas');

function pact(interactions: unknown[]) {
  return {
    consumer: { name: 'c' },
    provider: { name: 'tukar-hub' },
    interactions,
    metadata: { pactSpecification: { version: '3.0.0' } },
  };
}

describe('checkPactsAgainstSpec', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('check-spec'));
  });
  afterAll(() => cleanup());

  it('finds nothing wrong with the pacts the helpers write', async () => {
    const p = hubPact({ consumer: 'ciamis-dinkes-simpus', dir });
    await pushRecordsInteraction(p, { contract, clientId: 'ciamis/dinkes/simpus' }).executeTest(
      withHubClient((hub) => hub.pushRecords('dinkes.puskesmas', [contract.examples![0]!])),
    );
    await readChangesInteraction(p, { contract }).executeTest(
      withHubClient(async (hub) => {
        for await (const _ of hub.pullChanges('dinkes.puskesmas')) break;
      }),
    );
    const report = await checkPactsAgainstSpec([dir]);
    expect(report.lines).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.pacts[0]!.interactions.map((i) => i.operationId).sort()).toEqual([
      'listChanges',
      'pushRecords',
    ]);
  });

  it('lists each mismatch: unknown path, wrong method, bad query, missing header, invalid bodies, undocumented status', async () => {
    const report = await checkPactsAgainstSpec([
      pact([
        {
          description: 'unknown path',
          request: { method: 'GET', path: '/v1/dataset/dinkes.puskesmas' },
          response: { status: 200 },
        },
        {
          description: 'wrong method',
          request: { method: 'PATCH', path: '/v1/datasets/dinkes.puskesmas' },
          response: { status: 200 },
        },
        {
          description: 'bad query',
          request: { method: 'GET', path: '/v1/datasets/dinkes.puskesmas/changes', query: 'since=-1&page=2' },
          response: { status: 200, body: { items: [], nextSince: 0, hasMore: false } },
        },
        {
          description: 'push without key and with a bad body',
          request: { method: 'POST', path: '/v1/datasets/dinkes.puskesmas/records', body: { insert: [] } },
          response: { status: 201, body: { created: 1 } },
        },
        {
          description: 'answer missing fields',
          request: { method: 'GET', path: '/v1/datasets/dinkes.puskesmas' },
          response: { status: 200, body: { id: 'dinkes.puskesmas', recordCount: -1, total: 3 } },
        },
        {
          description: 'bad path parameter',
          request: { method: 'GET', path: '/v1/datasets/Not%20An%20Id' },
          response: { status: 404 },
        },
      ]),
    ]);
    expect(report.ok).toBe(false);
    const byDescription = Object.fromEntries(
      report.pacts[0]!.interactions.map((i) => [i.description, i.mismatches]),
    );
    expect(byDescription['unknown path']).toEqual([
      {
        kind: 'path',
        at: '/v1/dataset/dinkes.puskesmas',
        message: "no path /v1/dataset/dinkes.puskesmas in the hub's OpenAPI document",
      },
    ]);
    expect(byDescription['wrong method']![0]!.message).toBe(
      'PATCH is not an operation of /v1/datasets/{datasetId} (it has GET, PUT)',
    );
    expect(byDescription['bad query']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'query',
          at: 'page',
          message: expect.stringContaining('query parameter page is not in the spec for listChanges'),
        }),
        expect.objectContaining({ kind: 'query', at: 'since', message: 'must be >= 0' }),
      ]),
    );
    expect(byDescription['push without key and with a bad body']).toEqual(
      expect.arrayContaining([
        { kind: 'header', at: 'Idempotency-Key', message: 'required header Idempotency-Key is missing' },
        { kind: 'request-body', at: '/', message: 'unknown property "insert"' },
        expect.objectContaining({
          kind: 'status',
          message: expect.stringContaining('status 201 is not documented for pushRecords'),
        }),
      ]),
    );
    expect(byDescription['answer missing fields']).toEqual(
      expect.arrayContaining([
        {
          kind: 'response-body',
          at: '/',
          message: `"total" is not documented here in the hub's OpenAPI document`,
        },
        { kind: 'response-body', at: '/recordCount', message: 'must be >= 0' },
      ]),
    );
    // A pact lists the fields its consumer needs: leaving out required ones is no mismatch.
    expect(byDescription['answer missing fields']).toHaveLength(2);
    expect(byDescription['bad path parameter']![0]).toMatchObject({ kind: 'path', at: 'datasetId' });
    expect(report.lines[0]).toBe(
      `(pact #1): "unknown path" (GET /v1/dataset/dinkes.puskesmas): path at /v1/dataset/dinkes.puskesmas: no path /v1/dataset/dinkes.puskesmas in the hub's OpenAPI document`,
    );
  });

  it('reads pact specification 2 files and names the file in each line', async () => {
    const file = join(dir, 'v2.json');
    await writeFile(
      file,
      JSON.stringify({
        consumer: { name: 'old' },
        provider: { name: 'tukar-hub' },
        interactions: [
          {
            description: 'health',
            providerState: 'anything',
            request: { method: 'get', path: '/v1/health' },
            response: {
              status: 200,
              headers: { 'Content-Type': 'application/json' },
              body: { status: 'ok', version: 1 },
            },
          },
          { description: 'typo', request: { method: 'get', path: '/v1/healthz' }, response: { status: 200 } },
        ],
        metadata: { pactSpecification: { version: '2.0.0' } },
      }),
    );
    const report = await checkPactsAgainstSpec([file]);
    expect(report.lines).toEqual([
      `${file}: "health" (GET /v1/health): response-body at /version: must be string`,
      `${file}: "typo" (GET /v1/healthz): path at /v1/healthz: no path /v1/healthz in the hub's OpenAPI document`,
    ]);
  });

  it('refuses missing, malformed and oversized files, naming them', async () => {
    await expect(checkPactsAgainstSpec([join(dir, 'none.json')])).rejects.toThrow(
      /none.json: no such pact file or directory/,
    );
    const broken = join(dir, 'broken.pact');
    await writeFile(broken, '{"consumer":');
    await expect(checkPactsAgainstSpec([broken])).rejects.toThrow(/broken.pact: not valid JSON/);
    const huge = join(dir, 'huge.pact');
    await writeFile(huge, Buffer.alloc(21 * 1024 * 1024, 32));
    await expect(checkPactsAgainstSpec([huge])).rejects.toThrow(/huge.pact: 22020096 bytes, over the limit/);
    await expect(checkPactsAgainstSpec('pacts' as never)).rejects.toThrow(/pass an array/);
    await expect(checkPactsAgainstSpec([{ consumer: 'x' }])).rejects.toThrow(
      /pact #1 passed as an object is not a pact/,
    );
  });
});
