import type { components } from './schema.generated';

type IntegrationState = components['schemas']['IntegrationState'];
type IntegrationAction = components['schemas']['IntegrationAction'];
/**
 * The body of a transition request (see {@link TransitionOutputField}).
 *
 * @example
 * import { INTEGRATION_TRANSITIONS, type IntegrationTransitionBody } from '@tukar/spec';
 *
 * const body: IntegrationTransitionBody = { action: 'agree', contractVersion: '1.2.0', note: 'Struktur disetujui.' };
 * // Check the step's output before posting it to /v1/integrations/{integrationId}/transitions.
 * const required = INTEGRATION_TRANSITIONS[body.action].requires; // 'contractVersion'
 * if (required !== null && body[required] === undefined) throw new Error(`${body.action} needs ${required}`);
 */
export type IntegrationTransitionBody = components['schemas']['IntegrationTransition'];

/**
 * The field of the transition body an action requires (the step's output), or `null` when none.
 *
 * @example
 * import type { TransitionOutputField } from '@tukar/spec';
 * const field: TransitionOutputField = 'contractVersion';
 */
export type TransitionOutputField = Exclude<keyof IntegrationTransitionBody, 'action' | 'note'> | null;

/**
 * One action of the integration state machine.
 *
 * @example
 * import { INTEGRATION_TRANSITIONS, type IntegrationTransitionRule } from '@tukar/spec';
 * const rule: IntegrationTransitionRule = INTEGRATION_TRANSITIONS.agree;
 */
export interface IntegrationTransitionRule {
  /** States the action is allowed from. */
  readonly from: readonly IntegrationState[];
  /** State the action moves to. */
  readonly to: IntegrationState;
  /** Field of the body the action requires; without it the hub answers 422 `step_output_missing`. */
  readonly requires: TransitionOutputField;
  /** What the required output must be, in words. */
  readonly output: string;
}

/**
 * The actions of the SOP state machine (`POST /v1/integrations/{integrationId}/transitions`): the states
 * each is allowed from, the state it moves to and the output it requires. Any other action from a state
 * answers 409 `invalid_transition`.
 *
 * @example
 * import { INTEGRATION_TRANSITIONS, type IntegrationState } from '@tukar/spec';
 *
 * function allowedActions(state: IntegrationState) {
 *   return Object.entries(INTEGRATION_TRANSITIONS)
 *     .filter(([, rule]) => (rule.from as readonly string[]).includes(state))
 *     .map(([action]) => action);
 * }
 * allowedActions('under-evaluation'); // → ['return', 'agree']
 */
export const INTEGRATION_TRANSITIONS = {
  dispose: {
    from: ['requested'],
    to: 'disposed',
    requires: 'disposition',
    output: 'The disposition letter (disposisi): its number and an optional note.',
  },
  'submit-structure': {
    from: ['disposed', 'returned'],
    to: 'under-evaluation',
    requires: 'contractVersion',
    output: 'The version of the draft contract holding the data structure.',
  },
  return: {
    from: ['under-evaluation'],
    to: 'returned',
    requires: 'reason',
    output: 'Why the structure is returned to the OPD.',
  },
  agree: {
    from: ['under-evaluation'],
    to: 'agreed',
    requires: 'contractVersion',
    output: 'A contract version whose status is agreed.',
  },
  'prepare-api': {
    from: ['agreed'],
    to: 'api-prepared',
    requires: 'datasetId',
    output: 'The dataset prepared on the hub for the agreed contract.',
  },
  'record-tests': {
    from: ['api-prepared'],
    to: 'tested',
    requires: 'attachmentId',
    output: 'An attachment of kind pact-results (the integration unit tests).',
  },
  'deliver-results': {
    from: ['tested'],
    to: 'results-delivered',
    requires: null,
    output: 'None.',
  },
  'start-validation': {
    from: ['results-delivered'],
    to: 'validating',
    requires: null,
    output: 'None.',
  },
  validate: {
    from: ['validating'],
    to: 'validated',
    requires: 'reportId',
    output: 'A validation report whose verdict is valid.',
  },
  display: {
    from: ['validated'],
    to: 'displayed',
    requires: null,
    output: 'None.',
  },
  reopen: {
    from: ['displayed'],
    to: 'under-evaluation',
    requires: 'reason',
    output: 'Why the displayed data does not match (back to SOP step 3).',
  },
  complete: {
    from: ['displayed'],
    to: 'completed',
    requires: null,
    output: 'None; the hub writes the final integration report.',
  },
} as const satisfies Record<IntegrationAction, IntegrationTransitionRule>;
