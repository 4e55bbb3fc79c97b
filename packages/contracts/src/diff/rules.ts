/**
 * The change rules of the contract diff: a stable id per kind of change, with whom it breaks and the
 * semver bump it demands. The ids are part of the public API (CI output, hub problem details): never
 * rename one, only add.
 */

import type { ChangeBump } from './bump';

/**
 * Who a change breaks. See {@link ContractChange.breaks}.
 *
 * @example
 * ```ts
 * import { type BreakSide, type Contract, diffContracts } from '@tukar/contracts';
 *
 * const whom = (side: BreakSide): string =>
 *   side === 'producers' ? 'sistem OPD yang mengirim data' : 'aplikasi yang membaca data';
 * declare const v1: Contract;
 * declare const v2: Contract;
 * for (const change of diffContracts(v1, v2).changes) {
 *   if (change.breaks.length > 0) console.warn(`${change.message}: merusak ${change.breaks.map(whom).join(' dan ')}`);
 * }
 * ```
 */
export type BreakSide = 'producers' | 'consumers';

/**
 * Metadata of one rule: its default effect and a one-line summary for documentation and reports.
 *
 * @example
 * ```ts
 * import { CHANGE_RULE_IDS, CHANGE_RULES, type RuleInfo } from '@tukar/contracts';
 *
 * // A Markdown table of every rule, for the walidata's guide
 * for (const id of CHANGE_RULE_IDS) {
 *   const info: RuleInfo = CHANGE_RULES[id];
 *   console.log(`| \`${id}\` | ${info.bump} | ${info.breaks.join(', ') || '-'} | ${info.summary} |`);
 * }
 * ```
 */
export interface RuleInfo {
  /** Whom the change breaks in the usual case (a few rules refine this per change, see the docs). */
  readonly breaks: readonly BreakSide[];
  /** The bump when the change breaks no one; any change that breaks someone demands `major`. */
  readonly bump: ChangeBump;
  readonly summary: string;
}

const P = ['producers'] as const;
const C = ['consumers'] as const;
const BOTH = ['producers', 'consumers'] as const;
const NONE = [] as const;

const rule = (breaks: readonly BreakSide[], bump: ChangeBump, summary: string): RuleInfo => ({
  breaks,
  bump: breaks.length > 0 ? 'major' : bump,
  summary,
});

/**
 * Every rule the diff knows, keyed by its stable id.
 *
 * @example
 * ```ts
 * import { CHANGE_RULES } from '@tukar/contracts';
 * CHANGE_RULES['field-removed'].bump; // 'major'
 * CHANGE_RULES['field-added-optional'].breaks; // []
 * ```
 */
export const CHANGE_RULES = {
  'field-added-optional': rule(NONE, 'minor', 'an optional field was added'),
  'field-added-to-open-object': rule(
    P,
    'major',
    'an optional field was added to an object that accepted undeclared properties: values it accepted under that name may now be refused',
  ),
  'field-added-required': rule(P, 'major', 'a required field was added'),
  'field-removed': rule(C, 'major', 'a field was removed'),
  'field-made-required': rule(P, 'major', 'an optional field became required'),
  'field-made-optional': rule(C, 'major', 'a required field became optional'),
  'type-narrowed': rule(P, 'major', 'the type accepts fewer kinds of values'),
  'type-widened': rule(C, 'major', 'the type accepts more kinds of values'),
  'type-changed': rule(BOTH, 'major', 'the type changed to an unrelated one'),
  'nullable-added': rule(C, 'major', 'null is now allowed'),
  'nullable-removed': rule(P, 'major', 'null is no longer allowed'),
  'enum-added': rule(P, 'major', 'the value is now restricted to a list'),
  'enum-removed': rule(C, 'major', 'the list of allowed values was dropped'),
  'enum-value-added': rule(C, 'major', 'a value was added to the list of allowed values'),
  'enum-value-removed': rule(P, 'major', 'a value was removed from the list of allowed values'),
  'const-changed': rule(BOTH, 'major', 'the fixed value (const) was added, removed or changed'),
  'pattern-added': rule(P, 'major', 'a pattern was added'),
  'pattern-removed': rule(C, 'major', 'the pattern was removed'),
  'pattern-changed': rule(BOTH, 'major', 'the pattern changed'),
  'format-added': rule(P, 'major', 'a format was added'),
  'format-removed': rule(C, 'major', 'the format was removed'),
  'format-changed': rule(BOTH, 'major', 'the format changed'),
  'max-length-tightened': rule(P, 'major', 'maxLength added or lowered'),
  'max-length-relaxed': rule(C, 'major', 'maxLength removed or raised'),
  'min-length-tightened': rule(P, 'major', 'minLength added or raised'),
  'min-length-relaxed': rule(C, 'major', 'minLength removed or lowered'),
  'maximum-tightened': rule(P, 'major', 'upper bound (maximum / exclusiveMaximum) added or lowered'),
  'maximum-relaxed': rule(C, 'major', 'upper bound (maximum / exclusiveMaximum) removed or raised'),
  'minimum-tightened': rule(P, 'major', 'lower bound (minimum / exclusiveMinimum) added or raised'),
  'minimum-relaxed': rule(C, 'major', 'lower bound (minimum / exclusiveMinimum) removed or lowered'),
  'max-items-tightened': rule(P, 'major', 'maxItems added or lowered'),
  'max-items-relaxed': rule(C, 'major', 'maxItems removed or raised'),
  'min-items-tightened': rule(P, 'major', 'minItems added or raised'),
  'min-items-relaxed': rule(C, 'major', 'minItems removed or lowered'),
  'multiple-of-changed': rule(BOTH, 'major', 'multipleOf was added, removed or changed'),
  'unique-items-added': rule(P, 'major', 'array items must now be unique'),
  'unique-items-removed': rule(C, 'major', 'array items may now repeat'),
  'additional-properties-restricted': rule(P, 'major', 'fewer undeclared properties are allowed'),
  'additional-properties-allowed': rule(C, 'major', 'more undeclared properties are allowed'),
  'pattern-property-added': rule(
    P,
    'major',
    'a patternProperties entry was added: properties with matching names must match its schema',
  ),
  'pattern-property-removed': rule(
    C,
    'major',
    'a patternProperties entry was removed: properties with matching names fall back to additionalProperties',
  ),
  'composition-changed': rule(
    BOTH,
    'major',
    'anyOf / oneOf / allOf / not / if changed in a way not classified',
  ),
  'constraint-changed': rule(BOTH, 'major', 'a validation keyword the diff cannot classify changed'),
  'description-changed': rule(NONE, 'patch', 'a description changed'),
  'title-changed': rule(NONE, 'patch', 'a title changed'),
  'example-changed': rule(NONE, 'patch', 'examples changed'),
  'annotation-changed': rule(NONE, 'patch', 'an annotation (default, deprecated, $comment, x-*) changed'),
  'pii-marked': rule(NONE, 'minor', 'a field is now marked as personal data (x-pii)'),
  'pii-unmarked': rule(NONE, 'minor', 'a field is no longer marked as personal data (x-pii)'),
  'contract-id-changed': rule(BOTH, 'major', 'the contract id changed: these are different contracts'),
  'primary-key-changed': rule(BOTH, 'major', 'the primary key changed'),
  'classification-raised': rule(NONE, 'minor', 'the classification became stricter'),
  'classification-lowered': rule(NONE, 'minor', 'the classification became more open'),
  'compatibility-mode-changed': rule(NONE, 'minor', 'the compatibility mode changed'),
  'provider-changed': rule(C, 'major', 'how the OPD system serves the data changed'),
  'owner-changed': rule(NONE, 'patch', 'the owner (producing OPD) changed'),
  'steward-changed': rule(NONE, 'patch', 'the steward (walidata) changed'),
  'tags-changed': rule(NONE, 'patch', 'the tags changed'),
  'update-frequency-changed': rule(NONE, 'minor', 'the promised update frequency changed'),
  'status-changed': rule(NONE, 'none', 'the lifecycle status changed (not a content change)'),
} as const satisfies Record<string, RuleInfo>;

/**
 * Stable id of a change rule, e.g. `field-removed`.
 *
 * @example
 * ```ts
 * import { type ChangeRule, type Contract, diffContracts } from '@tukar/contracts';
 *
 * // Changes the walidata must approve by hand, whatever the compatibility mode says
 * const needsReview: readonly ChangeRule[] = ['classification-lowered', 'pii-unmarked', 'primary-key-changed'];
 * declare const v1: Contract;
 * declare const v2: Contract;
 * const review = diffContracts(v1, v2).changes.filter((change) => needsReview.includes(change.rule));
 * ```
 */
export type ChangeRule = keyof typeof CHANGE_RULES;

/**
 * All rule ids, in documentation order.
 *
 * @example
 * ```ts
 * import { CHANGE_RULE_IDS, type ChangeRule } from '@tukar/contracts';
 *
 * // Accept a rule id from the command line only when the diff knows it.
 * const isRule = (text: string): text is ChangeRule => (CHANGE_RULE_IDS as readonly string[]).includes(text);
 * console.log(isRule('type-changed'), isRule('typo')); // true false
 * ```
 */
export const CHANGE_RULE_IDS = Object.keys(CHANGE_RULES) as ChangeRule[];
