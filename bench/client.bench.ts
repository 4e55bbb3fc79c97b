// @tukar/client against raw fetch, per request, on the same local HTTP server (target: within 1.1×).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHubClient } from '@tukar/client';
import { compare, printComparisons } from './harness';

const REQUESTS_PER_ROUND = 2_000;
const body = JSON.stringify({
  id: 'dinkes.puskesmas',
  contractId: 'dinkes.puskesmas',
  contractVersion: '1.2.0',
  classification: 'publik',
  recordCount: 62,
  lastSeq: 1240,
  lastChangeAt: '2026-11-20T08:00:00Z',
  createdAt: '2026-01-05T02:00:00Z',
  updateFrequency: 'monthly',
});
const server = createServer((req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json',
    'x-request-id': String(req.headers['x-request-id'] ?? ''),
  });
  res.end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const apiKey = 'tk_bench_0123456789abcdef';
const hub = createHubClient({ baseUrl, apiKey });
const hubNoTimeout = createHubClient({ baseUrl, apiKey, timeoutMs: Number.POSITIVE_INFINITY });
const url = `${baseUrl}/v1/datasets/dinkes.puskesmas`;

const rows = [
  await compare(`GET dataset × ${REQUESTS_PER_ROUND} (sequential)`, {
    rounds: 7,
    target: 1.1,
    baseline: async () => {
      for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
        const response = await fetch(url, {
          headers: { authorization: `Bearer ${apiKey}`, 'x-request-id': crypto.randomUUID() },
        });
        await response.json();
      }
    },
    candidate: async () => {
      for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
        await hub.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } });
      }
    },
  }),
  await compare(`same, timeoutMs: Infinity`, {
    rounds: 7,
    baseline: async () => {
      for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
        const response = await fetch(url, {
          headers: { authorization: `Bearer ${apiKey}`, 'x-request-id': crypto.randomUUID() },
        });
        await response.json();
      }
    },
    candidate: async () => {
      for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
        await hubNoTimeout.GET('/v1/datasets/{datasetId}', {
          params: { path: { datasetId: 'dinkes.puskesmas' } },
        });
      }
    },
  }),
];
printComparisons(rows);
for (const r of rows)
  console.log(
    `per request: baseline ${((r.baselineMs * 1000) / REQUESTS_PER_ROUND).toFixed(0)} µs, client ${((r.candidateMs * 1000) / REQUESTS_PER_ROUND).toFixed(0)} µs`,
  );
server.close();
