// Typed one-off overrides (openapi-msw on the @tukar/spec paths): outages, slow answers, and what does not compile.
import { createHubClient, HubError } from '@tukar/client';
import type { Problem, Schemas } from '@tukar/spec';
import { delay, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { type MockHub, mockHub, problemDocument } from '../src/index';
import { exampleContract, puskesmas } from './fixture';

let hub: MockHub<'ciamis/dinkes/simpus'>;
const server = setupServer();

beforeAll(async () => {
  hub = await mockHub({
    contracts: [await exampleContract('dinkes.puskesmas')],
    clients: { 'ciamis/dinkes/simpus': { grants: { 'dinkes.puskesmas': ['read', 'write'] } } },
    records: { 'dinkes.puskesmas': puskesmas(3) },
  });
  server.resetHandlers(...hub.handlers);
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const simpus = (options: { retries?: number; timeoutMs?: number } = {}) =>
  createHubClient({
    baseUrl: hub.baseUrl,
    apiKey: hub.keys['ciamis/dinkes/simpus'],
    retry: { retries: options.retries ?? 0, baseDelayMs: 1, maxDelayMs: 1 },
    timeoutMs: options.timeoutMs ?? 30_000,
  });

describe('an outage', () => {
  it('answers 503 on one operation while the rest of the hub works, until the handlers are reset', async () => {
    server.use(
      hub.override.post('/v1/datasets/{datasetId}/records', ({ response }) =>
        response(503).json(problemDocument(503, 'service_unavailable', 'Pemeliharaan terjadwal.')),
      ),
    );
    const client = simpus();
    const error = await client.pushRecords('dinkes.puskesmas', puskesmas(1, 10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({
      status: 503,
      code: 'service_unavailable',
      problem: expect.objectContaining({ detail: 'Pemeliharaan terjadwal.' }),
    });
    expect((await client.unwrap(client.GET('/v1/meta/whoami'))).clientId).toBe('ciamis/dinkes/simpus');
    expect((await hub.store.getDataset('dinkes.puskesmas'))?.recordCount).toBe(3);

    server.resetHandlers();
    expect(await client.pushRecords('dinkes.puskesmas', puskesmas(1, 10))).toMatchObject({ created: 1 });
  });

  it('that lasts one request is ridden out by the client retrying', async () => {
    let refused = 0;
    server.use(
      hub.override.post(
        '/v1/datasets/{datasetId}/records',
        ({ response }) => {
          refused++;
          return response(503).json(problemDocument(503, 'service_unavailable', 'Sebentar.'), {
            headers: { 'retry-after': '0' },
          });
        },
        { once: true },
      ),
    );
    const result = await simpus({ retries: 2 }).pushRecords('dinkes.puskesmas', puskesmas(2, 20));
    expect(refused).toBe(1);
    expect(result).toMatchObject({ created: 2, batches: 1 });
  });

  it('can be scoped by path parameter: only one dataset is down', async () => {
    server.use(
      hub.override.get('/v1/datasets/{datasetId}', ({ params, response }) =>
        params.datasetId === 'dinkes.puskesmas'
          ? response(500).json(problemDocument(500, 'internal_error', 'Basis data tidak terjangkau.'))
          : undefined,
      ),
    );
    const client = simpus();
    const down = await client
      .unwrap(client.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } }))
      .catch((e: unknown) => e);
    expect(down).toMatchObject({ status: 500, code: 'internal_error' });
    // Falling through (undefined) reaches the real hub core: an unknown dataset is its own 404.
    const other = await client
      .unwrap(client.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'disdik.sekolah' } } }))
      .catch((e: unknown) => e);
    expect(other).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('a slow answer', () => {
  it('delays the hub answer without changing it', async () => {
    const pull = async () => {
      const keys: string[] = [];
      for await (const change of simpus().pullChanges('dinkes.puskesmas'))
        keys.push(`${change.seq} ${change.key}`);
      return keys;
    };
    const prompt = await pull();
    let delayed = 0;
    server.use(
      hub.override.get('/v1/datasets/{datasetId}/changes', async ({ request, response }) => {
        delayed++;
        await delay(20);
        return response.untyped(await hub.fetch(request));
      }),
    );
    expect(await pull()).toEqual(prompt);
    expect(delayed).toBeGreaterThan(0);
    expect(prompt.length).toBeGreaterThanOrEqual(3);
  });

  it('that never comes makes the client time out', async () => {
    server.use(
      hub.override.get('/v1/meta/whoami', async () => {
        await delay('infinite');
        return undefined;
      }),
    );
    const client = simpus({ timeoutMs: 50 });
    const error = await client.unwrap(client.GET('/v1/meta/whoami')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'timeout' });
  });
});

describe('problemDocument', () => {
  it('is the problem document the hub writes', async () => {
    const answer = await fetch(`${hub.baseUrl}/v1/meta/whoami`);
    const fromHub = (await answer.json()) as Problem;
    const made = problemDocument(401, 'unauthorized', fromHub.detail ?? '', {
      requestId: fromHub.requestId,
      instance: '/v1/meta/whoami',
    });
    expect(made).toEqual(fromHub);
    expect(problemDocument(429, 'rate_limited', 'Pelan-pelan.', { retryAfter: 3 })).toMatchObject({
      type: 'urn:tukar:problem:rate_limited',
      title: 'Too many requests',
      status: 429,
      retryAfter: 3,
    });
  });
});

describe('types', () => {
  it('type the path, its parameters, the request body and the response by the spec', async () => {
    const typedPush = hub.override.post(
      '/v1/datasets/{datasetId}/records',
      async ({ params, request, response }) => {
        expectTypeOf(params.datasetId).toEqualTypeOf<string>();
        const body = await request.json();
        expectTypeOf(body).toEqualTypeOf<Schemas['PushRequest']>();
        return response(200).json({
          created: 1,
          updated: 0,
          unchanged: 0,
          deleted: 0,
          seq: 1,
          replayed: false,
        });
      },
    );
    const typedChanges = hub.override.get('/v1/datasets/{datasetId}/changes', ({ query, response }) => {
      expectTypeOf(query.get('since')).toEqualTypeOf<string | null>();
      return response(200).json({ items: [], nextSince: 0, hasMore: false });
    });

    // @ts-expect-error — a path the spec does not have (typo: "dataset")
    hub.override.post('/v1/dataset/{datasetId}/records', ({ response }) => response.untyped(new Response()));

    // @ts-expect-error — GET is not an operation of /v1/clients/{clientId}/keys/{keyId}
    hub.override.get('/v1/clients/{clientId}/keys/{keyId}', () => undefined);

    hub.override.post('/v1/datasets/{datasetId}/records', ({ response }) =>
      // @ts-expect-error — a response body field the spec does not have ("creatd")
      response(200).json({ creatd: 1, updated: 0, unchanged: 0, deleted: 0, seq: 1, replayed: false }),
    );

    hub.override.post('/v1/datasets/{datasetId}/records', ({ response }) =>
      // @ts-expect-error — a status the operation does not answer
      response(418).json(problemDocument(418, 'bad_request', 'teapot')),
    );

    hub.override.post('/v1/datasets/{datasetId}/records', async ({ request }) => {
      const body = await request.json();
      // @ts-expect-error — the push body has "upsert" and "delete", not "records"
      void body.records;
      return HttpResponse.json(null, { status: 204 }) as never;
    });

    hub.override.get('/v1/datasets/{datasetId}', ({ params }) => {
      // @ts-expect-error — the path has no parameter "contractId"
      void params.contractId;
      return undefined;
    });

    // The typed overrides answer what they return: a push counted as one created record, an empty feed.
    server.use(typedPush, typedChanges);
    const client = simpus();
    const pushed = await client.pushRecords('dinkes.puskesmas', puskesmas(2));
    expect(pushed).toMatchObject({ batches: 1, created: 1, updated: 0, seq: 1 });
    const changes: unknown[] = [];
    for await (const change of client.pullChanges('dinkes.puskesmas', { since: 0 })) changes.push(change);
    expect(changes).toEqual([]);
  });
});
