import { parseWaktu, type StepDuration } from './duration';
import type { ProcedureProblem } from './procedure-problem';
import type { ProcedureDocument } from './procedure-schema';

/**
 * The procedure's own checks, after the structure is right: steps unique, actors declared, transitions
 * lead to known steps and have a sensible shape, every step reachable from the first and able to reach
 * the end, every step with an output and a readable `waktu`. Returns every problem (paths only; the
 * loader adds positions) and the time limits read.
 *
 * @example
 * ```ts
 * const { problems, timeLimits } = checkProcedure(document);
 * if (problems.length === 0) timeLimits.get(3); // { min: 1, max: 1, unit: 'months', text: '1 bulan' }
 * ```
 */
export function checkProcedure(document: ProcedureDocument): {
  problems: ProcedureProblem[];
  timeLimits: Map<number, StepDuration | null>;
} {
  const problems: ProcedureProblem[] = [];
  const timeLimits = new Map<number, StepDuration | null>();
  const byNumber = new Map<number, number>();
  const ids = new Map<string, number>();
  const numbers = document.steps.map((s) => s.number).join(', ');
  document.steps.forEach((step, i) => {
    const at = `/steps/${i}`;
    const label = `Step ${step.number} (${step.id})`;
    const sameNumber = byNumber.get(step.number);
    if (sameNumber !== undefined) {
      problems.push({
        code: 'procedure_duplicate_step',
        message: `${label} has the number of the step at /steps/${sameNumber}.`,
        path: `${at}/number`,
        hint: 'Give every step its own number, as the SOP numbers them.',
      });
    } else byNumber.set(step.number, i);
    const sameId = ids.get(step.id);
    if (sameId !== undefined) {
      problems.push({
        code: 'procedure_duplicate_step',
        message: `${label} has the id of the step at /steps/${sameId}.`,
        path: `${at}/id`,
      });
    } else ids.set(step.id, i);
    if (!Object.hasOwn(document.actors, step.actor)) {
      problems.push({
        code: 'procedure_unknown_actor',
        message: `${label} is done by "${step.actor}", which is not one of actors.`,
        path: `${at}/actor`,
        hint: `One of: ${Object.keys(document.actors).join(', ') || '(no actors declared)'}.`,
      });
    }
    if (step.output === undefined) {
      problems.push({
        code: 'procedure_missing_output',
        message: `${label} has no output: the SOP's mutu baku names what each step produces.`,
        path: at,
        hint: 'Add `output: { name: <as the SOP writes it>, artefact: <what the hub keeps> }`.',
      });
    }
    if (step.waktu === null) timeLimits.set(step.number, null);
    else {
      const parsed = parseWaktu(step.waktu);
      if (parsed.ok) timeLimits.set(step.number, parsed.value);
      else
        problems.push({
          code: 'procedure_bad_duration',
          message: `${label}: ${parsed.message}`,
          path: `${at}/waktu`,
          hint: 'Write e.g. `1 hari`, `3 hari kerja`, `1-3 hari`, `1 bulan`; `null` when the SOP gives none.',
        });
    }
    const conditions = step.next.map((t) => t.when);
    const decision = conditions.includes('agree') || conditions.includes('return');
    const shapeOk = decision
      ? conditions.length === 2 && conditions.includes('agree') && conditions.includes('return')
      : conditions.length === 1;
    if (!shapeOk) {
      problems.push({
        code: 'procedure_bad_transitions',
        message: `${label} goes on when ${conditions.join(', ')}; a step either ends with one \`done\` or decides with one \`agree\` and one \`return\`.`,
        path: `${at}/next`,
      });
    }
    step.next.forEach((t, k) => {
      if (t.to !== 'end' && !document.steps.some((s) => s.number === t.to)) {
        problems.push({
          code: 'procedure_unknown_step',
          message: `${label} goes to step ${t.to} when ${t.when}, and the procedure has no step ${t.to}.`,
          path: `${at}/next/${k}/to`,
          hint: `The steps are ${numbers}; write one of them or \`end\`.`,
        });
      }
    });
  });
  problems.push(...checkReachability(document));
  return { problems, timeLimits };
}

function checkReachability(document: ProcedureDocument): ProcedureProblem[] {
  const steps = document.steps;
  const first = steps[0];
  if (first === undefined) return [];
  const known = new Set(steps.map((s) => s.number));
  const successors = (n: number) =>
    steps
      .filter((s) => s.number === n)
      .flatMap((s) => s.next.map((t) => t.to))
      .filter((to): to is number | 'end' => to === 'end' || known.has(to));
  const reached = new Set<number | 'end'>([first.number]);
  const queue: (number | 'end')[] = [first.number];
  while (queue.length > 0) {
    const n = queue.shift() as number | 'end';
    if (n === 'end') continue;
    for (const to of successors(n)) {
      if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  // Steps that can reach the end: grow backwards from the end until nothing changes.
  const ending = new Set<number>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of steps) {
      if (!ending.has(s.number) && s.next.some((t) => t.to === 'end' || ending.has(t.to))) {
        ending.add(s.number);
        changed = true;
      }
    }
  }
  const problems: ProcedureProblem[] = [];
  steps.forEach((s, i) => {
    if (!reached.has(s.number)) {
      problems.push({
        code: 'procedure_unreachable_step',
        message: `Step ${s.number} (${s.id}) is never reached: no transition from step ${first.number} leads to it.`,
        path: `/steps/${i}`,
        hint: 'Add a transition to it (`to: <number>`), or remove the step.',
      });
    } else if (!ending.has(s.number)) {
      problems.push({
        code: 'procedure_no_end',
        message: `Step ${s.number} (${s.id}) never reaches the end: every path from it loops.`,
        path: `/steps/${i}/next`,
        hint: 'Give the last step `next: [{ when: done, to: end }]`.',
      });
    }
  });
  return problems;
}
