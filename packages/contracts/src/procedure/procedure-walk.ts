import type { Procedure, ProcedureStep } from './procedure';
import type { ProcedureRole, TransitionCondition } from './procedure-schema';

/**
 * Why {@link takeTransition} refused: the step has no transition on that condition (and target), it has
 * several and the target was not named, or the caller's role is not the role of the step's actor.
 *
 * @example
 * ```ts
 * import type { WalkRefusalCode } from '@tukar/contracts/procedure';
 * const code: WalkRefusalCode = 'wrong_role';
 * ```
 */
export type WalkRefusalCode = 'unknown_step' | 'invalid_transition' | 'ambiguous_transition' | 'wrong_role';

/**
 * The outcome of {@link takeTransition}: the step it leads to (`'end'` when the procedure is over), or
 * why not, in words that name the step and its actor as the SOP does.
 *
 * @example
 * ```ts
 * import { loadPreset, takeTransition, type WalkResult } from '@tukar/contracts/procedure';
 * const result: WalkResult = takeTransition(loadPreset('ciamis'), 8, 'agree', 'opd-operator');
 * if (result.ok) result.to; // 'end'
 * ```
 */
export type WalkResult =
  | { ok: true; to: number | 'end'; step: ProcedureStep }
  | { ok: false; code: WalkRefusalCode; message: string; step?: ProcedureStep };

/**
 * The step of `procedure` numbered `number`, or `undefined`.
 *
 * @example
 * ```ts
 * import { loadPreset, procedureStep } from '@tukar/contracts/procedure';
 * procedureStep(loadPreset('sragen'), 5)?.output?.name; // 'Account'
 * ```
 */
export function procedureStep(procedure: Procedure, number: number): ProcedureStep | undefined {
  return procedure.steps.find((s) => s.number === number);
}

/**
 * The role that carries out `step`: the role of its actor.
 *
 * @example
 * ```ts
 * import { loadPreset, stepRole } from '@tukar/contracts/procedure';
 * const ciamis = loadPreset('ciamis');
 * stepRole(ciamis, ciamis.steps[0]!); // 'administrator' (System Administrator gives the disposition)
 * ```
 */
export function stepRole(procedure: Procedure, step: ProcedureStep): ProcedureRole {
  return procedure.actors[step.actor]?.role as ProcedureRole;
}

/**
 * The title of the actor of `step` as the kabupaten writes it, e.g. `Tim Teknis IT`.
 *
 * @example
 * ```ts
 * import { actorTitle, loadPreset } from '@tukar/contracts/procedure';
 * const nganjuk = loadPreset('nganjuk');
 * actorTitle(nganjuk, nganjuk.steps[2]!); // 'Tim Teknis Data Center'
 * ```
 */
export function actorTitle(procedure: Procedure, step: ProcedureStep): string {
  return procedure.actors[step.actor]?.title ?? step.actor;
}

/**
 * Takes the transition of step `from` on `when` (to `to`, where the step goes on that condition in more
 * than one way), done by someone with `role`: where it leads, or why it is refused (no such transition;
 * several and no `to`; a role other than the step's actor's — separation of duties). The hub walks
 * integrations with this rule.
 *
 * @example
 * ```ts
 * import { loadPreset, takeTransition } from '@tukar/contracts/procedure';
 * const karanganyar = loadPreset('karanganyar');
 * takeTransition(karanganyar, 3, 'return', 'tim-teknis'); // { ok: true, to: 2, … }
 * takeTransition(karanganyar, 3, 'agree', 'opd-operator'); // { ok: false, code: 'wrong_role', … }
 * ```
 */
export function takeTransition(
  procedure: Procedure,
  from: number,
  when: TransitionCondition,
  role: ProcedureRole,
  to?: number | 'end',
): WalkResult {
  const step = procedureStep(procedure, from);
  const name = `${procedure.procedure}@${procedure.version}`;
  if (step === undefined)
    return { ok: false, code: 'unknown_step', message: `Procedure ${name} has no step ${from}.` };
  const matching = step.next.filter((t) => t.when === when && (to === undefined || t.to === to));
  const ways = step.next.map((t) => `${t.when} (to ${t.to})`).join(' or ');
  if (matching.length === 0) {
    const asked = to === undefined ? when : `${when} (to ${to})`;
    return {
      ok: false,
      code: 'invalid_transition',
      step,
      message: `Step ${step.number} (${step.name.id}) of ${name} goes on when ${ways}, not when ${asked}.`,
    };
  }
  if (matching.length > 1) {
    return {
      ok: false,
      code: 'ambiguous_transition',
      step,
      message: `Step ${step.number} (${step.name.id}) of ${name} goes on when ${ways}: say which with "to".`,
    };
  }
  const wanted = stepRole(procedure, step);
  if (role !== wanted) {
    return {
      ok: false,
      code: 'wrong_role',
      step,
      message: `Step ${step.number} (${step.name.id}) of ${name} is done by ${actorTitle(procedure, step)} (role ${wanted}); role ${role} may not do it.`,
    };
  }
  return { ok: true, to: (matching[0] as ProcedureStep['next'][number]).to, step };
}
