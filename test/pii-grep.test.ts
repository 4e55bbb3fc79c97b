// Personal data never leaks: sentinel NIKs and names (x-pii, the NIK also the primary key) go through
// every path of the exchange, and every output channel is searched for them.
//
// The rule: a client with a read grant receives the records it reads as stored (listRecords, getRecord,
// listChanges answering 200: that is the data it was granted). Every other output carries no x-pii value:
// every other hub answer (push results, every error and its errors[].key, listings, reports, the
// dashboard), the client's error messages (HubError, PushRecordsError), the hub's log lines, the audit
// log, the validator's reports in every format (terminal, JSON, Markdown, HTML, JUnit, the report sent to
// the hub) and the Pact verification results (summary, JUnit, JSON, the attachment on the hub).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHubClient, type HubClient } from '@tukar/client';
import type { Contract } from '@tukar/contracts';
import type { HubLogLine } from '@tukar/hub';
import { openSqliteStore } from '@tukar/hub/node';
import { attachVerificationResults, verifyProvider } from '@tukar/pact';
import {
  renderHtml,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderTerminal,
  toHubReport,
  type ValidationReport,
  validateEndpoint,
  validateHubDataset,
  validateStream,
} from '@tukar/validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDataset, registerClient, startHub, type TestHub } from '../packages/hub/test/hub-fixture';
import {
  SENTINEL_NAMES,
  SENTINEL_NIKS,
  WARGA,
  wargaContract,
  wargaRecord,
} from '../packages/hub/test/pii-contract';
// The summary and JUnit text that `tukar pact` prints and writes, straight from their module (internal).
import { summarize, toJUnit } from '../packages/pact/src/verification-report';

/** A NIK whose birth date does not exist (day 59): refused by the format check, and personal data all the same. */
const INVALID_NIK = '3207095902930417';
const SENTINELS: readonly string[] = [...SENTINEL_NIKS, INVALID_NIK, ...SENTINEL_NAMES];
const [nik0, nik1, nik2, nik3, nik4] = SENTINEL_NIKS;
const [name0, name1] = SENTINEL_NAMES;

/** Every output, by channel. */
const outputs: Array<{ channel: string; text: string }> = [];
const seen = (channel: string, text: string) => outputs.push({ channel, text });

const dir = mkdtempSync(join(tmpdir(), 'tukar-pii-grep-'));
const logLines: HubLogLine[] = [];
let hub: TestHub;
let contract: Contract;
let opdServer: Server;
let opdUrl: string;

/** Record reads answered 200 to a client with a grant are the data itself; every other answer is searched. */
const RECORD_READ = /\/v1\/datasets\/[^/]+\/(records(\/[^/?]+)?|changes)(\?|$)/;

/** A fetch that keeps every hub answer but the granted record reads. */
const recordingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const response = await fetch(request);
  const path = new URL(request.url).pathname + new URL(request.url).search;
  const exempt = request.method === 'GET' && response.status === 200 && RECORD_READ.test(path);
  if (!exempt) seen(`hub answer ${request.method} ${path} ${response.status}`, await response.clone().text());
  return response;
};

function clientOf(apiKey: string): HubClient {
  return createHubClient({ baseUrl: hub.url, apiKey, retry: { retries: 0 }, fetch: recordingFetch });
}

async function raw(apiKey: string, method: string, path: string, body?: unknown, headers = {}) {
  return recordingFetch(`${hub.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

/** Runs `action`, which must fail, and keeps the error's message (what a CI log prints). */
async function failing(channel: string, action: () => Promise<unknown>): Promise<Error> {
  try {
    await action();
  } catch (error) {
    seen(
      channel,
      error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error),
    );
    return error as Error;
  }
  throw new Error(`${channel} was expected to fail`);
}

/** `<sentinel> in <channel>` for every sentinel found in an output. */
function leaksIn(found: ReadonlyArray<{ channel: string; text: string }>): string[] {
  return found.flatMap(({ channel, text }) =>
    SENTINELS.filter((sentinel) => text.includes(sentinel)).map((sentinel) => `${sentinel} in ${channel}`),
  );
}

/** Verifies the OPD endpoint against the pact made from the contract (the real Pact verifier). */
function verifyOpd() {
  return verifyProvider({
    contract,
    providerBaseUrl: opdUrl,
    pactDir: join(dir, 'pacts'),
    resultsDir: join(dir, 'pacts', 'results'),
  });
}

function keepReport(name: string, report: ValidationReport): void {
  seen(`${name} terminal`, renderTerminal(report, { maxIssues: 1000 }));
  seen(`${name} JSON`, renderJson(report));
  seen(`${name} Markdown`, renderMarkdown(report, { maxIssues: 1000 }));
  seen(`${name} HTML`, renderHtml(report, { maxIssues: 1000 }));
  seen(`${name} JUnit`, renderJunit(report));
  seen(`${name} hub report`, JSON.stringify(toHubReport(report)));
}

/** The OPD system's records, as its endpoint serves them: some invalid, one key twice. */
const opdRecords = [
  wargaRecord(nik0, name0),
  { ...wargaRecord(nik1, name1), umur: -1 },
  { ...wargaRecord(INVALID_NIK, name0) },
  { ...wargaRecord(nik2, `${name1} ${'x'.repeat(120)}`) },
  wargaRecord(nik3, name0),
  wargaRecord(nik3, name1),
];

beforeAll(async () => {
  hub = await startHub({
    store: await openSqliteStore({ file: join(dir, 'hub.db') }),
    log: (line) => logLines.push(line),
  });
  const document = await wargaContract();
  contract = document as unknown as Contract;
  await publishDataset(hub.admin, document);
  opdServer = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ data: opdRecords, links: { next: null } }));
  });
  await new Promise<void>((resolve) => opdServer.listen(0, '127.0.0.1', resolve));
  opdUrl = `http://127.0.0.1:${(opdServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => opdServer?.close(resolve));
  await hub?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('personal data in every output channel', () => {
  it('exercises pushes, reads, deletes, the dashboard, reports and Pact, and finds no sentinel anywhere', async () => {
    const writer = await registerClient(hub, 'ciamis/disdukcapil/siak', { [WARGA]: ['read', 'write'] });
    const outsider = await registerClient(hub, 'ciamis/dinsos/siks');
    const siak = clientOf(writer.apiKey);
    const stranger = clientOf(outsider.apiKey);
    const admin = clientOf(hub.adminKey);

    // A push with errors: a bad field, an invalid NIK as key, a too long name, a key twice, a delete twice.
    await failing('PushRecordsError', () => siak.pushRecords(WARGA, opdRecords));
    const refused = await raw(
      writer.apiKey,
      'POST',
      `/v1/datasets/${WARGA}/records`,
      { upsert: [wargaRecord(nik4, name0), { ...wargaRecord(nik4, name1) }], delete: [{ nik: nik4 }] },
      { 'idempotency-key': 'pii-grep-refused-0001' },
    );
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { errors: Array<{ key?: string }> };
    expect(problem.errors.map((e) => e.key)).toContain(
      `${nik4.slice(0, 4)}${'*'.repeat(10)}${nik4.slice(-2)}`,
    );

    // Pushes that pass; the records are read back by their grant holder (exempt), refused to an outsider.
    await siak.pushRecords(WARGA, [
      wargaRecord(nik0, name0),
      wargaRecord(nik1, name1),
      wargaRecord(nik2, name0),
    ]);
    await siak.pushRecords(WARGA, [wargaRecord(nik0, name1)]);
    expect((await raw(writer.apiKey, 'GET', `/v1/datasets/${WARGA}/records/${nik0}`)).status).toBe(200);
    expect((await raw(writer.apiKey, 'GET', `/v1/datasets/${WARGA}/records?limit=10`)).status).toBe(200);
    expect((await raw(writer.apiKey, 'GET', `/v1/datasets/${WARGA}/changes?since=0`)).status).toBe(200);
    expect((await raw(writer.apiKey, 'GET', `/v1/datasets/${WARGA}/records/${nik4}`)).status).toBe(404);
    expect((await raw(outsider.apiKey, 'GET', `/v1/datasets/${WARGA}/records/${nik0}`)).status).toBe(403);
    expect((await raw(outsider.apiKey, 'GET', `/v1/datasets/${WARGA}/records/${nik0}/more`)).status).toBe(
      404,
    );
    await failing('HubError of an outsider', () =>
      stranger.unwrap(
        stranger.GET('/v1/datasets/{datasetId}/records/{key}', {
          params: { path: { datasetId: WARGA, key: nik0 } },
        }),
      ),
    );
    await failing('HubError of a missing key', () =>
      siak.unwrap(
        siak.GET('/v1/datasets/{datasetId}/records/{key}', {
          params: { path: { datasetId: WARGA, key: nik3 } },
        }),
      ),
    );

    // Deletes: one by key, one in a batch, one of a key that is not there.
    expect((await raw(writer.apiKey, 'DELETE', `/v1/datasets/${WARGA}/records/${nik2}`)).status).toBe(200);
    const batchDelete = await raw(
      writer.apiKey,
      'POST',
      `/v1/datasets/${WARGA}/records`,
      { delete: [{ nik: nik1 }] },
      { 'idempotency-key': 'pii-grep-delete-0001' },
    );
    expect(batchDelete.status).toBe(200);
    expect((await raw(writer.apiKey, 'DELETE', `/v1/datasets/${WARGA}/records/${nik4}`)).status).toBe(404);

    // Validation reports of the OPD endpoint and of the hub dataset, in every format, sent to the hub.
    const endpointReport = await validateEndpoint(contract, { baseUrl: opdUrl, retries: 0 });
    expect(endpointReport.verdict).toBe('invalid');
    keepReport('endpoint report', endpointReport);
    const lines = opdRecords.map((r) => JSON.stringify(r)).join('\n');
    const fileReport = await validateStream(
      contract,
      (async function* () {
        yield new TextEncoder().encode(lines);
      })(),
      { format: 'ndjson' },
    );
    keepReport('file report', fileReport);
    const hubReport = await validateHubDataset(contract, {
      baseUrl: hub.url,
      apiKey: writer.apiKey,
      datasetId: WARGA,
    });
    keepReport('hub dataset report', hubReport);
    const integration = await siak.unwrap(
      siak.POST('/v1/integrations', {
        body: {
          opd: 'disdukcapil',
          title: 'SIAK ke hub',
          requester: { name: 'Operator SIAK', contact: 'siak@example.go.id' },
          purpose: 'uji',
          datasetId: WARGA,
        },
      }),
    );
    const stored = await siak.unwrap(
      siak.POST('/v1/validation-reports', {
        body: {
          ...toHubReport(endpointReport, { integrationId: integration.id, datasetId: WARGA }),
        } as never,
      }),
    );
    await raw(writer.apiKey, 'GET', `/v1/validation-reports/${stored.id}`);
    await raw(writer.apiKey, 'GET', `/v1/validation-reports?datasetId=${WARGA}`);

    // Pact: the pact results attached to the integration (their own content is searched in the next test).
    const verification = await verifyOpd();
    expect(verification.ok).toBe(false);
    await attachVerificationResults(siak, integration.id, verification);
    await raw(hub.adminKey, 'GET', `/v1/integrations/${integration.id}/report`);
    await raw(hub.adminKey, 'GET', `/v1/integrations/${integration.id}/report`, undefined, {
      accept: 'text/html',
    });

    // The dashboard of each caller, and the listings.
    for (const apiKey of [hub.adminKey, writer.apiKey, outsider.apiKey]) {
      await raw(apiKey, 'GET', '/dashboard', undefined, { accept: 'text/html' });
      await raw(apiKey, 'GET', '/v1/datasets');
      await raw(apiKey, 'GET', `/v1/datasets/${WARGA}`);
      await raw(apiKey, 'GET', '/v1/contracts');
    }

    // The audit log, through the API and in the store.
    await admin.unwrap(admin.GET('/v1/audit', { params: { query: { since: 0, limit: 1000 } } }));
    seen('audit log in the store', JSON.stringify(await hub.store.listAudit(0, 100_000)));
    seen('log lines', logLines.map((line) => JSON.stringify(line)).join('\n'));

    // Every channel was exercised …
    const channels = outputs.map((o) => o.channel);
    for (const wanted of [
      /^PushRecordsError$/,
      /hub answer POST .*\/records 422/,
      /terminal$/,
      /HTML$/,
      /JUnit$/,
      /Markdown$/,
      /hub report$/,
      /hub answer GET \/dashboard 200/,
      /audit/,
      /^log lines$/,
    ]) {
      expect(
        channels.some((c) => wanted.test(c)),
        String(wanted),
      ).toBe(true);
    }
    // … and none carries a sentinel.
    expect(leaksIn(outputs)).toEqual([]);
  });

  // The Pact verifier's mismatch messages quote the provider's value
  // (`$.data[3].nama: Expected '<name>' to match '^[\s\S]{0,120}$'`): @tukar/pact masks the x-pii values
  // of the contract wherever they appear, so the message still says which field failed and how.
  it('finds no sentinel in the Pact verification results (summary, output, JUnit, JSON, result files)', async () => {
    const pact: Array<{ channel: string; text: string }> = [];
    const verification = await verifyOpd();
    pact.push({ channel: 'pact summary', text: verification.summary });
    pact.push({ channel: 'pact output', text: verification.output });
    pact.push({ channel: 'pact JUnit', text: toJUnit(verification) });
    pact.push({
      channel: 'pact report',
      text: JSON.stringify({ ...verification, summary: summarize(verification) }),
    });
    for (const file of Object.values(verification.files)) {
      if (file)
        pact.push({ channel: `pact file ${file.split('.').at(-1)}`, text: readFileSync(file, 'utf8') });
    }
    expect(pact.map((p) => p.channel)).toEqual([
      'pact summary',
      'pact output',
      'pact JUnit',
      'pact report',
      'pact file json',
      'pact file xml',
    ]);
    // The failing field is still named, with its value masked as everywhere else.
    const failed = verification.interactions
      .flatMap((i) => i.mismatches)
      .find((m) => m.path?.endsWith('.nama'));
    expect(failed?.message).toContain(`Expected '${name1?.slice(0, 4)}`);
    expect(verification.summary).toMatch(/\$\.data\[3\]\.nama: Expected 'Jaja\*+xx' to match/);
    expect(leaksIn(pact)).toEqual([]);
  });

  it('finds a sentinel where one is put (the search itself works)', () => {
    const text = renderJson({ note: `key ${nik0}` } as unknown as ValidationReport);
    expect(SENTINELS.filter((s) => text.includes(s))).toEqual([nik0]);
  });
});
