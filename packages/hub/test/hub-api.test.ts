// The hub's operations through the typed client, every answer checked against the spec.

import { readFile } from 'node:fs/promises';
import { createHubClient, type HubClient, HubError } from '@tukar/client';
import type { components } from '@tukar/spec';
import { SPEC_OPERATIONS } from '@tukar/spec/operations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub } from '../src/create-hub';
import { createMemoryStore } from '../src/memory-store';
import { ROUTES } from '../src/routes/index';
import {
  type ContractDocument,
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  startHub,
  type TestHub,
} from './hub-fixture';
import { checkAgainstSpec, specCheckedFetch, specViolations } from './spec-checked-fetch';

type IntegrationReport = components['schemas']['IntegrationReport'];

let hub: TestHub;
let admin: HubClient;
let clock = new Date('2025-03-10T02:00:00Z'); // a Monday, 09:00 WIB

const problemOf = async (answer: Promise<unknown>): Promise<HubError> => {
  const error = await answer.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HubError)) throw new Error(`expected a HubError, got ${String(error)}`);
  return error;
};

beforeAll(async () => {
  hub = await startHub({ now: () => clock });
  admin = createHubClient({ baseUrl: hub.url, apiKey: hub.adminKey, fetch: specCheckedFetch, retry: false });
});
afterAll(async () => {
  await hub.close();
});

describe('the hub implements the spec', () => {
  it('has a handler for every operation of the spec', () => {
    expect(SPEC_OPERATIONS).toHaveLength(56);
    for (const op of SPEC_OPERATIONS) expect(typeof ROUTES[op.id], op.id).toBe('function');
  });

  it('answers an unknown path 404 and a wrong method 405 with Allow, as problems', async () => {
    const missing = await fetch(`${hub.url}/v1/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
    const wrong = await fetch(`${hub.url}/v1/health`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('reports the version of its own package in GET /v1/health, or the configured one', async () => {
    const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const health = await fetch(`${hub.url}/v1/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', version: manifest.version });
    const configured = await createHub({ store: createMemoryStore(), version: '2.3.4-ciamis' });
    const answer = await configured.fetch(new Request('http://hub.test/v1/health'));
    expect(await answer.json()).toMatchObject({ version: '2.3.4-ciamis' });
  });

  it('echoes a good X-Request-Id and replaces a hostile one', async () => {
    const echoed = await fetch(`${hub.url}/v1/health`, { headers: { 'x-request-id': 'simpus-sync-0001' } });
    expect(echoed.headers.get('x-request-id')).toBe('simpus-sync-0001');
    const hostile = await fetch(`${hub.url}/v1/health`, { headers: { 'x-request-id': 'a b<script>' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^req_/);
  });
});

describe('contracts registry', () => {
  let v1: ContractDocument;
  const put = (doc: ContractDocument) =>
    admin.unwrap(
      admin.PUT('/v1/contracts/{contractId}/versions/{version}', {
        params: { path: { contractId: doc.contract, version: doc.version } },
        body: doc,
      }),
    );

  beforeAll(async () => {
    v1 = { ...(await exampleContract('disdik.sekolah')), status: 'draft' };
  });

  it('publishes a draft, replaces it while draft, and answers the same content with 200', async () => {
    const created = await admin.PUT('/v1/contracts/{contractId}/versions/{version}', {
      params: { path: { contractId: v1.contract, version: v1.version } },
      body: v1,
    });
    expect(created.response.status).toBe(201);
    expect(created.response.headers.get('location')).toBe(
      `/v1/contracts/${v1.contract}/versions/${v1.version}`,
    );
    const same = await admin.PUT('/v1/contracts/{contractId}/versions/{version}', {
      params: { path: { contractId: v1.contract, version: v1.version } },
      body: v1,
    });
    expect(same.response.status).toBe(200);
    const changed = await put({ ...v1, title: `${v1.title} (revisi)` });
    expect(changed.document.title).toContain('revisi');
    expect(changed.status).toBe('draft');
  });

  it('has no latest agreed version until one is agreed', async () => {
    const error = await problemOf(
      admin.unwrap(
        admin.GET('/v1/contracts/{contractId}', { params: { path: { contractId: v1.contract } } }),
      ),
    );
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/no agreed version/);
  });

  it('agrees a draft, then refuses other content for the agreed version (409 contract_immutable)', async () => {
    await put(v1);
    const agreed = await admin.unwrap(
      admin.POST('/v1/contracts/{contractId}/versions/{version}/status', {
        params: { path: { contractId: v1.contract, version: v1.version } },
        body: { status: 'agreed' },
      }),
    );
    expect(agreed.status).toBe('agreed');
    const error = await problemOf(put({ ...v1, title: 'Lain' }));
    expect(error.status).toBe(409);
    expect(error.code).toBe('contract_immutable');
    const latest = await admin.unwrap(
      admin.GET('/v1/contracts/{contractId}', { params: { path: { contractId: v1.contract } } }),
    );
    expect(latest).toMatchObject({ id: v1.contract, version: v1.version, status: 'agreed' });
  });

  it('refuses an agreed version that breaks backward compatibility, listing each breaking change', async () => {
    const schema = structuredClone(v1.schema) as { required: string[]; properties: Record<string, unknown> };
    schema.properties.akreditasi_baru = { type: 'string' };
    schema.required = [...schema.required, 'akreditasi_baru'];
    const { examples: _examples, ...withoutExamples } = v1;
    const next = { ...withoutExamples, version: '1.1.0', status: 'agreed' as const, schema };
    const error = await problemOf(put(next));
    expect(error.status).toBe(422);
    expect(error.code).toBe('contract_incompatible');
    const changes =
      (error.problem as { breakingChanges?: Array<{ rule: string; path: string }> }).breakingChanges ?? [];
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.map((c) => c.path).join(' ')).toContain('akreditasi_baru');
    const versions = await admin.unwrap(
      admin.GET('/v1/contracts/{contractId}/versions', { params: { path: { contractId: v1.contract } } }),
    );
    expect(versions.items.map((v) => v.version)).toEqual([v1.version]);
  });

  it('moves versions only along draft → agreed → deprecated → retired', async () => {
    const error = await problemOf(
      admin.unwrap(
        admin.POST('/v1/contracts/{contractId}/versions/{version}/status', {
          params: { path: { contractId: v1.contract, version: v1.version } },
          body: { status: 'retired' },
        }),
      ),
    );
    expect(error.status).toBe(409);
    expect(error.code).toBe('invalid_transition');
    expect(error.message).toMatch(/can move to deprecated/);
  });

  it('refuses a structurally invalid contract with each problem (400 contract_invalid)', async () => {
    const broken = { ...v1, version: '9.0.0', primaryKey: ['tidak_ada'] };
    const error = await problemOf(put(broken));
    expect(error.status).toBe(400);
    expect(error.code).toBe('contract_invalid');
    expect(error.errors?.[0]?.path).toBe('/primaryKey/0');
  });

  it('refuses a body whose id or version differs from the path', async () => {
    const answer = await admin.PUT('/v1/contracts/{contractId}/versions/{version}', {
      params: { path: { contractId: v1.contract, version: '2.0.0' } },
      body: v1,
    });
    expect(answer.response.status).toBe(400);
  });

  it('lists contracts by id with cursors', async () => {
    await publishDataset(admin, await exampleContract('bpkad.realisasi-apbd'));
    const first = await admin.unwrap(admin.GET('/v1/contracts', { params: { query: { limit: 1 } } }));
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await admin.unwrap(
      admin.GET('/v1/contracts', { params: { query: { limit: 1, cursor: first.nextCursor as string } } }),
    );
    expect((second.items[0]?.id ?? '') > (first.items[0]?.id ?? '')).toBe(true);
    const bad = await admin.GET('/v1/contracts', { params: { query: { cursor: 'not-a-cursor' } } });
    expect(bad.response.status).toBe(400);
    expect(bad.error).toMatchObject({ code: 'bad_request', detail: expect.stringContaining('cursor') });
  });
});

describe('datasets and records', () => {
  let puskesmas: ContractDocument;
  let writer: HubClient;

  beforeAll(async () => {
    puskesmas = await exampleContract('dinkes.puskesmas');
    await publishDataset(admin, puskesmas);
    writer = (await registerClient(hub, 'ciamis/dinkes/simpus', { 'dinkes.puskesmas': ['read', 'write'] }))
      .client;
  });

  it('refuses to pin a dataset to a draft version (409)', async () => {
    const draft = { ...puskesmas, version: '1.1.0', status: 'draft' as const };
    await admin.unwrap(
      admin.PUT('/v1/contracts/{contractId}/versions/{version}', {
        params: { path: { contractId: draft.contract, version: draft.version } },
        body: draft,
      }),
    );
    const answer = await admin.PUT('/v1/datasets/{datasetId}', {
      params: { path: { datasetId: draft.contract } },
      body: { contractVersion: '1.1.0' },
    });
    expect(answer.response.status).toBe(409);
  });

  it('gets a record by key, deletes it with a tombstone in the feed, and replays an idempotent delete', async () => {
    const records = puskesmasRecords(3, 500);
    await writer.pushRecords('dinkes.puskesmas', records);
    const key = String(records[1]?.kode_puskesmas);
    const one = await writer.unwrap(
      writer.GET('/v1/datasets/{datasetId}/records/{key}', {
        params: { path: { datasetId: 'dinkes.puskesmas', key } },
      }),
    );
    expect(one.record).toEqual(records[1]);
    const del = () =>
      writer.DELETE('/v1/datasets/{datasetId}/records/{key}', {
        params: {
          path: { datasetId: 'dinkes.puskesmas', key },
          header: { 'Idempotency-Key': 'hapus-0001-abcdef' },
        },
      });
    const first = await del();
    expect(first.data).toMatchObject({ deleted: 1, replayed: false });
    const again = await del();
    expect(again.data).toMatchObject({ deleted: 1, replayed: true, seq: first.data?.seq });
    const changes = await writer.unwrap(
      writer.GET('/v1/datasets/{datasetId}/changes', {
        params: { path: { datasetId: 'dinkes.puskesmas' }, query: { since: (first.data?.seq ?? 1) - 1 } },
      }),
    );
    expect(changes.items).toEqual([{ seq: first.data?.seq, op: 'delete', key, at: expect.any(String) }]);
    const gone = await writer.GET('/v1/datasets/{datasetId}/records/{key}', {
      params: { path: { datasetId: 'dinkes.puskesmas', key } },
    });
    expect(gone.response.status).toBe(404);
  });

  it('lists every batch problem at once: duplicate keys, a delete without its key field', async () => {
    const [a] = puskesmasRecords(1, 700);
    const answer = await writer.POST('/v1/datasets/{datasetId}/records', {
      params: { path: { datasetId: 'dinkes.puskesmas' }, header: { 'Idempotency-Key': 'dup-batch-000001' } },
      body: { upsert: [a as Record<string, unknown>, a as Record<string, unknown>], delete: [{ nama: 'x' }] },
    });
    expect(answer.response.status).toBe(422);
    expect(answer.error?.errors?.map((e) => [e.op, e.index, e.code])).toEqual([
      ['upsert', 1, 'duplicate_key'],
      ['delete', 0, 'primary_key_missing'],
    ]);
  });

  it('re-pins a dataset to a newer compatible version and refuses an older one', async () => {
    const next = {
      ...puskesmas,
      version: '1.2.0',
      status: 'agreed' as const,
      title: `${puskesmas.title} (1.2)`,
    };
    await admin.unwrap(
      admin.PUT('/v1/contracts/{contractId}/versions/{version}', {
        params: { path: { contractId: next.contract, version: next.version } },
        body: next,
      }),
    );
    const repinned = await admin.unwrap(
      admin.PUT('/v1/datasets/{datasetId}', {
        params: { path: { datasetId: 'dinkes.puskesmas' } },
        body: { contractVersion: '1.2.0' },
      }),
    );
    expect(repinned.contractVersion).toBe('1.2.0');
    const back = await admin.PUT('/v1/datasets/{datasetId}', {
      params: { path: { datasetId: 'dinkes.puskesmas' } },
      body: { contractVersion: '1.0.0' },
    });
    expect(back.response.status).toBe(409);
  });
});

describe('integrations: the procedure (ciamis, the default) as the state machine', () => {
  let opd: HubClient;
  let other: HubClient;
  let timTeknis: HubClient;
  let id: string;
  const act = (client: HubClient, body: Record<string, unknown>) =>
    client.POST('/v1/integrations/{integrationId}/transitions', {
      params: { path: { integrationId: id } },
      // biome-ignore lint/suspicious/noExplicitAny: transition bodies are built per step below.
      body: body as any,
    });

  beforeAll(async () => {
    opd = (await registerClient(hub, 'ciamis/disdukcapil/siak')).client;
    other = (await registerClient(hub, 'ciamis/dinsos/siks')).client;
    timTeknis = (
      await registerClient(
        hub,
        'ciamis/diskominfo/tim-teknis',
        {},
        { person: { name: 'Andi Pratama', nip: '198503102010011002', procedureRole: 'tim-teknis' } },
      )
    ).client;
    const penduduk = await exampleContract('disdukcapil.penduduk-desa');
    await admin.unwrap(
      admin.PUT('/v1/contracts/{contractId}/versions/{version}', {
        params: { path: { contractId: penduduk.contract, version: penduduk.version } },
        body: { ...penduduk, status: 'draft' },
      }),
    );
    const created = await opd.unwrap(
      opd.POST('/v1/integrations', {
        body: {
          title: 'Integrasi data penduduk per desa',
          opd: 'Disdukcapil',
          requester: { name: 'Rina', contact: 'siak@disdukcapil.example.go.id' },
          purpose: 'Agregat penduduk untuk perencanaan',
          datasetId: 'disdukcapil.penduduk-desa',
        },
      }),
    );
    id = created.id;
    expect(created).toMatchObject({ step: 1, ended: false, overdue: false });
    expect(created.currentStep).toMatchObject({
      actor: 'System Administrator',
      procedureRole: 'administrator',
    });
  });

  it('walks the nine ciamis steps with a returned-and-fixed round trip, each by its role, checking each step output', async () => {
    const byOpd = await act(opd, { when: 'done', disposition: { number: '1' } });
    expect(byOpd.response.status).toBe(403);
    expect(byOpd.error?.detail).toContain('System Administrator, role administrator');
    expect((await act(admin, { when: 'done' })).error).toMatchObject({ code: 'step_output_missing' });
    expect(
      (await act(admin, { when: 'done', disposition: { number: '555/112/Diskominfo/2025' } })).data?.step,
    ).toBe(2);
    expect((await act(other, { when: 'done', contractVersion: '1.0.0' })).response.status).toBe(404);
    expect((await act(opd, { when: 'done', contractVersion: '1.0.0' })).data?.step).toBe(3);
    const byAdmin = await act(admin, { when: 'agree', contractVersion: '1.0.0' });
    expect(byAdmin.response.status).toBe(403);
    expect(byAdmin.error?.detail).toMatch(/Tim Teknis IT, role tim-teknis; client .* acts as administrator/);
    expect((await act(timTeknis, { when: 'return' })).error?.code).toBe('step_output_missing');
    expect(
      (await act(timTeknis, { when: 'return', reason: 'Kolom jumlah belum dipisah per jenis kelamin' })).data
        ?.step,
    ).toBe(2);
    expect((await act(opd, { when: 'done', contractVersion: '1.0.0' })).data?.step).toBe(3);
    const notAgreed = await act(timTeknis, { when: 'agree', contractVersion: '1.0.0' });
    expect(notAgreed.error).toMatchObject({
      code: 'step_output_missing',
      detail: expect.stringContaining('draft'),
    });
    await admin.unwrap(
      admin.POST('/v1/contracts/{contractId}/versions/{version}/status', {
        params: { path: { contractId: 'disdukcapil.penduduk-desa', version: '1.0.0' } },
        body: { status: 'agreed' },
      }),
    );
    const agreed = await act(timTeknis, { when: 'agree', contractVersion: '1.0.0' });
    expect(agreed.data?.step).toBe(4);
    expect(agreed.data?.history.at(-1)).toMatchObject({
      when: 'agree',
      step: 3,
      to: 4,
      actor: 'ciamis/diskominfo/tim-teknis',
      procedureRole: 'tim-teknis',
      actorName: 'Andi Pratama',
    });
    expect(JSON.stringify(agreed.data)).not.toContain('198503102010011002');
    expect((await act(timTeknis, { when: 'done', datasetId: 'disdukcapil.penduduk-desa' })).error?.code).toBe(
      'step_output_missing',
    );
    await admin.unwrap(
      admin.PUT('/v1/datasets/{datasetId}', {
        params: { path: { datasetId: 'disdukcapil.penduduk-desa' } },
        body: { contractVersion: '1.0.0' },
      }),
    );
    expect((await act(timTeknis, { when: 'done', datasetId: 'disdukcapil.penduduk-desa' })).data?.step).toBe(
      5,
    );
    expect((await act(timTeknis, { when: 'done', clientId: 'ciamis/nobody/none' })).error?.code).toBe(
      'step_output_missing',
    );
    expect((await act(timTeknis, { when: 'done', clientId: 'ciamis/disdukcapil/siak' })).data?.step).toBe(6);
    expect((await act(timTeknis, { when: 'done' })).data?.step).toBe(7);

    const pactContent = JSON.stringify({
      consumer: { name: 'siak' },
      provider: { name: 'tukar-hub' },
      interactions: [],
    });
    const doc = await admin.unwrap(
      admin.POST('/v1/integrations/{integrationId}/attachments', {
        params: { path: { integrationId: id } },
        body: { kind: 'document', name: 'catatan.txt', mediaType: 'text/plain', content: 'catatan' },
      }),
    );
    expect(doc.kind).toBe('document');
    const pact = await admin.unwrap(
      admin.POST('/v1/integrations/{integrationId}/attachments', {
        params: { path: { integrationId: id } },
        body: {
          kind: 'pact-results',
          name: 'siak-tukar-hub.json',
          mediaType: 'application/json',
          content: btoa(pactContent),
          encoding: 'base64',
        },
      }),
    );
    expect(pact.size).toBe(pactContent.length);
    const raw = await fetch(`${hub.url}/v1/integrations/${id}/attachments/${pact.id}`, {
      headers: { authorization: `Bearer ${hub.adminKey}` },
    });
    expect(await raw.text()).toBe(pactContent);
    expect(raw.headers.get('content-disposition')).toContain('siak-tukar-hub.json');

    const reportInput = {
      contractId: 'disdukcapil.penduduk-desa',
      contractVersion: '1.0.0',
      integrationId: id,
      source: { kind: 'endpoint' as const, location: 'http://127.0.0.1/api/penduduk' },
      startedAt: clock.toISOString(),
      finishedAt: clock.toISOString(),
      complete: true,
      counts: { records: 10, valid: 9, invalid: 1, issues: 1 },
      issues: [
        {
          record: 3,
          path: '/jumlah',
          code: 'type',
          message: 'Field "jumlah" must be of type integer, got string.',
        },
      ],
    };
    const contradiction = await opd.POST('/v1/validation-reports', {
      body: { ...reportInput, verdict: 'valid' },
    });
    expect(contradiction.response.status).toBe(400);
    const invalid = await opd.unwrap(
      opd.POST('/v1/validation-reports', { body: { ...reportInput, verdict: 'invalid' } }),
    );
    expect((await act(opd, { when: 'done', reportId: invalid.id })).error?.detail).toMatch(
      /verdict is valid/,
    );
    const valid = await opd.unwrap(
      opd.POST('/v1/validation-reports', {
        body: {
          ...reportInput,
          verdict: 'valid',
          counts: { records: 10, valid: 10, invalid: 0, issues: 0 },
          issues: [],
        },
      }),
    );
    expect((await act(opd, { when: 'done', reportId: valid.id })).data?.step).toBe(8);
    const wrong = await act(opd, { when: 'done' });
    expect(wrong.response.status).toBe(409);
    expect(wrong.error?.detail).toMatch(/goes on when agree \(to end\) or return \(to 9\), not when done/);
    const done = await act(opd, { when: 'agree', note: 'Selesai' });
    expect(done.data).toMatchObject({ step: 8, ended: true, stepDeadline: null, overdue: false });
    expect((await act(opd, { when: 'agree' })).error?.detail).toContain('has ended');

    const report = (await admin.unwrap(
      admin.GET('/v1/integrations/{integrationId}/report', { params: { path: { integrationId: id } } }),
    )) as unknown as IntegrationReport;
    expect(report.steps).toHaveLength(9);
    expect(report.steps.slice(0, 8).every((s) => s.completedAt !== null)).toBe(true);
    expect(report.steps[8]).toMatchObject({ step: 9, completedAt: null, doneBy: null });
    expect(report.steps[2]).toMatchObject({
      actor: 'Tim Teknis IT',
      procedureRole: 'tim-teknis',
      waktu: '1 bulan',
      doneBy: { clientId: 'ciamis/diskominfo/tim-teknis', procedureRole: 'tim-teknis', name: 'Andi Pratama' },
    });
    expect(report.contract?.version).toBe('1.0.0');
    expect(report.pactResults.map((a) => a.id)).toEqual([pact.id]);
    expect(report.validationReports.map((r) => r.verdict).sort()).toEqual(['invalid', 'valid']);
    const html = await fetch(`${hub.url}/v1/integrations/${id}/report`, {
      headers: { authorization: `Bearer ${hub.adminKey}`, accept: 'text/html' },
    });
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(await html.text()).toContain('Laporan Hasil Integrasi');
  });

  it('marks a step overdue when its working-day limit has passed, and hides integrations from uninvolved clients', async () => {
    const created = await opd.unwrap(
      opd.POST('/v1/integrations', {
        body: {
          title: 'Terlambat',
          opd: 'Disdukcapil',
          requester: { name: 'Rina', contact: 'x' },
          purpose: 'uji',
        },
      }),
    );
    // Step 1 allows one working day: created Monday 09:00 WIB, due Tuesday 09:00 WIB.
    expect(created.stepDeadline).toBe('2025-03-11T02:00:00.000Z');
    clock = new Date('2025-03-11T03:00:00Z');
    const later = await admin.unwrap(
      admin.GET('/v1/integrations/{integrationId}', { params: { path: { integrationId: created.id } } }),
    );
    expect(later.overdue).toBe(true);
    const hidden = await other.GET('/v1/integrations/{integrationId}', {
      params: { path: { integrationId: created.id } },
    });
    expect(hidden.response.status).toBe(404);
    const list = await other.unwrap(other.GET('/v1/integrations'));
    expect(list.items).toEqual([]);
  });
});

describe('validation reports are read only by those involved', () => {
  it('hides a report on an integration from an uninvolved client and lists it for the submitter', async () => {
    const submitter = (await registerClient(hub, 'ciamis/dinkes/sikda')).client;
    const outsider = (await registerClient(hub, 'ciamis/dishub/sitra')).client;
    const integration = await submitter.unwrap(
      submitter.POST('/v1/integrations', {
        body: {
          title: 'Uji laporan',
          opd: 'Dinkes',
          requester: { name: 'A', contact: 'a@example.go.id' },
          purpose: 'uji',
        },
      }),
    );
    const report = await submitter.unwrap(
      submitter.POST('/v1/validation-reports', {
        body: {
          contractId: 'dinkes.puskesmas',
          contractVersion: '1.0.0',
          integrationId: integration.id,
          source: { kind: 'file', location: 'puskesmas.ndjson' },
          startedAt: clock.toISOString(),
          finishedAt: clock.toISOString(),
          complete: true,
          verdict: 'valid',
          counts: { records: 1, valid: 1, invalid: 0, issues: 0 },
          issues: [],
        },
      }),
    );
    const hidden = await outsider.GET('/v1/validation-reports/{reportId}', {
      params: { path: { reportId: report.id } },
    });
    expect(hidden.response.status).toBe(404);
    const outsiderList = await outsider.unwrap(outsider.GET('/v1/validation-reports'));
    expect(outsiderList.items.map((r) => r.id)).not.toContain(report.id);
    const own = await submitter.unwrap(
      submitter.GET('/v1/validation-reports', { params: { query: { integrationId: integration.id } } }),
    );
    expect(own.items.map((r) => r.id)).toEqual([report.id]);
  });
});

describe('audit log', () => {
  it('records requests (refused ones too) and verifies them against signed checkpoints', async () => {
    const refused = await fetch(`${hub.url}/v1/meta/whoami`, {
      headers: { 'x-request-id': 'audit-probe-401' },
    });
    expect(refused.status).toBe(401);
    await admin.unwrap(admin.POST('/v1/audit/checkpoints')); // writes the buffered entries of reads, seals
    const page = await admin.unwrap(admin.GET('/v1/audit', { params: { query: { limit: 1000 } } }));
    const entry = page.items.find((e) => e.requestId === 'audit-probe-401');
    expect(entry).toMatchObject({ status: 401, clientId: null, method: 'GET', path: '/v1/meta/whoami' });
    const verification = await admin.unwrap(admin.GET('/v1/audit/verify'));
    expect(verification).toMatchObject({ ok: true, issues: [] });
    expect(verification.sealed).toBeGreaterThan(10);
  });
});

describe('dashboard sign-in', () => {
  it('redirects without a session, refuses a wrong key, and signs in with a cookie', async () => {
    const anonymous = await fetch(`${hub.url}/dashboard`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/dashboard/login');
    // The form carries the login page's CSRF token, bound to the pre-session cookie the page sets.
    const loginPage = await fetch(`${hub.url}/dashboard/login`);
    const csrfCookie = (loginPage.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const csrf = /name="csrf" value="([^"]+)"/.exec(await loginPage.text())?.[1] ?? '';
    const form = (apiKey: string) =>
      fetch(`${hub.url}/dashboard/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
        body: new URLSearchParams({ apiKey, csrf }),
      });
    expect((await form('tk_wrong')).status).toBe(401);
    const signedIn = await form(hub.adminKey);
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${hub.url}/dashboard`, { headers: { cookie: cookie.split(';')[0] as string } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('dinkes.puskesmas');
    const forged = await fetch(`${hub.url}/dashboard`, {
      redirect: 'manual',
      headers: { cookie: `${cookie.split(';')[0]}x` },
    });
    expect(forged.status).toBe(302);
  });
});

describe('the request path', () => {
  it('audits a committed batch once (its entry is written with the batch), a replay and a refused batch each with their answer', async () => {
    const own = await startHub();
    try {
      const client = createHubClient({ baseUrl: own.url, apiKey: own.adminKey, retry: false });
      await publishDataset(client, await exampleContract('dinkes.puskesmas'));
      const records = puskesmasRecords(2);
      const path = '/v1/datasets/dinkes.puskesmas/records';
      const send = (key: string, upsert: unknown[]) =>
        fetch(`${own.url}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${own.adminKey}`,
            'content-type': 'application/json',
            'idempotency-key': key,
            'x-request-id': `audit-once-${key}-${upsert.length}`,
          },
          body: JSON.stringify({ upsert }),
        });
      const answers = [
        await send('batch-0001', records),
        await send('batch-0001', records),
        await send('batch-0002', [{ ...records[0], kode_puskesmas: 'X' }]),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 422]);
      expect(await answers[1]?.json()).toMatchObject({ replayed: true });
      const entries = (await own.store.listAudit(0, 1000)).filter((entry) => entry.path === path);
      expect(entries.map((entry) => [entry.requestId, entry.status])).toEqual([
        ['audit-once-batch-0001-2', 200],
        ['audit-once-batch-0001-2', 200],
        ['audit-once-batch-0002-1', 422],
      ]);
      expect(entries[0]?.seq).not.toBe(entries[1]?.seq);
    } finally {
      await own.close();
    }
  });

  it('checks parameters before the role: a client calling an admin operation with a bad parameter gets 400, a good one 403', async () => {
    const outsider = await registerClient(hub, 'ciamis/dinsos/request-path');
    const call = (clientId: string) =>
      fetch(`${hub.url}/v1/clients/${encodeURIComponent(clientId)}`, {
        headers: { authorization: `Bearer ${outsider.apiKey}` },
      });
    const bad = await call('Not A Client Id');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'bad_request' });
    const good = await call('ciamis/dinkes/simpus');
    expect(good.status).toBe(403);
    expect(await good.json()).toMatchObject({ code: 'forbidden' });
  });
});

describe('spec conformance', () => {
  it('answers a round of its own requests (successes and refusals) as the spec documents them', async () => {
    const own = await startHub();
    try {
      const client = createHubClient({ baseUrl: own.url, apiKey: own.adminKey, retry: false });
      await publishDataset(client, await exampleContract('dinkes.puskesmas'));
      const records = puskesmasRecords(3);
      const admin = { authorization: `Bearer ${own.adminKey}` };
      const push = (key: string, upsert: unknown[]) => ({
        headers: { ...admin, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ upsert }),
      });
      const requests: Array<[string, string, RequestInit]> = [
        ['GET', '/v1/health', {}],
        ['GET', '/v1/meta/whoami', { headers: admin }],
        ['GET', '/v1/meta/whoami', {}],
        ['POST', '/v1/datasets/dinkes.puskesmas/records', push('conformance-0001', records)],
        ['POST', '/v1/datasets/dinkes.puskesmas/records', push('conformance-0001', records)],
        [
          'POST',
          '/v1/datasets/dinkes.puskesmas/records',
          push('conformance-0002', [{ ...records[0], kode_puskesmas: 'X' }]),
        ],
        ['GET', '/v1/datasets/dinkes.puskesmas/records?limit=2', { headers: admin }],
        ['GET', '/v1/datasets/dinkes.puskesmas/changes?since=0', { headers: admin }],
        ['GET', '/v1/datasets/nothing.here', { headers: admin }],
        [
          'PUT',
          '/v1/datasets/dinkes.puskesmas',
          { headers: { ...admin, 'content-type': 'text/plain' }, body: 'x' },
        ],
        ['GET', '/v1/audit/verify', { headers: admin }],
      ];
      const statuses: number[] = [];
      const problems: string[] = [];
      for (const [method, path, init] of requests) {
        const response = await fetch(`${own.url}${path}`, { method, ...init });
        statuses.push(response.status);
        problems.push(...(await checkAgainstSpec(method, `${own.url}${path}`, response)));
      }
      expect(statuses).toEqual([200, 200, 401, 200, 200, 422, 200, 200, 404, 415, 200]);
      expect(problems).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it('notices an answer that differs from the spec', async () => {
    const undocumented = new Response(JSON.stringify({ status: 'ok' }), {
      status: 418,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req_1' },
    });
    expect(await checkAgainstSpec('GET', 'http://hub.test/v1/health', undocumented)).toEqual([
      'GET /v1/health → 418: status not documented for getHealth',
    ]);
    const wrongBody = new Response(JSON.stringify({ status: 'fine' }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
    const problems = (await checkAgainstSpec('GET', 'http://hub.test/v1/health', wrongBody)).join('\n');
    expect(problems).toContain('GET /v1/health → 200: body does not match the spec');
    expect(problems).toContain('GET /v1/health → 200: no X-Request-Id header');
  });

  it('found no answer of the tests above (through the typed client) that differs from the spec', () => {
    expect(specViolations).toEqual([]);
  });
});
