// The procedure as the state machine: for each of the four presets, every path of the procedure walked
// through the hub's HTTP API (each return branch, loops bounded), each step by a person in its actor's
// role, each wrong role refused with a 403 that names the step; the integration report in the
// kabupaten's own words; and random transition sequences on the hub agreeing with the pure walk.
import { createHubClient, type HubClient, provisionHub } from '@tukar/client';
import {
  actorTitle,
  loadPreset,
  type Procedure,
  type ProcedurePresetName,
  type ProcedureStep,
  procedureStep,
  stepRole,
  takeTransition,
} from '@tukar/contracts/procedure';
import type { Schemas } from '@tukar/spec';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  startHub,
  type TestHub,
} from './hub-fixture';
import { type PathMove, pathName, procedurePaths } from './procedure-paths';

type Role = Schemas['ProcedureRole'];
type Integration = Schemas['Integration'];
type Condition = Schemas['IntegrationCondition'];

const PRESETS: readonly ProcedurePresetName[] = ['ciamis', 'sragen', 'nganjuk', 'karanganyar'];
const ROLES: readonly Role[] = ['opd-operator', 'tim-teknis', 'pengawas', 'administrator'];
const DATASET = 'dinkes.puskesmas';
const OPD_ID = 'walk/dinkes/simpus';

let hub: TestHub;
let callers: Record<Role, { client: HubClient; id: string }>;
let receipt: string;
let validReport: string;
/** Everything the hub logged: a person's NIP must never be in it. */
const logged: string[] = [];
const NIPS = ['198503102010011002', '197805202003122004'];

beforeAll(async () => {
  hub = await startHub({
    procedures: PRESETS.map((name) => loadPreset(name)),
    log: (line) => logged.push(JSON.stringify(line)),
  });
  await publishDataset(hub.admin, await exampleContract(DATASET));
  const pushed = await hub.admin.pushRecords(DATASET, puskesmasRecords(3));
  receipt = pushed.receipts[0] as string;
  const person = (name: string, nip: string, procedureRole: Role) => ({
    person: { name, nip, procedureRole },
  });
  const opd = await registerClient(hub, OPD_ID, {}, { opd: 'Dinas Kesehatan' });
  const tim = await registerClient(
    hub,
    'walk/diskominfo/tim',
    {},
    person('Andi Pratama', '198503102010011002', 'tim-teknis'),
  );
  const pengawas = await registerClient(
    hub,
    'walk/diskominfo/pengawas',
    {},
    person('Dewi Lestari', '197805202003122004', 'pengawas'),
  );
  callers = {
    'opd-operator': { client: opd.client, id: OPD_ID },
    'tim-teknis': { client: tim.client, id: 'walk/diskominfo/tim' },
    pengawas: { client: pengawas.client, id: 'walk/diskominfo/pengawas' },
    administrator: { client: hub.admin, id: 'kominfo/admin' },
  };
  const report = await opd.client.unwrap(
    opd.client.POST('/v1/validation-reports', {
      body: {
        contractId: DATASET,
        contractVersion: '1.0.0',
        datasetId: DATASET,
        source: { kind: 'file', location: 'puskesmas.ndjson' },
        startedAt: '2026-03-02T02:00:00Z',
        finishedAt: '2026-03-02T02:00:01Z',
        complete: true,
        verdict: 'valid',
        counts: { records: 3, valid: 3, invalid: 0, issues: 0 },
        issues: [],
      },
    }),
  );
  validReport = report.id;
}, 60_000);

afterAll(async () => {
  await hub?.close();
});

describe('a person acting in the procedure', () => {
  it('is the role of an admin client too: an admin acting for a tim-teknis person does tim-teknis steps only', async () => {
    const { keys } = await provisionHub(hub.admin, {
      clients: [
        {
          id: 'walk/diskominfo/kabid-teknis',
          role: 'admin',
          keyLabel: 'test',
          person: { name: 'Budi Santoso', nip: '197901012005011003', procedureRole: 'tim-teknis' },
        },
      ],
    });
    const staff = createHubClient({
      baseUrl: hub.url,
      apiKey: keys['walk/diskominfo/kabid-teknis']?.apiKey as string,
    });
    const { created } = await openIntegration(loadPreset('ciamis'), 'Admin sebagai tim teknis');
    const act = (client: HubClient, body: Record<string, unknown>) =>
      client.POST('/v1/integrations/{integrationId}/transitions', {
        params: { path: { integrationId: created.id } },
        // biome-ignore lint/suspicious/noExplicitAny: bodies are built per step.
        body: body as any,
      });
    const disposition = await act(staff, { when: 'done', disposition: { number: '1' } });
    expect(disposition.response.status).toBe(403);
    expect(disposition.error?.stepRole).toMatchObject({
      requiredRole: 'administrator',
      callerRole: 'tim-teknis',
    });
    await act(hub.admin, { when: 'done', disposition: { number: '1' } });
    await act(callers['opd-operator'].client, { when: 'done', contractVersion: '1.0.0' });
    const agreed = await act(staff, { when: 'agree', contractVersion: '1.0.0' });
    expect(agreed.data?.history.at(-1)).toMatchObject({
      procedureRole: 'tim-teknis',
      actorName: 'Budi Santoso',
    });
  });

  it('sees its procedure role in whoami; its NIP is in no log line, audit entry or answer to others', async () => {
    const me = await callers['tim-teknis'].client.unwrap(callers['tim-teknis'].client.GET('/v1/meta/whoami'));
    expect(me).toMatchObject({ procedureRole: 'tim-teknis', person: { name: 'Andi Pratama' } });
    const opd = await callers['opd-operator'].client.unwrap(
      callers['opd-operator'].client.GET('/v1/meta/whoami'),
    );
    expect(opd.procedureRole).toBe('opd-operator');
    const admin = await hub.admin.unwrap(hub.admin.GET('/v1/meta/whoami'));
    expect(admin.procedureRole).toBe('administrator');
    const { created } = await openIntegration(loadPreset('ciamis'), 'NIP');
    await transition('administrator', created.id, { when: 'done', disposition: { number: '1' } });
    await transition('opd-operator', created.id, { when: 'done', contractVersion: '1.0.0' });
    const agreed = await transition('tim-teknis', created.id, { when: 'agree', contractVersion: '1.0.0' });
    expect(agreed.data?.history.at(-1)).toMatchObject({
      actorName: 'Andi Pratama',
      procedureRole: 'tim-teknis',
    });
    const atFour = await hub.admin.unwrap(
      hub.admin.GET('/v1/integrations', { params: { query: { step: 4 } } }),
    );
    expect(atFour.items.map((i) => i.id)).toContain(created.id);
    expect(atFour.items.every((i) => i.step === 4)).toBe(true);
    const seenByOpd = await callers['opd-operator'].client.GET('/v1/integrations/{integrationId}', {
      params: { path: { integrationId: created.id } },
    });
    const audit = await fetch(`${hub.url}/v1/audit?limit=100`, {
      headers: { authorization: `Bearer ${hub.adminKey}` },
    });
    for (const text of [JSON.stringify(seenByOpd.data), await audit.text(), logged.join('\n')])
      for (const nip of NIPS) expect(text).not.toContain(nip);
  });
});

/** An integration under `procedure`, with the attachments its steps may name. */
async function openIntegration(procedure: Procedure, title: string) {
  const opd = callers['opd-operator'].client;
  const created = await opd.unwrap(
    opd.POST('/v1/integrations', {
      body: {
        title,
        opd: 'Dinas Kesehatan',
        requester: { name: 'Rina', contact: 'simpus@dinkes.example.go.id' },
        purpose: 'Uji prosedur',
        datasetId: DATASET,
        procedure: procedure.procedure,
      },
    }),
  );
  const attach = (kind: Schemas['AttachmentKind']) =>
    opd.unwrap(
      opd.POST('/v1/integrations/{integrationId}/attachments', {
        params: { path: { integrationId: created.id } },
        body: { kind, name: `${kind}.json`, mediaType: 'application/json', content: '{}' },
      }),
    );
  const pact = await attach('pact-results');
  const document = await attach('document');
  return { created, pactId: pact.id, documentId: document.id };
}

/** The output fields `step`'s artefact requires, all valid. */
function outputOf(step: ProcedureStep, ids: { pactId: string; documentId: string }): Record<string, unknown> {
  switch (step.output?.artefact) {
    case 'disposition':
      return { disposition: { number: '555/1/Diskominfo/2026' } };
    case 'contract-version':
    case 'agreed-contract-version':
      return { contractVersion: '1.0.0' };
    case 'dataset':
      return { datasetId: DATASET };
    case 'client-account':
      return { clientId: OPD_ID };
    case 'pact-results':
      return { attachmentId: ids.pactId };
    case 'attachment':
      return { attachmentId: ids.documentId };
    case 'receipt':
      return { receipt };
    case 'validation-report':
      return { reportId: validReport };
    default:
      return {};
  }
}

function bodyOf(step: ProcedureStep, when: Condition, ids: { pactId: string; documentId: string }) {
  return when === 'return'
    ? { when, reason: `Dikembalikan dari langkah ${step.number}` }
    : { when, ...outputOf(step, ids) };
}

function transition(role: Role, integrationId: string, body: Record<string, unknown>) {
  const { client } = callers[role];
  return client.POST('/v1/integrations/{integrationId}/transitions', {
    params: { path: { integrationId } },
    // biome-ignore lint/suspicious/noExplicitAny: bodies are built per step from the procedure.
    body: body as any,
  });
}

describe.each(PRESETS)('the %s procedure through the hub', (name) => {
  const procedure = loadPreset(name);
  const paths = procedurePaths(procedure);
  const refusedOnce = new Set<number>();

  it('has paths that take every transition of every step', () => {
    const taken = new Set(paths.flat().map((m) => `${m.from}-${m.when}`));
    for (const step of procedure.steps)
      for (const t of step.next) expect(taken).toContain(`${step.number}-${t.when}`);
  });

  it.each(paths.map((path) => [pathName(path), path] as const))(
    'walks %s, each step by its role; wrong roles get a 403 naming the step',
    async (_name, path: PathMove[]) => {
      const ids = await openIntegration(procedure, `Jalur ${pathName(path)}`);
      const integrationId = ids.created.id;
      let now: Integration = ids.created;
      const doneBy = new Map<number, Role>();
      for (const move of path) {
        const step = procedureStep(procedure, move.from) as ProcedureStep;
        expect(now.step).toBe(step.number);
        expect(now.currentStep).toMatchObject({
          number: step.number,
          name: step.name.id,
          actor: actorTitle(procedure, step),
        });
        const wanted = stepRole(procedure, step);
        const body = bodyOf(step, move.when, ids);
        if (!refusedOnce.has(step.number)) {
          refusedOnce.add(step.number);
          for (const role of ROLES.filter((r) => r !== wanted)) {
            const refused = await transition(role, integrationId, body);
            expect(refused.response.status, `${role} at step ${step.number}`).toBe(403);
            expect(refused.error?.code).toBe('forbidden');
            const detail = refused.error?.detail ?? '';
            expect(detail).toContain(`Step ${step.number} (${step.id}: ${step.name.id})`);
            expect(detail).toContain(`${actorTitle(procedure, step)}, role ${wanted}`);
            expect(detail).toContain(`acts as ${role}`);
            expect(refused.error?.stepRole).toEqual({
              step: step.number,
              name: step.name.id,
              actor: actorTitle(procedure, step),
              requiredRole: wanted,
              callerRole: role,
            });
          }
          if (move.when !== 'return' && Object.keys(outputOf(step, ids)).length > 0) {
            const bare = await transition(wanted, integrationId, { when: move.when });
            expect(bare.response.status).toBe(422);
            expect(bare.error?.detail).toContain(
              `Step ${step.number} (${step.id}) gives ${step.output?.name}`,
            );
          }
        }
        const answer = await transition(wanted, integrationId, body);
        expect(answer.error, `step ${step.number} ${move.when}`).toBeUndefined();
        const model = takeTransition(procedure, step.number, move.when, wanted);
        expect(model).toMatchObject({ ok: true, to: move.to });
        now = answer.data as Integration;
        expect(now.ended).toBe(move.to === 'end');
        if (move.to !== 'end') expect(now.step).toBe(move.to);
        expect(now.history.at(-1)).toMatchObject({
          when: move.when,
          step: step.number,
          to: move.to,
          actor: callers[wanted].id,
          procedureRole: wanted,
        });
        if (move.when !== 'return') doneBy.set(step.number, wanted);
      }
      expect(now).toMatchObject({ ended: true, stepDeadline: null, overdue: false });
      const after = await transition('administrator', integrationId, { when: 'done' });
      expect(after.response.status).toBe(409);
      expect(after.error?.detail).toContain('has ended');

      const report = (await hub.admin.unwrap(
        hub.admin.GET('/v1/integrations/{integrationId}/report', { params: { path: { integrationId } } }),
      )) as Schemas['IntegrationReport'];
      expect(report.steps.map((s) => s.step)).toEqual(procedure.steps.map((s) => s.number));
      for (const [i, step] of procedure.steps.entries()) {
        const line = report.steps[i];
        expect(line).toMatchObject({
          name: step.name.id,
          nameEn: step.name.en,
          actor: actorTitle(procedure, step),
          procedureRole: stepRole(procedure, step),
          outputName: step.output?.name ?? null,
          artefact: step.output?.artefact ?? null,
          waktu: step.waktu,
        });
        const role = doneBy.get(step.number);
        if (role === undefined) {
          expect(line?.completedAt).toBeNull();
          expect(line?.doneBy).toBeNull();
        } else {
          expect(line?.doneBy).toMatchObject({ clientId: callers[role].id, procedureRole: role });
          expect(line?.deadline === null).toBe(step.timeLimit === null);
        }
      }
      const html = await fetch(`${hub.url}/v1/integrations/${integrationId}/report`, {
        headers: { authorization: `Bearer ${hub.adminKey}`, accept: 'text/html' },
      });
      const page = await html.text();
      for (const step of procedure.steps) {
        expect(page).toContain(actorTitle(procedure, step).replaceAll('&', '&amp;'));
        if (step.waktu) expect(page).toContain(step.waktu);
      }
      expect(page).not.toContain('198503102010011002');
    },
    30_000,
  );

  it('refuses a transition the step does not have, naming the ones it has', async () => {
    const { created } = await openIntegration(procedure, 'Transisi salah');
    const first = procedure.steps[0] as ProcedureStep;
    const answer = await transition(stepRole(procedure, first), created.id, { when: 'return', reason: 'x' });
    expect(answer.response.status).toBe(409);
    expect(answer.error?.detail).toContain(
      `goes on when ${first.next.map((t) => `${t.when} (to ${t.to})`).join(' or ')}`,
    );
    const wrongTo = await transition(stepRole(procedure, first), created.id, {
      when: 'done',
      to: 99,
      disposition: { number: '1' },
    });
    expect(wrongTo.response.status).toBe(409);
  });
});

describe('random transition sequences on the hub agree with the pure procedure walk', () => {
  const move = fc.record({
    when: fc.constantFrom<Condition>('done', 'agree', 'return'),
    role: fc.constantFrom(...ROLES),
  });

  it.each(PRESETS)(
    '%s',
    async (name) => {
      const procedure = loadPreset(name);
      await fc.assert(
        fc.asyncProperty(fc.array(move, { minLength: 1, maxLength: 25 }), async (moves) => {
          const ids = await openIntegration(procedure, 'Acak');
          let at: number | 'end' = procedure.steps[0]?.number as number;
          for (const { when, role } of moves) {
            if (at === 'end') {
              const answer = await transition(role, ids.created.id, { when });
              expect(answer.response.status).toBe(409);
              continue;
            }
            const step = procedureStep(procedure, at) as ProcedureStep;
            const model = takeTransition(procedure, at, when, role);
            const answer = await transition(role, ids.created.id, bodyOf(step, when, ids));
            if (model.ok) {
              expect(answer.response.status, `${role} ${when} at ${at}`).toBe(200);
              at = model.to;
              expect(answer.data?.ended).toBe(at === 'end');
              if (at !== 'end') expect(answer.data?.step).toBe(at);
            } else {
              expect(answer.response.status, `${role} ${when} at ${at}: ${model.message}`).toBe(
                model.code === 'wrong_role' ? 403 : 409,
              );
            }
          }
        }),
        { seed: 19, numRuns: 100 },
      );
    },
    120_000,
  );
});
