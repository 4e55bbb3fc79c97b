import type { ChangeBump } from './bump';
import type { BreakSide, ChangeRule } from './rules';
import { CHANGE_RULES } from './rules';

/**
 * One classified difference between two versions of a contract.
 *
 * - `breaks` has `producers` when a record valid under the previous contract can be refused by the next
 *   (the next is stricter: OPD systems writing records the old way get refused);
 * - it has `consumers` when a record valid under the next contract can be invalid under the previous one
 *   (the next is looser: readers coded against the old contract receive what they did not expect), or
 *   when readers of the OPD endpoint must change (provider path, records, pagination).
 *
 * @example
 * ```ts
 * const change: ContractChange = {
 *   rule: 'max-length-tightened',
 *   path: '/properties/nama',
 *   message: '`nama`: maxLength lowered from 120 to 80',
 *   breaks: ['producers'],
 *   bump: 'major',
 *   before: 120,
 *   after: 80,
 * };
 * ```
 */
export interface ContractChange {
  /** Stable rule id, see `CHANGE_RULES`. */
  rule: ChangeRule;
  /**
   * JSON pointer to the changed subschema inside the record schema (`''` is the record itself, e.g.
   * `/properties/alamat/properties/kode_pos`), or to the contract field (`/primaryKey`, `/provider/path`).
   */
  path: string;
  /** What changed, from what to what, for a person. */
  message: string;
  breaks: BreakSide[];
  /** `major` when it breaks anyone, else the rule's bump. */
  bump: ChangeBump;
  before?: unknown;
  after?: unknown;
}

const SIDES: readonly BreakSide[] = ['producers', 'consumers'];

/** Options to {@link makeChange}. */
export interface ChangeDetails {
  before?: unknown;
  after?: unknown;
  /** Overrides the rule's default `breaks` for this occurrence. */
  breaks?: readonly BreakSide[];
  /** The bump when this occurrence breaks no one (default: the rule's, `minor` for a major rule). */
  bump?: ChangeBump;
}

/**
 * Builds a change for a rule, deriving `bump` from whom it breaks.
 *
 * @example
 * ```ts
 * makeChange('title-changed', '/title', 'title changed', { before: 'A', after: 'B' }).bump; // 'patch'
 * ```
 */
export function makeChange(
  rule: ChangeRule,
  path: string,
  message: string,
  details: ChangeDetails = {},
): ContractChange {
  const info = CHANGE_RULES[rule];
  const sides = details.breaks ?? info.breaks;
  const breaks = SIDES.filter((side) => sides.includes(side));
  const baseBump: ChangeBump = details.bump ?? (info.bump === 'major' ? 'minor' : info.bump);
  const change: ContractChange = {
    rule,
    path,
    message,
    breaks,
    bump: breaks.length > 0 ? 'major' : baseBump,
  };
  if ('before' in details) change.before = details.before;
  if ('after' in details) change.after = details.after;
  return change;
}
