// @tukar/client against raw fetch, per request, on the same local HTTP server (target: within 1.05×).
// The baseline does the work the client must do too: it sends the same headers (a fresh request id
// each time) and reads the answer as JSON.
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

const rawFetchRound = async () => {
  for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${apiKey}`, 'x-request-id': crypto.randomUUID() },
    });
    await response.json();
  }
};
const clientRound = (client: typeof hub) => async () => {
  for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
    await client.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } });
  }
};

const rows = [
  await compare(`GET dataset × ${REQUESTS_PER_ROUND} (sequential)`, {
    rounds: 7,
    target: 1.05,
    baseline: rawFetchRound,
    candidate: clientRound(hub),
  }),
  // The same without a time limit: no AbortController nor timer per attempt; shows what the timeout costs.
  await compare('same, timeoutMs: Infinity', {
    rounds: 7,
    baseline: rawFetchRound,
    candidate: clientRound(hubNoTimeout),
  }),
];
printComparisons(rows);
for (const r of rows) {
  const perRequest = (ms: number) => ((ms * 1000) / REQUESTS_PER_ROUND).toFixed(0);
  console.log(
    `${r.name}: raw fetch ${perRequest(r.baselineMs)} µs, client ${perRequest(r.candidateMs)} µs per request`,
  );
}
server.close();
