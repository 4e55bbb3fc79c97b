// Which transition of its procedure an integration takes, and whether the caller may take it.
import {
  actorTitle,
  type Procedure,
  type ProcedureStep,
  procedureStep,
  stepRole,
} from '@tukar/contracts/procedure';
import type { Schemas } from '@tukar/spec';
import { HubProblem } from '../hub-problem';
import type { ProcedureRegistry } from '../procedure-registry';
import { procedureRoleOf } from '../procedure-role';
import type { Caller } from '../request-context';
import type { IntegrationRow } from '../store';

type Transition = ProcedureStep['next'][number];

/** `ciamis@1.0.0`. */
export const procedureName = (procedure: Pick<Procedure, 'procedure' | 'version'>): string =>
  `${procedure.procedure}@${procedure.version}`;

/** The pinned procedure and the integration's current step in it; 409 when the hub cannot walk it. */
export function currentStepOf(
  procedures: ProcedureRegistry,
  row: IntegrationRow,
): { procedure: Procedure; step: ProcedureStep } {
  const pinned = `${row.procedureId}@${row.procedureVersion}`;
  const procedure = procedures.pinned(row.procedureId, row.procedureVersion);
  if (procedure === undefined) {
    throw new HubProblem(
      409,
      'invalid_transition',
      `Integration ${row.id} follows ${pinned}, which this hub does not load (it runs ${procedures.loaded.join(', ')}); load that version (tukar-hub --procedure FILE) to walk it on.`,
    );
  }
  if (row.ended)
    throw new HubProblem(
      409,
      'invalid_transition',
      `Integration ${row.id} has ended (${pinned}); no step is left to take.`,
    );
  const step = procedureStep(procedure, row.step);
  if (step === undefined)
    throw new HubProblem(
      409,
      'invalid_transition',
      `Integration ${row.id} is at step ${row.step}, which ${pinned} does not have.`,
    );
  return { procedure, step };
}

const describe = (t: Transition): string => `${t.when} (to ${t.to})`;

/** The step's transition the body names (`when`, and `to` where needed); 409 `invalid_transition` naming them all. */
export function chooseTransition(
  procedure: Procedure,
  step: ProcedureStep,
  row: IntegrationRow,
  body: Pick<Schemas['IntegrationTransition'], 'when' | 'to'>,
): Transition {
  const matching = step.next.filter(
    (t) => t.when === body.when && (body.to === undefined || t.to === body.to),
  );
  const where = `Integration ${row.id} is at step ${step.number} (${step.id}) of ${procedureName(procedure)}, which goes on when ${step.next.map(describe).join(' or ')}`;
  if (matching.length === 0) {
    const asked = body.to === undefined ? body.when : `${body.when} (to ${body.to})`;
    throw new HubProblem(409, 'invalid_transition', `${where}, not when ${asked}.`);
  }
  if (matching.length > 1) throw new HubProblem(409, 'invalid_transition', `${where}: say which with "to".`);
  return matching[0]!;
}

/**
 * 403 `forbidden` unless the caller acts in the role of the step's actor; the detail names the step, its
 * actor as the SOP writes it, the role needed and the caller's role. An OPD step is also the requesting
 * OPD's: another OPD's operator may not do it.
 */
export function requireStepRole(
  procedure: Procedure,
  step: ProcedureStep,
  caller: Caller,
  row: IntegrationRow,
): void {
  const wanted = stepRole(procedure, step);
  const role = procedureRoleOf(caller.client);
  const what = `Step ${step.number} (${step.id}: ${step.name.id}) of ${procedureName(procedure)} is done by ${actorTitle(procedure, step)}, role ${wanted}`;
  if (role !== wanted) {
    throw new HubProblem(403, 'forbidden', `${what}; client ${caller.client.id} acts as ${role}.`, {
      stepRole: {
        step: step.number,
        name: step.name.id,
        actor: actorTitle(procedure, step),
        requiredRole: wanted,
        callerRole: role,
      },
    });
  }
  if (wanted === 'opd-operator' && caller.client.id !== row.requestedBy && caller.client.opd !== row.opd) {
    throw new HubProblem(
      403,
      'forbidden',
      `${what} of ${row.opd}, the requesting OPD; client ${caller.client.id} is of ${caller.client.opd}.`,
    );
  }
}
