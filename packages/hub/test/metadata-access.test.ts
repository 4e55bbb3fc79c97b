// What a client learns about datasets and contracts it cannot read, across role × grant × classification
// (the rule is in the hub README, "Metadata"):
// - publik: everything; records are open to every authenticated client;
// - terbatas: its contract and its existence are known to everyone (the interchange document is what an
//   OPD applies for access with); the dataset's statistics and records need a grant (403 naming it);
// - rahasia: to a client that is not an admin and holds no grant on it, it does not exist. Every answer
//   is the answer about a dataset or contract that was never created, byte for byte but the id.
import { createHubClient } from '@tukar/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  startHub,
  type TestHub,
} from './hub-fixture';

type Classification = 'publik' | 'terbatas' | 'rahasia';
type Grant = 'none' | 'read' | 'write' | 'read+write';
type Role = 'admin' | 'client';

const CLASSES: Classification[] = ['publik', 'terbatas', 'rahasia'];
const datasetOf = (classification: Classification) => `uji.meta-${classification}`;
/** Ids that exist nowhere: what a hidden dataset's answers must look like. */
const MISSING = 'uji.meta-tidak-ada';
const [record] = puskesmasRecords(1);
const KEY = String(record?.kode_puskesmas);

let hub: TestHub;
const keys = new Map<string, string>();
const keyOf = (role: Role, grant: Grant) => keys.get(`${role} ${grant}`) as string;

/**
 * What each caller gets, per classification. Columns: listed by listContracts, listed by listDatasets,
 * then the status of getContract, getDataset, listRecords, getRecord, pushRecords (an unchanged record)
 * and submitValidationReport on the dataset.
 */
type Row = [Role, Grant, Classification, boolean, boolean, number, number, number, number, number, number];
const MATRIX: Row[] = [
  // role     grant         class       contracts datasets getC getD list  get   push  report
  ['admin', 'none', 'publik', true, true, 200, 200, 200, 200, 200, 201],
  ['admin', 'none', 'terbatas', true, true, 200, 200, 200, 200, 200, 201],
  ['admin', 'none', 'rahasia', true, true, 200, 200, 403, 403, 200, 201],
  ['admin', 'read', 'rahasia', true, true, 200, 200, 200, 200, 200, 201],
  ['client', 'none', 'publik', true, true, 200, 200, 200, 200, 403, 201],
  ['client', 'none', 'terbatas', true, false, 200, 403, 403, 403, 403, 403],
  ['client', 'none', 'rahasia', false, false, 404, 404, 404, 404, 404, 404],
  ['client', 'read', 'publik', true, true, 200, 200, 200, 200, 403, 201],
  ['client', 'read', 'terbatas', true, true, 200, 200, 200, 200, 403, 201],
  ['client', 'read', 'rahasia', true, true, 200, 200, 200, 200, 403, 201],
  ['client', 'write', 'publik', true, true, 200, 200, 200, 200, 200, 201],
  ['client', 'write', 'terbatas', true, false, 200, 200, 403, 403, 200, 201],
  ['client', 'write', 'rahasia', true, false, 200, 200, 403, 403, 200, 201],
  ['client', 'read+write', 'publik', true, true, 200, 200, 200, 200, 200, 201],
  ['client', 'read+write', 'terbatas', true, true, 200, 200, 200, 200, 200, 201],
  ['client', 'read+write', 'rahasia', true, true, 200, 200, 200, 200, 200, 201],
];

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

let sent = 0;
async function call(apiKey: string, method: string, path: string, body?: unknown): Promise<Answer> {
  sent++;
  const response = await fetch(`${hub.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(path.endsWith('/records') &&
        method === 'POST' && { 'idempotency-key': `meta-push-${String(sent).padStart(6, '0')}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function reportOn(datasetId: string, verdict: 'valid' | 'invalid' = 'valid') {
  const at = new Date().toISOString();
  return {
    contractId: datasetId,
    contractVersion: '1.0.0',
    datasetId,
    source: { kind: 'hub', location: `${hub.url}#${datasetId}` },
    startedAt: at,
    finishedAt: at,
    complete: true,
    verdict,
    counts: {
      records: 1,
      valid: verdict === 'valid' ? 1 : 0,
      invalid: verdict === 'valid' ? 0 : 1,
      issues: 0,
    },
    issues: [],
  };
}

/** The requests of the matrix about `datasetId`, by column. */
async function ask(apiKey: string, datasetId: string) {
  const contracts = await call(apiKey, 'GET', '/v1/contracts?limit=1000');
  const datasets = await call(apiKey, 'GET', '/v1/datasets?limit=1000');
  const ids = (answer: Answer) => (answer.body.items as Array<{ id: string }>).map((item) => item.id);
  return {
    listedContract: ids(contracts).includes(datasetId),
    listedDataset: ids(datasets).includes(datasetId),
    getContract: await call(apiKey, 'GET', `/v1/contracts/${datasetId}`),
    getDataset: await call(apiKey, 'GET', `/v1/datasets/${datasetId}`),
    listRecords: await call(apiKey, 'GET', `/v1/datasets/${datasetId}/records`),
    getRecord: await call(apiKey, 'GET', `/v1/datasets/${datasetId}/records/${KEY}`),
    push: await call(apiKey, 'POST', `/v1/datasets/${datasetId}/records`, { upsert: [record] }),
    report: await call(apiKey, 'POST', '/v1/validation-reports', reportOn(datasetId)),
    versions: await call(apiKey, 'GET', `/v1/contracts/${datasetId}/versions`),
    version: await call(apiKey, 'GET', `/v1/contracts/${datasetId}/versions/1.0.0`),
  };
}

beforeAll(async () => {
  hub = await startHub();
  const base = await exampleContract('dinkes.puskesmas');
  for (const classification of CLASSES) {
    await publishDataset(hub.admin, { ...base, contract: datasetOf(classification), classification });
    await hub.admin.pushRecords(datasetOf(classification), [record as Record<string, unknown>]);
  }
  keys.set('admin none', hub.adminKey);
  const clients: Array<[Role, Grant]> = [
    ['admin', 'read'],
    ['client', 'none'],
    ['client', 'read'],
    ['client', 'write'],
    ['client', 'read+write'],
  ];
  for (const [role, grant] of clients) {
    const id = `ciamis/meta/${role}-${grant.replace('+', '-')}`;
    await hub.admin.unwrap(hub.admin.POST('/v1/clients', { body: { id, name: id, opd: 'meta', role } }));
    const issued = await hub.admin.unwrap(
      hub.admin.POST('/v1/clients/{clientId}/keys', {
        params: { path: { clientId: id } },
        body: { label: 't' },
      }),
    );
    keys.set(`${role} ${grant}`, issued.apiKey);
    if (grant === 'none') continue;
    for (const classification of CLASSES) {
      await hub.admin.unwrap(
        hub.admin.PUT('/v1/clients/{clientId}/grants/{datasetId}', {
          params: { path: { clientId: id, datasetId: datasetOf(classification) } },
          body: { access: grant.split('+') as Array<'read' | 'write'> },
        }),
      );
    }
  }
});
afterAll(() => hub?.close());

describe('metadata across role × grant × classification', () => {
  it.each(MATRIX)('%s with grant %s on a %s dataset', async (role, grant, classification, ...want) => {
    const got = await ask(keyOf(role, grant), datasetOf(classification));
    expect([
      got.listedContract,
      got.listedDataset,
      got.getContract.status,
      got.getDataset.status,
      got.listRecords.status,
      got.getRecord.status,
      got.push.status,
      got.report.status,
    ]).toEqual(want);
  });

  it('answers a client without a grant about a rahasia dataset exactly as about one that does not exist', async () => {
    const apiKey = keyOf('client', 'none');
    const hidden = await ask(apiKey, datasetOf('rahasia'));
    const missing = await ask(apiKey, MISSING);
    const comparable = (answer: Answer) =>
      JSON.stringify({ ...answer.body, requestId: undefined, instance: undefined }).replaceAll(
        datasetOf('rahasia'),
        MISSING,
      );
    for (const column of [
      'getContract',
      'getDataset',
      'listRecords',
      'getRecord',
      'push',
      'report',
      'versions',
      'version',
    ] as const) {
      expect({ column, status: hidden[column].status }).toEqual({ column, status: missing[column].status });
      expect(comparable(hidden[column])).toBe(comparable(missing[column]));
    }
  });

  it('tells no report verdict through a validation-report step to a client that may not read the report', async () => {
    const opdKey = keyOf('client', 'none');
    const opd = createHubClient({ baseUrl: hub.url, apiKey: opdKey, retry: { retries: 0 } });
    const { admin } = hub;
    const publik = datasetOf('publik');
    const integration = await opd.unwrap(
      opd.POST('/v1/integrations', {
        body: {
          opd: 'meta',
          title: 'Uji metadata',
          requester: { name: 'Uji', contact: 'uji@example.go.id' },
          purpose: 'uji',
          datasetId: publik,
        },
      }),
    );
    const act = (apiKey: string, body: Record<string, unknown>) =>
      call(apiKey, 'POST', `/v1/integrations/${integration.id}/transitions`, body);
    // A rahasia contract the OPD does not know of is a contract that does not exist.
    const timTeknis = await registerClient(
      hub,
      'meta/diskominfo/tim-teknis',
      {},
      {
        person: { name: 'Tim Teknis', nip: '198503102010011002', procedureRole: 'tim-teknis' },
      },
    );
    expect(
      (await act(hub.adminKey, { when: 'done', disposition: { number: '555/1/Diskominfo/2026' } })).status,
    ).toBe(200);
    const hiddenContract = await act(opdKey, {
      when: 'done',
      datasetId: datasetOf('rahasia'),
      contractVersion: '1.0.0',
    });
    const missingContract = await act(opdKey, {
      when: 'done',
      datasetId: MISSING,
      contractVersion: '1.0.0',
    });
    expect(hiddenContract.status).toBe(422);
    expect(String(hiddenContract.body.detail).replaceAll(datasetOf('rahasia'), MISSING)).toBe(
      missingContract.body.detail,
    );

    expect((await act(opdKey, { when: 'done', contractVersion: '1.0.0' })).status).toBe(200);
    // Ciamis steps 3–6 are Tim Teknis IT's; step 7 (the validation report) is the SKPD's again.
    for (const body of [
      { when: 'agree', contractVersion: '1.0.0' },
      { when: 'done', datasetId: publik },
      { when: 'done', clientId: 'meta/diskominfo/tim-teknis' },
      { when: 'done' },
    ]) {
      expect((await act(timTeknis.apiKey, body)).status).toBe(200);
    }
    // The admin's report on the rahasia dataset says "invalid"; the OPD may not read it.
    const secret = await admin.unwrap(
      admin.POST('/v1/validation-reports', { body: reportOn(datasetOf('rahasia'), 'invalid') as never }),
    );
    const refused = await act(opdKey, { when: 'done', reportId: secret.id });
    const absent = await act(opdKey, { when: 'done', reportId: 'rep_TidakAdaSamaSekali' });
    expect(refused.status).toBe(422);
    expect(String(refused.body.detail)).not.toMatch(/invalid|rahasia/);
    expect(String(refused.body.detail).replace(secret.id, 'rep_TidakAdaSamaSekali')).toBe(absent.body.detail);
  });
});
