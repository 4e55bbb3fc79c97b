// The client makes its typed calls itself, without openapi-fetch's code: the same call must send the
// same request as openapi-fetch sends, and answer the same `{ data, error }`. Both are run against one
// loopback server that records what it receives and answers as the request's `x-answer` header asks.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHubClient } from '@tukar/client';
import type { paths } from '@tukar/spec';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  custom: string | undefined;
  body: string;
}
const received: Received[] = [];

/** Answers chosen by the `x-answer` header: a status, and a body as text (empty for none). */
const ANSWERS: Record<string, { status: number; type?: string; body: string }> = {
  json: { status: 200, type: 'application/json', body: '{"id":"dinkes.puskesmas","recordCount":3}' },
  empty: { status: 200, type: 'application/json', body: '' },
  'no-content': { status: 204, body: '' },
  problem: {
    status: 404,
    type: 'application/problem+json',
    body: '{"code":"not_found","title":"Not Found"}',
  },
  text: { status: 502, type: 'text/plain', body: 'Bad gateway from the proxy' },
};

const server = createServer(async (req: IncomingMessage, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  received.push({
    method: req.method ?? '',
    url: req.url ?? '',
    contentType: req.headers['content-type'],
    custom: req.headers['x-custom'] as string | undefined,
    body,
  });
  const answer = ANSWERS[String(req.headers['x-answer'] ?? 'json')] ?? ANSWERS.json!;
  res.writeHead(answer.status, answer.type ? { 'content-type': answer.type } : {});
  res.end(answer.body);
});
let baseUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Caller = ReturnType<typeof createClient<paths>>;

/** Runs `call` through openapi-fetch and through the hub client: what each sent, and what each answered. */
async function both(call: (client: Pick<Caller, 'GET' | 'POST' | 'PUT' | 'DELETE'>) => Promise<unknown>) {
  const runs = [];
  for (const client of [
    createClient<paths>({ baseUrl }),
    createHubClient({ baseUrl, apiKey: 'tk_test', retry: false }),
  ]) {
    received.length = 0;
    const answer = (await call(client)) as { data?: unknown; error?: unknown; response: Response };
    runs.push({
      sent: [...received],
      data: answer.data,
      error: answer.error,
      status: answer.response.status,
    });
  }
  return { openapiFetch: runs[0], client: runs[1] };
}

describe('the typed calls, as openapi-fetch makes them', () => {
  it('encode path parameters and the query, leaving out undefined values', async () => {
    const { openapiFetch, client } = await both((c) =>
      c.GET('/v1/datasets/{datasetId}/changes', {
        params: { path: { datasetId: 'dinkes puskesmas/ä?' }, query: { since: 5, limit: undefined } },
      }),
    );
    expect(client).toEqual(openapiFetch);
    expect(client?.sent[0]?.url).toBe('/v1/datasets/dinkes%20puskesmas%2F%C3%A4%3F/changes?since=5');
  });

  it('send headers from `headers` and `params.header`, and a JSON body with its content type', async () => {
    const { openapiFetch, client } = await both((c) =>
      c.POST('/v1/datasets/{datasetId}/records', {
        params: { path: { datasetId: 'dinkes.puskesmas' }, header: { 'Idempotency-Key': 'k-1' } },
        headers: { 'x-custom': 'simpus' },
        body: { upsert: [{ kode_puskesmas: 'P3207010101', nama: 'Cikoneng' }] },
      }),
    );
    expect(client).toEqual(openapiFetch);
    expect(client?.sent[0]).toMatchObject({
      method: 'POST',
      contentType: 'application/json',
      custom: 'simpus',
    });
  });

  it('use a querySerializer function and a bodySerializer', async () => {
    const { openapiFetch, client } = await both((c) =>
      c.POST('/v1/datasets/{datasetId}/records', {
        params: { path: { datasetId: 'dinkes.puskesmas' }, header: { 'Idempotency-Key': 'k-2' } },
        querySerializer: () => 'dryRun=1',
        body: { upsert: [{ kode_puskesmas: 'P3207010101' }] },
        bodySerializer: (body: unknown) => JSON.stringify(body, null, 1),
      }),
    );
    expect(client).toEqual(openapiFetch);
    expect(client?.sent[0]).toMatchObject({
      url: '/v1/datasets/dinkes.puskesmas/records?dryRun=1',
      body: '{\n "upsert": [\n  {\n   "kode_puskesmas": "P3207010101"\n  }\n ]\n}',
    });
  });

  it.each(Object.keys(ANSWERS))('answer the same data and error for a %s answer', async (kind) => {
    const { openapiFetch, client } = await both((c) =>
      c.GET('/v1/datasets/{datasetId}', {
        params: { path: { datasetId: 'dinkes.puskesmas' } },
        headers: { 'x-answer': kind },
      }),
    );
    expect(client).toEqual(openapiFetch);
  });
});
