// Which transition of its procedure an integration takes, and whether the caller may take it.
import {
  actorTitle,
  type Procedure,
  type ProcedureStep,
  procedureStep,
  stepRole,
  takeTransition,
} from '@tukar/contracts/procedure';
import type { Schemas } from '@tukar/spec';
import { HubProblem } from '../hub-problem';
import type { ProcedureRegistry } from '../procedure-registry';
import { procedureRoleOf } from '../procedure-role';
import type { Caller } from '../request-context';
import type { IntegrationRow } from '../store';

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

/**
 * Takes the step's transition the body names (`when`, and `to` where needed) with the procedure's own rule
 * ({@link takeTransition}), and returns where it leads. 409 `invalid_transition` naming the transitions
 * when there is none such or the body must say which; 403 `forbidden` unless the caller acts in the role
 * of the step's actor, the detail naming the step, its actor as the SOP writes it, the role needed and the
 * caller's role. An OPD step is also the requesting OPD's: another OPD's operator may not do it.
 */
export function takeStep(
  procedure: Procedure,
  step: ProcedureStep,
  caller: Caller,
  row: IntegrationRow,
  body: Pick<Schemas['IntegrationTransition'], 'when' | 'to'>,
): number | 'end' {
  const role = procedureRoleOf(caller.client);
  const taken = takeTransition(procedure, step.number, body.when, role, body.to);
  if (taken.ok) {
    requireRequestingOpd(procedure, step, caller, row);
    return taken.to;
  }
  const where = `Integration ${row.id} is at step ${step.number} (${step.id}) of ${procedureName(procedure)}, which goes on when ${step.next.map((t) => `${t.when} (to ${t.to})`).join(' or ')}`;
  switch (taken.code) {
    case 'wrong_role': {
      const wanted = stepRole(procedure, step);
      throw new HubProblem(
        403,
        'forbidden',
        `${stepDoneBy(procedure, step)}; client ${caller.client.id} acts as ${role}.`,
        {
          stepRole: {
            step: step.number,
            name: step.name.id,
            actor: actorTitle(procedure, step),
            requiredRole: wanted,
            callerRole: role,
          },
        },
      );
    }
    case 'ambiguous_transition':
      throw new HubProblem(409, 'invalid_transition', `${where}: say which with "to".`);
    default: {
      const asked = body.to === undefined ? body.when : `${body.when} (to ${body.to})`;
      throw new HubProblem(409, 'invalid_transition', `${where}, not when ${asked}.`);
    }
  }
}

/** `Step 3 (evaluasi: …) of ciamis@1.0.0 is done by Tim Teknis IT, role tim-teknis`. */
function stepDoneBy(procedure: Procedure, step: ProcedureStep): string {
  return `Step ${step.number} (${step.id}: ${step.name.id}) of ${procedureName(procedure)} is done by ${actorTitle(procedure, step)}, role ${stepRole(procedure, step)}`;
}

/** 403 when an OPD step is taken by an operator of another OPD than the requesting one. */
function requireRequestingOpd(
  procedure: Procedure,
  step: ProcedureStep,
  caller: Caller,
  row: IntegrationRow,
): void {
  if (stepRole(procedure, step) !== 'opd-operator') return;
  if (caller.client.id === row.requestedBy || caller.client.opd === row.opd) return;
  throw new HubProblem(
    403,
    'forbidden',
    `${stepDoneBy(procedure, step)} of ${row.opd}, the requesting OPD; client ${caller.client.id} is of ${caller.client.opd}.`,
  );
}
