// Every path through a procedure, from step 1 to the end, for tests that walk them all on a hub.
import type { Procedure, ProcedureStep } from '@tukar/contracts/procedure';

/** One transition taken on a path: from which step, on which condition, to where. */
export interface PathMove {
  from: number;
  when: ProcedureStep['next'][number]['when'];
  to: number | 'end';
}

/** A readable name of a path: `1→2 3-return→2 …`. */
export const pathName = (path: readonly PathMove[]): string =>
  path.map((m) => (m.when === 'done' ? `${m.from}` : `${m.from}-${m.when}`)).join('→') + '→end';

/**
 * Every path from the first step to the end, taking each return transition at most `loops` times on a
 * path (so every return branch is walked and every loop is bounded).
 */
export function procedurePaths(procedure: Procedure, loops = 1): PathMove[][] {
  const byNumber = new Map(procedure.steps.map((s) => [s.number, s]));
  const paths: PathMove[][] = [];
  const walk = (at: number, path: PathMove[], returns: Map<string, number>) => {
    const step = byNumber.get(at);
    if (step === undefined) throw new Error(`${procedure.procedure} has no step ${at}`);
    for (const t of step.next) {
      const key = `${at}-${t.when}-${t.to}`;
      const used = returns.get(key) ?? 0;
      if (t.when === 'return' && used >= loops) continue;
      const move: PathMove = { from: at, when: t.when, to: t.to };
      const next = [...path, move];
      if (t.to === 'end') {
        paths.push(next);
        continue;
      }
      walk(t.to, next, t.when === 'return' ? new Map(returns).set(key, used + 1) : returns);
    }
  };
  const first = procedure.steps[0];
  if (first === undefined) throw new Error(`${procedure.procedure} has no steps`);
  walk(first.number, [], new Map());
  return paths;
}
