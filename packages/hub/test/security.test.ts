// Hostile, malformed and unauthorised requests against a real hub on a loopback port. Every refused
// request must answer an RFC 9457 problem with its stable code and request id, leave the store exactly
// as it was, and still be in the audit log with the status it got.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { HUB_LIMITS } from '@tukar/spec';
import { openApiDocument } from '@tukar/spec/operations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditRow, auditKeyDigest, type HubLogLine, type Store } from '../src/index';
import {
  type ContractDocument,
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  startHub,
  type TestHub,
} from './hub-fixture';

const PUSKESMAS = 'dinkes.puskesmas'; // publik
const UMKM = 'diskumdag.umkm'; // terbatas, with PII (NIK and names of owners)
const UMKM_RAHASIA = 'diskumdag.umkm-rahasia'; // the same schema, classified rahasia

type Json = Record<string, unknown>;

/** One request as a hostile or careless caller sends it. */
interface Attempt {
  method: string;
  /** Path and query exactly as sent (already percent-encoded where wanted). */
  path: string;
  /** API key for `Authorization: Bearer`; `null` sends no Authorization header. */
  apiKey: string | null;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

/** Everything a request could change, without the audit log (which grows with every request). */
async function snapshot(store: Store): Promise<unknown> {
  const datasets = await store.listDatasets();
  const clients = await store.listClients();
  const contractIds = await store.listContractIds({ limit: 1000 });
  return JSON.parse(
    JSON.stringify({
      contracts: await Promise.all(contractIds.map((id) => store.listContractVersions(id))),
      datasets,
      records: await Promise.all(datasets.map((d) => store.listRecords(d.id, { limit: 1_000_000 }))),
      changes: await Promise.all(datasets.map((d) => store.listChanges(d.id, 0, 1_000_000))),
      clients,
      // `lastUsedAt` is bookkeeping of authentication, not state a refused request may change.
      keys: await Promise.all(
        clients.map(async (c) => (await store.listApiKeys(c.id)).map(({ lastUsedAt: _used, ...key }) => key)),
      ),
      grants: await Promise.all(clients.map((c) => store.listGrants(c.id))),
      integrations: await store.listIntegrations({ limit: 1000 }),
      reports: await store.listValidationReports({ limit: 1000 }),
    }),
  );
}

let hub: TestHub;
/** Offset of the hub's clock from the real one (moved to let keys expire). */
let clockOffsetMs = 0;
let requestCounter = 0;
const audited = new Map<string, AuditRow>();
let auditSince = 0;

let reader: Awaited<ReturnType<typeof registerClient>>; // read grant on UMKM
let writer: Awaited<ReturnType<typeof registerClient>>; // write grant on UMKM
let outsider: Awaited<ReturnType<typeof registerClient>>; // no grants
let rahasiaReader: Awaited<ReturnType<typeof registerClient>>; // read grant on UMKM_RAHASIA

function nextRequestId(): string {
  requestCounter++;
  return `sec-${String(requestCounter).padStart(5, '0')}`;
}

async function send(attempt: Attempt): Promise<{ response: Response; requestId: string }> {
  const requestId = nextRequestId();
  const headers: Record<string, string> = { 'x-request-id': requestId, ...attempt.headers };
  if (attempt.apiKey !== null) headers.authorization = `Bearer ${attempt.apiKey}`;
  const response = await fetch(`${hub.url}${attempt.path}`, {
    method: attempt.method,
    headers,
    body: attempt.body,
  });
  return { response, requestId };
}

/** The audit entry of a request, read through `GET /v1/audit` as the admin. */
async function auditEntry(requestId: string): Promise<AuditRow | undefined> {
  if (!audited.has(requestId)) await hub.running.hub.sealAudit(); // writes the buffered entries of reads
  while (!audited.has(requestId)) {
    const page = await hub.admin.unwrap(
      hub.admin.GET('/v1/audit', { params: { query: { since: auditSince, limit: 1000 } } }),
    );
    for (const entry of page.items) audited.set(entry.requestId, entry);
    auditSince = page.nextSince;
    if (!page.hasMore) break;
  }
  return audited.get(requestId);
}

/** Asserts an RFC 9457 problem with the given status and code that names the request id. */
async function expectProblem(
  response: Response,
  status: number,
  code: string,
  requestId: string,
): Promise<Json> {
  const text = await response.text();
  expect({ status: response.status, text }).toMatchObject({ status });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.headers.get('x-request-id')).toBe(requestId);
  const problem = JSON.parse(text) as Json;
  expect(problem).toMatchObject({ status, code, requestId, type: `urn:tukar:problem:${code}` });
  expect(problem.detail).toEqual(expect.any(String));
  return problem;
}

/**
 * Sends a request that must be refused: checks the problem, that the store did not change, and that the
 * audit log has the request with its status.
 */
async function expectRefused(
  attempt: Attempt,
  status: number,
  code: string,
): Promise<{ problem: Json; entry: AuditRow }> {
  const before = await snapshot(hub.store);
  const { response, requestId } = await send(attempt);
  const problem = await expectProblem(response, status, code, requestId);
  expect(await snapshot(hub.store)).toEqual(before);
  const entry = await auditEntry(requestId);
  expect(entry, `audit entry of ${attempt.method} ${attempt.path}`).toMatchObject({
    requestId,
    status,
    method: attempt.method,
  });
  return { problem, entry: entry as AuditRow };
}

async function getJson(path: string, apiKey: string): Promise<{ status: number; body: Json }> {
  const { response } = await send({ method: 'GET', path, apiKey });
  return { status: response.status, body: (await response.json()) as Json };
}

async function pushBody(datasetId: string, body: unknown, apiKey: string, idempotencyKey: string) {
  return send({
    method: 'POST',
    path: `/v1/datasets/${datasetId}/records`,
    apiKey,
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(body),
  });
}

function umkmRecord(n: number): Json {
  return {
    nib: String(9_000_000_000_000 + n),
    nama_usaha: `Usaha Uji ${n}`,
    nik_pemilik: '3207094507900003',
    nama_pemilik: 'Siti Rohmah',
    sektor: 'kuliner',
    skala: 'mikro',
    kode_wilayah: '32.07.09.2002',
  };
}

beforeAll(async () => {
  hub = await startHub({ now: () => new Date(Date.now() + clockOffsetMs) });
  const puskesmas = await exampleContract(PUSKESMAS);
  const umkm = await exampleContract(UMKM);
  expect(umkm.classification).toBe('terbatas');
  const umkmRahasia: ContractDocument = { ...umkm, contract: UMKM_RAHASIA, classification: 'rahasia' };
  for (const document of [puskesmas, umkm, umkmRahasia]) await publishDataset(hub.admin, document);
  await hub.admin.pushRecords(PUSKESMAS, puskesmasRecords(20));
  await hub.admin.pushRecords(UMKM, umkm.examples as Array<Record<string, unknown>>);
  await hub.admin.pushRecords(UMKM_RAHASIA, umkm.examples as Array<Record<string, unknown>>);

  reader = await registerClient(hub, 'ciamis/bappeda/satudata', { [UMKM]: ['read'] });
  writer = await registerClient(hub, 'ciamis/diskumdag/siumkm', { [UMKM]: ['write'] });
  outsider = await registerClient(hub, 'ciamis/dinsos/siks');
  rahasiaReader = await registerClient(hub, 'ciamis/bapenda/sipd', { [UMKM_RAHASIA]: ['read'] });
});
afterAll(() => hub?.close());

describe('authentication', () => {
  const push = (apiKey: string | null, headers: Record<string, string> = {}): Attempt => ({
    method: 'POST',
    path: `/v1/datasets/${PUSKESMAS}/records`,
    apiKey,
    headers: { 'content-type': 'application/json', 'idempotency-key': `auth-${nextRequestId()}`, ...headers },
    body: JSON.stringify({ upsert: puskesmasRecords(3, 500) }),
  });

  it('refuses a request without a key (401) and records it without a client', async () => {
    const { problem, entry } = await expectRefused(push(null), 401, 'unauthorized');
    expect(problem.detail).toMatch(/needs an API key/);
    expect(entry.clientId).toBeNull();
    expect(entry.datasetId).toBeNull();
    await expectRefused(
      { method: 'GET', path: `/v1/datasets/${UMKM}/records`, apiKey: null },
      401,
      'unauthorized',
    );
    await expectRefused({ method: 'GET', path: '/v1/audit', apiKey: null }, 401, 'unauthorized');
  });

  it('refuses an Authorization header that is not "Bearer <key>"', async () => {
    const attempt = push(null, { authorization: `Basic ${btoa('admin:admin')}` });
    await expectRefused(attempt, 401, 'unauthorized');
    await expectRefused(push(null, { authorization: 'Bearer' }), 401, 'unauthorized');
  });

  it.each([
    ['not a hub key', 'not-a-key'],
    ['too short', 'tk_abc'],
    ['one character too long', `tk_${'A'.repeat(44)}`],
    ['SQL in the key', "tk_'OR'1'='1'--aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],
    ['a very long key', `tk_${'A'.repeat(8000)}`],
  ])('refuses a malformed key (%s) with 401', async (_label, key) => {
    const { problem } = await expectRefused(push(key), 401, 'unauthorized');
    expect(problem.detail).toMatch(/malformed|Bearer/);
  });

  it('refuses a well-formed key the hub does not know (401)', async () => {
    const unknown = `tk_${'Q'.repeat(43)}`;
    const { problem } = await expectRefused(push(unknown), 401, 'unauthorized');
    expect(problem.detail).toMatch(/not known/);
  });

  it('refuses a key from the moment it is revoked through the API (401)', async () => {
    const victim = await registerClient(hub, 'ciamis/dinkes/simpus', { [PUSKESMAS]: ['read', 'write'] });
    expect((await getJson('/v1/meta/whoami', victim.apiKey)).status).toBe(200);
    await hub.admin.unwrap(
      hub.admin.DELETE('/v1/clients/{clientId}/keys/{keyId}', {
        params: { path: { clientId: 'ciamis/dinkes/simpus', keyId: victim.keyId } },
      }),
    );
    const { problem, entry } = await expectRefused(push(victim.apiKey), 401, 'unauthorized');
    expect(problem.detail).toMatch(new RegExp(`${victim.keyId} was revoked`));
    expect(entry.clientId).toBeNull();
    await expectRefused(
      { method: 'GET', path: `/v1/datasets/${PUSKESMAS}/records`, apiKey: victim.apiKey },
      401,
      'unauthorized',
    );
  });

  it('refuses a key once its expiresAt has passed (401), and refuses issuing an already expired key', async () => {
    const expiresAt = new Date(Date.now() + clockOffsetMs + 3_600_000).toISOString();
    const issued = await hub.admin.unwrap(
      hub.admin.POST('/v1/clients/{clientId}/keys', {
        params: { path: { clientId: 'ciamis/bappeda/satudata' } },
        body: { label: 'expires in an hour', expiresAt },
      }),
    );
    expect((await getJson('/v1/meta/whoami', issued.apiKey)).status).toBe(200);
    clockOffsetMs += 2 * 3_600_000;
    try {
      const { problem } = await expectRefused(push(issued.apiKey), 401, 'unauthorized');
      expect(problem.detail).toMatch(/expired/);
      await expectRefused(
        { method: 'GET', path: `/v1/datasets/${UMKM}/records`, apiKey: issued.apiKey },
        401,
        'unauthorized',
      );
    } finally {
      clockOffsetMs = 0;
    }
    await expectRefused(
      {
        method: 'POST',
        path: `/v1/clients/${encodeURIComponent('ciamis/bappeda/satudata')}/keys`,
        apiKey: hub.adminKey,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ expiresAt: '2001-01-01T00:00:00Z' }),
      },
      400,
      'bad_request',
    );
  });
});

describe('grants and classification', () => {
  it('refuses a push from a client with only a read grant (403)', async () => {
    const { problem, entry } = await expectRefused(
      {
        method: 'POST',
        path: `/v1/datasets/${UMKM}/records`,
        apiKey: reader.apiKey,
        headers: { 'content-type': 'application/json', 'idempotency-key': 'reader-push-0001' },
        body: JSON.stringify({ upsert: [umkmRecord(1)] }),
      },
      403,
      'forbidden',
    );
    expect(problem.detail).toMatch(/write/);
    expect(entry).toMatchObject({ clientId: 'ciamis/bappeda/satudata', datasetId: UMKM });
    await expectRefused(
      { method: 'DELETE', path: `/v1/datasets/${UMKM}/records/9120304561278`, apiKey: reader.apiKey },
      403,
      'forbidden',
    );
  });

  it('lets the write-only client push but never read the terbatas dataset (403)', async () => {
    const { response } = await pushBody(UMKM, { upsert: [umkmRecord(2)] }, writer.apiKey, 'writer-push-0001');
    expect(response.status).toBe(200);
    for (const path of [
      `/v1/datasets/${UMKM}/records`,
      `/v1/datasets/${UMKM}/records/9120304561278`,
      `/v1/datasets/${UMKM}/changes?since=0`,
    ]) {
      await expectRefused({ method: 'GET', path, apiKey: writer.apiKey }, 403, 'forbidden');
    }
  });

  it('never shows a terbatas dataset to a client without a grant, by any read path', async () => {
    for (const path of [
      `/v1/datasets/${UMKM}/records`,
      `/v1/datasets/${UMKM}/records?limit=1000`,
      `/v1/datasets/${UMKM}/records/9120304561278`,
      `/v1/datasets/${UMKM}/changes`,
      `/v1/datasets/${UMKM}/changes?since=0&limit=5000`,
      `/v1/datasets/${UMKM}`,
    ]) {
      const { problem } = await expectRefused(
        { method: 'GET', path, apiKey: outsider.apiKey },
        403,
        'forbidden',
      );
      expect(JSON.stringify(problem)).not.toMatch(/Siti Rohmah|3207094507900003/);
    }
    const list = await getJson('/v1/datasets?limit=1000', outsider.apiKey);
    expect(list.status).toBe(200);
    const ids = (list.body.items as Json[]).map((d) => d.id);
    expect(ids).toContain(PUSKESMAS);
    expect(ids).not.toContain(UMKM);
    expect(ids).not.toContain(UMKM_RAHASIA);
    // The grant holder does see it (the refusals above are about the grant, not a broken dataset).
    const granted = await getJson(`/v1/datasets/${UMKM}/records`, reader.apiKey);
    expect(granted.status).toBe(200);
    expect((granted.body.items as Json[]).length).toBeGreaterThan(0);
  });

  it('keeps a rahasia dataset from everyone without a read grant, the admin included', async () => {
    for (const path of [
      `/v1/datasets/${UMKM_RAHASIA}/records`,
      `/v1/datasets/${UMKM_RAHASIA}/records/9120304561278`,
      `/v1/datasets/${UMKM_RAHASIA}/changes?since=0`,
    ]) {
      // The admin manages the dataset, so it knows it exists: 403 naming the missing grant.
      const { problem } = await expectRefused(
        { method: 'GET', path, apiKey: hub.adminKey },
        403,
        'forbidden',
      );
      expect(problem.detail).toMatch(/rahasia/);
      // Clients without a grant on it learn nothing, not even that it exists: the answer of a missing dataset.
      const missing = path.replace(UMKM_RAHASIA, 'diskumdag.tidak-ada');
      for (const apiKey of [outsider.apiKey, reader.apiKey]) {
        const hidden = await expectRefused({ method: 'GET', path, apiKey }, 404, 'not_found');
        const absent = await expectRefused({ method: 'GET', path: missing, apiKey }, 404, 'not_found');
        expect(hidden.problem.detail).toBe(
          String(absent.problem.detail).replaceAll('diskumdag.tidak-ada', UMKM_RAHASIA),
        );
      }
    }
    const granted = await getJson(`/v1/datasets/${UMKM_RAHASIA}/records/9120304561278`, rahasiaReader.apiKey);
    expect(granted).toMatchObject({ status: 200, body: { key: '9120304561278' } });
  });

  it('refuses every admin operation to a client (403) and changes nothing', async () => {
    const self = encodeURIComponent('ciamis/dinsos/siks');
    const admin = encodeURIComponent('kominfo/admin');
    const adminKeyId = (await hub.store.listApiKeys('kominfo/admin'))[0]?.keyId as string;
    const newer = { ...(await exampleContract(PUSKESMAS)), version: '1.1.0' };
    const asJson = (body: unknown) => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const attempts: Record<string, Omit<Attempt, 'apiKey'>> = {
      putContractVersion: {
        method: 'PUT',
        path: `/v1/contracts/${PUSKESMAS}/versions/1.1.0`,
        ...asJson(newer),
      },
      setContractVersionStatus: {
        method: 'POST',
        path: `/v1/contracts/${PUSKESMAS}/versions/1.0.0/status`,
        ...asJson({ status: 'deprecated' }),
      },
      putDataset: {
        method: 'PUT',
        path: '/v1/datasets/dinsos.penerima-bansos',
        ...asJson({ contractVersion: '1.0.0' }),
      },
      listClients: { method: 'GET', path: '/v1/clients' },
      createClient: {
        method: 'POST',
        path: '/v1/clients',
        ...asJson({ id: 'ciamis/dinsos/root', name: 'x', opd: 'x', role: 'admin' }),
      },
      getClient: { method: 'GET', path: `/v1/clients/${admin}` },
      listApiKeys: { method: 'GET', path: `/v1/clients/${admin}/keys` },
      issueApiKey: { method: 'POST', path: `/v1/clients/${admin}/keys`, ...asJson({ label: 'mine now' }) },
      revokeApiKey: { method: 'DELETE', path: `/v1/clients/${admin}/keys/${adminKeyId}` },
      listClientSigningKeys: { method: 'GET', path: `/v1/clients/${self}/signing-keys` },
      putClientSigningKey: {
        method: 'PUT',
        path: `/v1/clients/${self}/signing-keys/mine`,
        ...asJson({ jwk: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' } }),
      },
      listGrants: { method: 'GET', path: `/v1/clients/${self}/grants` },
      putGrant: {
        method: 'PUT',
        path: `/v1/clients/${self}/grants/${UMKM_RAHASIA}`,
        ...asJson({ access: ['read', 'write'] }),
      },
      revokeGrant: {
        method: 'DELETE',
        path: `/v1/clients/${encodeURIComponent('ciamis/bappeda/satudata')}/grants/${UMKM}`,
      },
      listAudit: { method: 'GET', path: '/v1/audit' },
      verifyAudit: { method: 'GET', path: '/v1/audit/verify' },
      exportAuditEvidence: { method: 'GET', path: '/v1/audit/export' },
      sealAudit: { method: 'POST', path: '/v1/audit/checkpoints' },
      setMaintenance: { method: 'PUT', path: '/v1/meta/maintenance', ...asJson({ enabled: true }) },
    };
    // Every operation the spec marks `x-tukar-role: admin` is tried.
    const paths = (openApiDocument as unknown as { paths: Record<string, Record<string, Json>> }).paths;
    const adminOperations = Object.values(paths)
      .flatMap((item) => Object.values(item))
      .filter((op) => typeof op === 'object' && op !== null && op['x-tukar-role'] === 'admin')
      .map((op) => op.operationId as string);
    expect(Object.keys(attempts).sort()).toEqual([...adminOperations].sort());
    for (const [operationId, attempt] of Object.entries(attempts)) {
      const { problem, entry } = await expectRefused(
        { ...attempt, apiKey: outsider.apiKey },
        403,
        'forbidden',
      );
      expect(problem.detail).toContain(operationId);
      expect(entry.clientId).toBe('ciamis/dinsos/siks');
    }
    // The admin key still works and the outsider still has no grant.
    expect((await getJson('/v1/meta/whoami', hub.adminKey)).body).toMatchObject({ role: 'admin' });
    expect(await hub.store.listGrants('ciamis/dinsos/siks')).toEqual([]);
  });
});

describe('hostile path parameters', () => {
  const sql = encodeURIComponent("x'; DROP TABLE records;--");
  const long = 'a'.repeat(5000);
  const cases: Array<[string, string, string, number, string]> = [
    // [label, method, path, status, code]
    ['datasetId %2e%2e%2f', 'GET', '/v1/datasets/%2e%2e%2f', 400, 'bad_request'],
    ['datasetId ..%2f..%2fclients', 'GET', '/v1/datasets/..%2f..%2fclients/records', 400, 'bad_request'],
    ['datasetId with SQL', 'GET', `/v1/datasets/${sql}/records`, 400, 'bad_request'],
    ['datasetId with SQL (push)', 'POST', `/v1/datasets/${sql}/records`, 400, 'bad_request'],
    [
      'datasetId in unicode',
      'GET',
      `/v1/datasets/${encodeURIComponent('dinkes.puskesmäs')}/changes`,
      400,
      'bad_request',
    ],
    ['datasetId with a NUL byte', 'GET', '/v1/datasets/dinkes.puskesmas%00/records', 400, 'bad_request'],
    ['datasetId of 5000 characters', 'GET', `/v1/datasets/${long}`, 400, 'bad_request'],
    ['datasetId that does not exist', 'GET', '/v1/datasets/dinkes.tidak-ada/records', 404, 'not_found'],
    ['key ../', 'GET', `/v1/datasets/${PUSKESMAS}/records/%2e%2e%2f%2e%2e%2f`, 404, 'not_found'],
    ['key with SQL', 'GET', `/v1/datasets/${PUSKESMAS}/records/${sql}`, 404, 'not_found'],
    ['key with SQL (delete)', 'DELETE', `/v1/datasets/${PUSKESMAS}/records/${sql}`, 404, 'not_found'],
    [
      'key in unicode',
      'GET',
      `/v1/datasets/${PUSKESMAS}/records/${encodeURIComponent('P日本😀')}`,
      404,
      'not_found',
    ],
    ['key with a NUL byte', 'DELETE', `/v1/datasets/${PUSKESMAS}/records/P3207000000%00`, 404, 'not_found'],
    [
      'key that is not percent-encoding',
      'GET',
      `/v1/datasets/${PUSKESMAS}/records/%ff%fe`,
      400,
      'bad_request',
    ],
    ['key of 5000 characters', 'DELETE', `/v1/datasets/${PUSKESMAS}/records/${long}`, 400, 'bad_request'],
    ['clientId ../', 'GET', '/v1/clients/..%2f..%2fkominfo%2fadmin', 400, 'bad_request'],
    ['clientId with SQL', 'PUT', `/v1/clients/${sql}/grants/${PUSKESMAS}`, 400, 'bad_request'],
    [
      'clientId in unicode',
      'POST',
      `/v1/clients/${encodeURIComponent('ciamis/dinkés')}/keys`,
      400,
      'bad_request',
    ],
    ['clientId of 5000 characters', 'GET', `/v1/clients/${long}/keys`, 400, 'bad_request'],
    [
      'clientId that does not exist',
      'GET',
      `/v1/clients/${encodeURIComponent('ciamis/tidak/ada')}`,
      404,
      'not_found',
    ],
    ['contractId %2e%2e%2f', 'GET', '/v1/contracts/%2e%2e%2fclients/versions', 400, 'bad_request'],
    ['contractId with SQL', 'PUT', `/v1/contracts/${sql}/versions/1.0.0`, 400, 'bad_request'],
    [
      'contractId in unicode',
      'GET',
      `/v1/contracts/${encodeURIComponent('dinkes.пуск')}`,
      400,
      'bad_request',
    ],
    ['contractId of 5000 characters', 'GET', `/v1/contracts/${long}/versions`, 400, 'bad_request'],
    ['contract version ../', 'GET', `/v1/contracts/${PUSKESMAS}/versions/..%2f..%2f`, 400, 'bad_request'],
  ];

  it.each(cases)('refuses %s', async (_label, method, path, status, code) => {
    const write = method !== 'GET';
    const body =
      write && method !== 'DELETE' ? JSON.stringify({ upsert: puskesmasRecords(1, 700) }) : undefined;
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (method === 'POST' && path.endsWith('/records')) headers['idempotency-key'] = 'hostile-path-0001';
    const { entry } = await expectRefused(
      { method, path, apiKey: hub.adminKey, headers, body },
      status,
      code,
    );
    expect(entry.clientId).toBe('kominfo/admin');
  });

  /** A raw request whose path is sent byte for byte (fetch would normalise `..`). */
  it('resolves raw ../ segments before routing: they never reach outside /v1 or a path parameter', async () => {
    for (const path of [
      '/v1/datasets/../../../etc/passwd',
      '/v1/datasets/dinkes.puskesmas/records/../../../../',
    ]) {
      const requestId = nextRequestId();
      const answer = await rawRequest({
        method: 'GET',
        path,
        headers: { authorization: `Bearer ${hub.adminKey}`, 'x-request-id': requestId },
      });
      expect(answer.status).toBe(404);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'not_found', requestId });
      expect(await auditEntry(requestId)).toMatchObject({ status: 404 });
    }
    // `/v1/datasets/../clients` is `/v1/clients`: still an admin operation for a client.
    const requestId = nextRequestId();
    const answer = await rawRequest({
      method: 'GET',
      path: '/v1/datasets/../clients',
      headers: { authorization: `Bearer ${outsider.apiKey}`, 'x-request-id': requestId },
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'forbidden', requestId });
  });

  it('does not echo a hostile X-Request-Id; it gets an id of its own', async () => {
    const { response } = await send({
      method: 'GET',
      path: `/v1/datasets/${PUSKESMAS}`,
      apiKey: null,
      headers: { 'x-request-id': '<script>alert(1)</script>' },
    });
    expect(response.status).toBe(401);
    const problem = (await response.json()) as Json;
    expect(problem.requestId).toMatch(/^req_/);
    expect(JSON.stringify(problem)).not.toContain('<script>');
  });
});

/** What a raw request got, and how many body bytes the client had written when the answer came. */
interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  bytesSent: number;
}

/**
 * Sends a request with node:http: the path byte for byte and, optionally, `bodyBytes` of body written as
 * fast as the socket takes them (with or without Content-Length). Writing stops as soon as an answer
 * arrives.
 */
function rawRequest(options: {
  method: string;
  path: string;
  headers: Record<string, string | number>;
  bodyBytes?: number;
}): Promise<RawAnswer> {
  const url = new URL(hub.url);
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const request = httpRequest({
      host: url.hostname,
      port: url.port,
      method: options.method,
      path: options.path,
      headers: options.headers,
    });
    request.on('response', (response) => {
      answered = true;
      const sentWhenAnswered = bytesSent;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        request.destroy();
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          bytesSent: sentWhenAnswered,
        });
      });
    });
    request.on('error', (error) => {
      if (!answered)
        reject(
          new Error(`${options.method} ${options.path} failed after ${bytesSent} bytes: ${error.message}`),
        );
    });
    const total = options.bodyBytes ?? 0;
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    chunk[0] = 0x5b; // '['
    const pump = () => {
      while (!answered && bytesSent < total) {
        bytesSent += chunk.byteLength;
        if (!request.write(chunk)) {
          request.once('drain', pump);
          return;
        }
      }
      if (!answered) request.end();
    };
    if (total > 0) pump();
    else request.end();
  });
}

describe('request bodies', () => {
  const pushPath = `/v1/datasets/${PUSKESMAS}/records`;
  const fiftyMiB = 50 * 1024 * 1024;

  it.each([
    ['with Content-Length', true],
    ['streamed in chunks without Content-Length', false],
  ])('refuses a 50 MiB body %s with 413 before reading it all', async (_label, declareLength) => {
    const before = await snapshot(hub.store);
    const requestId = nextRequestId();
    const answer = await rawRequest({
      method: 'POST',
      path: pushPath,
      headers: {
        authorization: `Bearer ${hub.adminKey}`,
        'content-type': 'application/json',
        'idempotency-key': `fifty-mib-${declareLength}`,
        'x-request-id': requestId,
        ...(declareLength ? { 'content-length': fiftyMiB } : { 'transfer-encoding': 'chunked' }),
      },
      bodyBytes: fiftyMiB,
    });
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(answer.body) as Json;
    expect(problem).toMatchObject({ code: 'payload_too_large', requestId });
    expect(problem.detail).toMatch(/10\.0 MiB/);
    // The answer came long before the client could send 50 MiB: the hub stopped reading at the limit
    // (or, with a declared length, before reading anything). Socket buffers account for the rest.
    expect(answer.bytesSent).toBeLessThan((declareLength ? 2 : 3) * HUB_LIMITS.maxBodyBytes);
    expect(answer.bytesSent).toBeLessThan(fiftyMiB);
    expect(await snapshot(hub.store)).toEqual(before);
    expect(await auditEntry(requestId)).toMatchObject({
      status: 413,
      bodySha256: null,
      datasetId: PUSKESMAS,
    });
    // The hub is still serving.
    expect((await getJson('/v1/health', hub.adminKey)).status).toBe(200);
  });

  it('refuses malformed JSON with 400 naming the problem', async () => {
    const { problem } = await expectRefused(
      {
        method: 'POST',
        path: pushPath,
        apiKey: hub.adminKey,
        headers: { 'content-type': 'application/json', 'idempotency-key': 'malformed-json-1' },
        body: '{"upsert": [{"kode_puskesmas": "P3207000001",',
      },
      400,
      'bad_request',
    );
    expect(problem.detail).toMatch(/not valid JSON/);
  });

  it('refuses a JSON body that is not UTF-8 with 400', async () => {
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('{"upsert":[{"nama":"'),
      0xe9,
      0xff,
      ...new TextEncoder().encode('"}]}'),
    ]);
    const { problem } = await expectRefused(
      {
        method: 'POST',
        path: pushPath,
        apiKey: hub.adminKey,
        headers: { 'content-type': 'application/json', 'idempotency-key': 'latin1-body-01' },
        body: latin1,
      },
      400,
      'bad_request',
    );
    expect(problem.detail).toMatch(/UTF-8/);
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['no Content-Type', undefined],
  ])('refuses a JSON body sent as %s with 415', async (_label, type) => {
    const blob = new Blob([JSON.stringify({ upsert: puskesmasRecords(1, 800) })]); // no type: fetch sends none
    const { problem } = await expectRefused(
      {
        method: 'POST',
        path: pushPath,
        apiKey: hub.adminKey,
        headers: { 'idempotency-key': 'content-type-01', ...(type && { 'content-type': type }) },
        body: type === undefined ? new Uint8Array(await blob.arrayBuffer()) : await blob.text(),
      },
      415,
      'unsupported_media_type',
    );
    expect(problem.detail).toMatch(/application\/json/);
  });

  it.each([
    ['upserts', { upsert: puskesmasRecords(HUB_LIMITS.maxBatchSize + 1, 1000) }],
    [
      'deletes',
      {
        delete: Array.from({ length: HUB_LIMITS.maxBatchSize + 1 }, (_, i) => ({
          kode_puskesmas: `P${3207100000 + i}`,
        })),
      },
    ],
  ])('refuses a batch of 5001 %s with 413 as the spec says', async (noun, body) => {
    const { problem } = await expectRefused(
      {
        method: 'POST',
        path: pushPath,
        apiKey: hub.adminKey,
        headers: { 'content-type': 'application/json', 'idempotency-key': `over-limit-${noun}` },
        body: JSON.stringify(body),
      },
      413,
      'payload_too_large',
    );
    expect(problem.detail).toContain(`5001 ${noun}`);
  });

  it('refuses a push without an Idempotency-Key (400 idempotency_key_required) or with a malformed one', async () => {
    const body = JSON.stringify({ upsert: puskesmasRecords(2, 900) });
    const headers = { 'content-type': 'application/json' };
    await expectRefused(
      { method: 'POST', path: pushPath, apiKey: hub.adminKey, headers, body },
      400,
      'idempotency_key_required',
    );
    const { problem } = await expectRefused(
      {
        method: 'POST',
        path: pushPath,
        apiKey: hub.adminKey,
        headers: { ...headers, 'idempotency-key': 'short' },
        body,
      },
      400,
      'bad_request',
    );
    expect(problem.detail).toMatch(/idempotency-key/i);
  });

  it('refuses an Idempotency-Key reused with another body (409) and keeps the first answer', async () => {
    const first = { upsert: puskesmasRecords(2, 950) };
    const { response } = await pushBody(PUSKESMAS, first, writerOfPuskesmas(), 'reuse-key-0001');
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Json;
    expect(answer).toMatchObject({ created: 2, replayed: false });
    const { problem } = await expectRefused(
      {
        method: 'POST',
        path: pushPath,
        apiKey: writerOfPuskesmas(),
        headers: { 'content-type': 'application/json', 'idempotency-key': 'reuse-key-0001' },
        body: JSON.stringify({ upsert: puskesmasRecords(2, 960) }),
      },
      409,
      'idempotency_conflict',
    );
    expect(problem.detail).toContain('reuse-key-0001');
    const before = await snapshot(hub.store);
    const { response: replay } = await pushBody(PUSKESMAS, first, writerOfPuskesmas(), 'reuse-key-0001');
    expect(await replay.json()).toEqual({ ...answer, replayed: true });
    expect(await snapshot(hub.store)).toEqual(before);
  });
});

describe('the audit log after all of the above', () => {
  it('still verifies: refused requests were written to the audit log like any other', async () => {
    const verification = await hub.admin.unwrap(hub.admin.GET('/v1/audit/verify'));
    expect(verification).toMatchObject({ ok: true, issues: [] });
    expect(verification.sealed + verification.unsealed.count).toBeGreaterThan(requestCounter);
    await auditEntry('(none)'); // reads every entry up to now
    const refused = [...audited.values()].filter((entry) => entry.status >= 400);
    expect(new Set(refused.map((entry) => entry.status))).toEqual(
      new Set([400, 401, 403, 404, 409, 413, 415]),
    );
  });
});

describe('log lines', () => {
  it('never carry a record key (it may be a NIK); the audit log keeps the path with the key digested', async () => {
    const lines: HubLogLine[] = [];
    const logged = await startHub({ log: (line) => lines.push(line) });
    try {
      await publishDataset(logged.admin, await exampleContract(PUSKESMAS));
      const [record] = puskesmasRecords(1);
      const key = String(record?.kode_puskesmas);
      await logged.admin.pushRecords(PUSKESMAS, [record as Json]);
      const path = `/v1/datasets/${PUSKESMAS}/records/${key}`;
      const headers = { authorization: `Bearer ${logged.adminKey}` };
      expect((await fetch(`${logged.url}${path}`, { headers })).status).toBe(200);
      expect((await fetch(`${logged.url}${path}/more`, { headers })).status).toBe(404);
      expect((await fetch(`${logged.url}${path}`, { method: 'DELETE', headers })).status).toBe(200);
      expect((await fetch(`${logged.url}${path}`, { headers })).status).toBe(404);

      const recordLines = lines.filter((line) => line.path?.includes('/records/'));
      expect(recordLines.map((line) => `${line.method} ${line.path} ${line.status}`)).toEqual([
        `GET /v1/datasets/${PUSKESMAS}/records/{key} 200`,
        `DELETE /v1/datasets/${PUSKESMAS}/records/{key} 200`,
        `GET /v1/datasets/${PUSKESMAS}/records/{key} 404`,
      ]);
      expect(JSON.stringify(lines)).not.toContain(key);
      await logged.running.hub.sealAudit(); // writes the buffered entries of reads
      const audit = await logged.store.listAudit(0, 1000);
      const audited = `/v1/datasets/${PUSKESMAS}/records/${await auditKeyDigest(logged.store, key)}`;
      expect(audit.filter((entry) => entry.path === audited).map((entry) => entry.status)).toEqual([
        200, 200, 404,
      ]);
      expect(JSON.stringify(audit)).not.toContain(key);
    } finally {
      await logged.close();
    }
  });
});

/** The admin key pushes to the publik dataset (admins may write every dataset). */
function writerOfPuskesmas(): string {
  return hub.adminKey;
}

describe('rate limiting', () => {
  it('answers 429 with Retry-After to a client that floods the hub, and leaves other clients alone', async () => {
    // The hub's clock stands still, so no token comes back during the flood: exactly the burst is served,
    // however fast or slow this machine answers.
    const frozen = new Date();
    const limited = await startHub({
      rateLimit: { requestsPerSecond: 50, burst: 100 },
      now: () => new Date(frozen),
    });
    try {
      await publishDataset(limited.admin, await exampleContract(PUSKESMAS));
      await limited.admin.pushRecords(PUSKESMAS, puskesmasRecords(5));
      const flooder = await registerClient(limited, 'ciamis/dinkes/simpus');
      const neighbour = await registerClient(limited, 'ciamis/bappeda/satudata');
      const before = await snapshot(limited.store);
      const get = (apiKey: string, n: number) =>
        fetch(`${limited.url}/v1/datasets/${PUSKESMAS}/records?limit=1`, {
          headers: { authorization: `Bearer ${apiKey}`, 'x-request-id': `flood-${apiKey.slice(3, 8)}-${n}` },
        }).then(async (response) => ({ response, body: (await response.json()) as Json }));
      const flood = Array.from({ length: 1000 }, (_, n) => get(flooder.apiKey, n));
      const quiet = Array.from({ length: 50 }, (_, n) => get(neighbour.apiKey, n));
      const [flooded, calm] = await Promise.all([Promise.all(flood), Promise.all(quiet)]);

      const limitedAnswers = flooded.filter((a) => a.response.status === 429);
      const served = flooded.filter((a) => a.response.status === 200);
      expect(served.length).toBe(100); // the burst
      expect(limitedAnswers.length).toBe(900);
      for (const { response, body } of limitedAnswers) {
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const retryAfter = Number(response.headers.get('retry-after'));
        expect(retryAfter).toBe(1); // one token back after 1/50 s, rounded up to whole seconds
        expect(body).toMatchObject({
          status: 429,
          code: 'rate_limited',
          retryAfter,
          requestId: response.headers.get('x-request-id'),
        });
      }
      expect(calm.map((a) => a.response.status)).toEqual(Array(50).fill(200));
      expect(await snapshot(limited.store)).toEqual(before);

      // Every refused request is counted (not written to the audit log one by one: a flood must not
      // become a flood of database writes), and the served ones carry the RateLimit headers.
      expect(limited.running.hub.rateLimited).toBe(limitedAnswers.length);
      for (const { response } of served) {
        expect(response.headers.get('ratelimit-policy')).toBe('"default";q=100;w=2');
        expect(response.headers.get('ratelimit')).toMatch(/^"default";r=\d+;t=\d+$/);
      }
      for (const { response } of limitedAnswers) {
        expect(response.headers.get('ratelimit')).toBe('"default";r=0;t=2');
      }
      let since = 0;
      let audited429 = 0;
      for (;;) {
        const page = await limited.admin.unwrap(
          limited.admin.GET('/v1/audit', {
            params: { query: { since, limit: 1000, clientId: 'ciamis/dinkes/simpus' } },
          }),
        );
        audited429 += page.items.filter((e) => e.status === 429).length;
        since = page.nextSince;
        if (!page.hasMore) break;
      }
      expect(audited429).toBe(0);
    } finally {
      await limited.close();
    }
  });
});
