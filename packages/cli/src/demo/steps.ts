// The walk of one kabupaten's SOP Integrasi dan Pertukaran Data, step by step as its procedure file
// defines them: each step done through the hub's API by a client in the step's role, with the output the
// step's artefact asks for, made by the real part of Tukar that serves it (demo-work.ts).

import type { HubClient } from '@tukar/client';
import { actorTitle, type Procedure, type ProcedureStep, stepRole } from '@tukar/contracts/procedure';
import type { Schemas } from '@tukar/spec';
import {
  createDemoWork,
  DATASET,
  type DemoArtefacts,
  type DemoWork,
  need,
  OPD_CLIENT,
  type WorkContext,
} from './demo-work';

export { DATASET, type DemoArtefacts } from './demo-work';

/** What {@link runSteps} needs: the work's context and the procedure to walk. */
export interface StepsContext extends WorkContext {
  procedure: Procedure;
}

/**
 * A step that failed: which one, and why.
 *
 * @example
 * ```ts
 * throw new StepFailed(2, 'Hand-over of the integration document', new Error('disk full'));
 * ```
 */
export class StepFailed extends Error {
  override readonly name = 'StepFailed';
  constructor(number: number, name: string, cause: unknown) {
    super(`Langkah ${number} (${name}) failed: ${describe(cause)}`, { cause });
  }
}

interface ErrorDetail {
  path?: string;
  message?: string;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parts = [error.message];
  const extra = error as Error & { code?: unknown; errors?: unknown; problem?: { errors?: unknown } };
  if (extra.code) parts.push(`[${String(extra.code)}]`);
  const details = extra.errors ?? extra.problem?.errors;
  if (Array.isArray(details))
    for (const d of details.slice(0, 5) as ErrorDetail[])
      parts.push(`\n     ${d.path ?? ''} ${d.message ?? JSON.stringify(d)}`);
  return parts.join(' ');
}

type Body = Record<string, unknown> & { when?: Schemas['IntegrationCondition'] };

/** The people of the demo, one client per procedure role (the administrator is the hub's admin key). */
async function registerPeople(
  work: DemoWork,
  kabupaten: string,
): Promise<Record<Schemas['ProcedureRole'], HubClient>> {
  const opd = await work.registerClient(
    OPD_CLIENT,
    'SIMPUS Dinas Kesehatan',
    'Dinas Kesehatan',
    'permohonan',
    {
      name: 'dr. Siti Rahmawati',
      nip: '198001012005012001',
      procedureRole: 'opd-operator',
    },
  );
  const tim = await work.registerClient(
    'ciamis/diskominfo/tim-teknis',
    `Tim Teknis ${kabupaten}`,
    'Diskominfo',
    'tim-teknis',
    {
      name: 'Andi Pratama, S.Kom',
      nip: '198503102010011002',
      procedureRole: 'tim-teknis',
    },
  );
  const pengawas = await work.registerClient(
    'ciamis/diskominfo/pengawas',
    `Pejabat Pengawas ${kabupaten}`,
    'Diskominfo',
    'pengawas',
    {
      name: 'Dewi Lestari, S.T.',
      nip: '197805202003122004',
      procedureRole: 'pengawas',
    },
  );
  return {
    'opd-operator': work.client(opd.apiKey),
    'tim-teknis': work.client(tim.apiKey),
    pengawas: work.client(pengawas.apiKey),
    administrator: work.admin,
  };
}

/** The transition and output for `step`, made by the work its artefact names. */
async function stepBody(
  work: DemoWork,
  step: ProcedureStep,
  visits: number,
  refuseFirst: (body: Body) => Promise<void>,
): Promise<Body> {
  const decides = step.next.some((t) => t.when === 'return');
  const when: Schemas['IntegrationCondition'] = decides ? 'agree' : 'done';
  switch (step.output?.artefact) {
    case 'disposition':
      return { when, disposition: { number: '555/0147/Diskominfo/2026', note: 'Diteruskan ke Tim Teknis' } };
    case 'contract-version':
      return { when, ...(await work.handOver()) };
    case 'agreed-contract-version':
      return await work.evaluateStructure();
    case 'dataset':
      return { when, ...(await work.dataset()) };
    case 'client-account':
      return { when, ...(await work.accounts()) };
    case 'pact-results':
      return { when, ...(await work.pactResults()) };
    case 'receipt':
      return { when, ...(await work.pushed()) };
    case 'attachment':
      return { when, ...(await work.interchange()) };
    case 'validation-report': {
      const { invalid, valid } = await work.validated();
      if (visits === 1) await refuseFirst({ when, reportId: invalid });
      return { when, reportId: valid };
    }
    case 'integration-report':
      await work.integrationReport();
      return { when };
    case 'sign-off':
      await work.dashboard();
      return { when, note: 'Sesuai.' };
    default:
      return { when };
  }
}

/**
 * Walks `procedure` on a running hub from the request to its end and returns the integration's id, the
 * files written and how many steps were taken.
 *
 * @example
 * ```ts
 * const { integrationId, artefacts } = await runSteps({ out, hubUrl, adminKey, outDir, contractFile,
 *   recordCount: 5000, closers, show: (path) => path, procedure: loadPreset('ciamis') });
 * ```
 */
export async function runSteps(
  ctx: StepsContext,
): Promise<{ integrationId: string; artefacts: DemoArtefacts; taken: number }> {
  const { out, procedure } = ctx;
  const { bold, red } = out.colors;
  let integrationId = '';
  const work = await createDemoWork(ctx, () => integrationId);
  const people = await registerPeople(work, procedure.kabupaten);
  const opd = people['opd-operator'];
  const created = await opd.unwrap(
    opd.POST('/v1/integrations', {
      body: {
        title: `Integrasi data Puskesmas SIMPUS ke Satu Data ${procedure.kabupaten}`,
        opd: 'Dinas Kesehatan',
        requester: { name: 'dr. Siti Rahmawati', contact: 'simpus@dinkes.example.go.id' },
        purpose: 'Data puskesmas dan tenaga kesehatan untuk perencanaan (Bappeda) dan Satu Data',
        datasetId: DATASET,
        procedure: procedure.procedure,
      },
    }),
  );
  integrationId = created.id;
  out.say(
    `OPD filed integration request ${bold(created.id)} under ${procedure.procedure}@${procedure.version} (langkah ${created.step}, due ${created.stepDeadline})`,
  );

  const visits = new Map<number, number>();
  let at: Schemas['Integration'] = created;
  let taken = 0;
  while (!at.ended) {
    if (taken > 4 * procedure.steps.length)
      throw new Error(`the walk of ${procedure.procedure} does not end`);
    const step = need(
      procedure.steps.find((s) => s.number === at.step),
      `step ${at.step} of ${procedure.procedure}`,
    );
    const role = stepRole(procedure, step);
    const who = people[role];
    const visit = (visits.get(step.number) ?? 0) + 1;
    visits.set(step.number, visit);
    out.stepHeader(step.number, {
      name: step.name.id,
      nameEn: step.name.en,
      actor: `${actorTitle(procedure, step)} (${role})`,
    });
    try {
      const post = (body: Body) =>
        who.POST('/v1/integrations/{integrationId}/transitions', {
          params: { path: { integrationId } },
          body: body as never,
        });
      const body = await stepBody(work, step, visit, async (refused) => {
        const answer = await post(refused);
        if (!answer.error) throw new Error('the hub accepted an invalid validation report');
        out.say(
          `${red('✖')} report ${String(refused.reportId)} (invalid) refused: ${answer.error.detail ?? answer.error.code}`,
        );
      });
      const answer = await post(body);
      if (answer.error) {
        throw new Error(
          `transition ${body.when} refused (${answer.response.status} ${answer.error.code}): ${answer.error.detail ?? answer.error.title}`,
        );
      }
      at = answer.data;
      out.moved(String(body.when), at);
      taken++;
    } catch (error) {
      throw new StepFailed(step.number, step.name.en, error);
    }
  }
  // Whatever this SOP's steps asked for, the demo leaves every report: Pact results, validation, dashboard.
  await work.pactResults();
  await work.validated();
  await work.dashboard();
  await work.integrationReport();
  return { integrationId, artefacts: work.artefacts as DemoArtefacts, taken };
}
