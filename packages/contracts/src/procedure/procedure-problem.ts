import type { ContractProblem, ContractProblemCode } from '../contract-problem';
import type { Procedure } from './procedure';

/**
 * Stable codes of {@link ProcedureProblem}: the contract loader's codes for reading the file and its
 * structure, and the procedure's own checks.
 *
 * @example
 * ```ts
 * import type { ProcedureProblemCode } from '@tukar/contracts/procedure';
 * const code: ProcedureProblemCode = 'procedure_unreachable_step';
 * ```
 */
export type ProcedureProblemCode =
  | Extract<
      ContractProblemCode,
      | 'file_not_found'
      | 'file_unreadable'
      | 'file_too_large'
      | 'not_utf8'
      | 'yaml_syntax'
      | 'yaml_warning'
      | 'yaml_alias_limit'
      | 'too_deep'
      | 'missing_field'
      | 'unknown_field'
      | 'invalid_type'
      | 'invalid_value'
    >
  /** Two steps have the same number or the same id. */
  | 'procedure_duplicate_step'
  /** A step's actor is not one of `actors`. */
  | 'procedure_unknown_actor'
  /** A transition goes to a step number the procedure does not have. */
  | 'procedure_unknown_step'
  /** No path from the first step leads to this step. */
  | 'procedure_unreachable_step'
  /** No path from this step leads to the end. */
  | 'procedure_no_end'
  /** A step's transitions are not `done` alone, or one `agree` with one `return`. */
  | 'procedure_bad_transitions'
  /** A step has no `output`. */
  | 'procedure_missing_output'
  /** A step's `waktu` is not a time limit. */
  | 'procedure_bad_duration';

/**
 * One thing wrong with a procedure file, and where (file, line, column, JSON Pointer).
 *
 * @example
 * ```ts
 * import { formatProblem } from '@tukar/contracts';
 * import { parseProcedure, type ProcedureProblem } from '@tukar/contracts/procedure';
 *
 * const loaded = parseProcedure('procedure: ciamis\n', { filename: 'ciamis.yaml' });
 * if (!loaded.ok) for (const p of loaded.problems satisfies ProcedureProblem[]) console.error(formatProblem(p));
 * ```
 */
export type ProcedureProblem = Omit<ContractProblem, 'code'> & { code: ProcedureProblemCode };

/**
 * The outcome of loading a procedure: the procedure, or every problem found.
 *
 * @example
 * ```ts
 * import { type ProcedureLoadResult, parseProcedure, procedurePresetText } from '@tukar/contracts/procedure';
 * const result: ProcedureLoadResult = parseProcedure(procedurePresetText('ciamis'));
 * if (result.ok) console.log(result.procedure.steps.length); // 9
 * ```
 */
export type ProcedureLoadResult =
  | { ok: true; procedure: Procedure; warnings: ProcedureProblem[] }
  | { ok: false; problems: ProcedureProblem[] };
