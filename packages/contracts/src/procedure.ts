// biome-ignore-all assist/source/organizeImports: exports are grouped by concern, with a comment per group.
/**
 * @tukar/contracts/procedure — a kabupaten's SOP *Integrasi dan Pertukaran Data* as data: the procedure
 * file format, its loader and checks, the four shipped presets and the walk from step to step.
 *
 * @packageDocumentation
 */

// The procedure file format
export type {
  ProcedureArtefact,
  ProcedureDocument,
  ProcedureRole,
  TransitionCondition,
} from './procedure/procedure-schema';
export {
  PROCEDURE_ARTEFACTS,
  PROCEDURE_ROLES,
  procedureSchema,
  TRANSITION_CONDITIONS,
} from './procedure/procedure-schema';
export type { Procedure, ProcedureStep } from './procedure/procedure';
export type { DurationUnit, StepDuration } from './procedure/duration';
export { parseWaktu } from './procedure/duration';
export { PROCEDURE_JSON_SCHEMA_ID, procedureJsonSchema } from './procedure/procedure-json-schema';

// Loading and checking procedure files
export type { ProcedureLoadOptions } from './procedure/load-procedure';
export { loadProcedure, parseProcedure } from './procedure/load-procedure';
export type {
  ProcedureLoadResult,
  ProcedureProblem,
  ProcedureProblemCode,
} from './procedure/procedure-problem';

// Presets: the four seed SOPs
export type { ProcedurePresetName } from './procedure/procedure-presets';
export {
  isProcedurePreset,
  loadPreset,
  PROCEDURE_PRESETS,
  procedurePresetText,
} from './procedure/procedure-presets';

// Walking the procedure
export type { WalkRefusalCode, WalkResult } from './procedure/procedure-walk';
export { actorTitle, procedureStep, stepRole, takeTransition } from './procedure/procedure-walk';
