import type { StepDuration } from './duration';
import type { ProcedureDocument } from './procedure-schema';

/**
 * One step of a loaded procedure: the step as written, with its `waktu` read (`null` when the SOP gives
 * no time limit).
 *
 * @example
 * ```ts
 * import { loadPreset, type ProcedureStep } from '@tukar/contracts/procedure';
 * const step: ProcedureStep = loadPreset('sragen').steps[2]!;
 * step.timeLimit; // { min: 14, max: 14, unit: 'working-days', text: '14 hari' }
 * ```
 */
export type ProcedureStep = ProcedureDocument['steps'][number] & {
  readonly timeLimit: StepDuration | null;
};

/**
 * A checked procedure: every transition leads to a step or the end, every step is reachable and can
 * reach the end, every actor is declared, every step has an output and a readable time limit.
 *
 * @example
 * ```ts
 * import { loadPreset, type Procedure } from '@tukar/contracts/procedure';
 * const procedure: Procedure = loadPreset('ciamis');
 * `${procedure.procedure}@${procedure.version}`; // 'ciamis@1.0.0'
 * ```
 */
export type Procedure = Omit<ProcedureDocument, 'steps'> & { readonly steps: readonly ProcedureStep[] };
