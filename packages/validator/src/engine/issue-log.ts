import { type CheckId, RULE_EXAMPLES, type RuleSummary, type ValidationIssue } from '../report';

/** Distinct rules (code at a field) tracked; further ones are counted under one `other` rule. */
const MAX_RULES = 500;

/** `/anggota/3/nik` → `/anggota/*\/nik`: array positions do not make a new rule. */
function rulePath(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, '/*');
}

/**
 * Collects issues: keeps the first `maxErrors` in full, counts every one, per check and per rule
 * (with a few examples per rule), in memory that does not grow with the input.
 *
 * @example
 * ```ts
 * const log = new IssueLog(1000);
 * log.add({ record: 3, path: '/nama', code: 'required', message: 'Field "nama" is required but missing.' }, 'schema');
 * log.total; // 1
 * ```
 */
export class IssueLog {
  readonly details: ValidationIssue[] = [];
  total = 0;
  private readonly byCheck = new Map<CheckId, number>();
  private readonly rules = new Map<string, RuleSummary>();
  private other: RuleSummary | undefined;

  constructor(readonly maxErrors: number) {}

  /** `true` once an issue could not be kept in `details`. */
  get partial(): boolean {
    return this.total > this.details.length;
  }

  /** Adds an issue of `check`. */
  add(issue: ValidationIssue, check: CheckId): void {
    this.total++;
    if (this.details.length < this.maxErrors) this.details.push(issue);
    this.count(issue, check);
  }

  /**
   * Adds an issue found late (a duplicate key, found when its batch of keys is settled) where it belongs
   * by record number among the latest details, so that the list stays in input order.
   */
  addInOrder(issue: ValidationIssue, check: CheckId): void {
    this.total++;
    const details = this.details;
    const record = issue.record ?? Number.POSITIVE_INFINITY;
    let at = details.length;
    while (at > 0) {
      const before = details[at - 1]!.record;
      if (before === undefined || before <= record) break;
      at--;
    }
    if (at < this.maxErrors) {
      details.splice(at, 0, issue);
      if (details.length > this.maxErrors) details.pop();
    }
    this.count(issue, check);
  }

  private count(issue: ValidationIssue, check: CheckId): void {
    this.byCheck.set(check, (this.byCheck.get(check) ?? 0) + 1);
    const path = rulePath(issue.path);
    const id = `${issue.code}\u0000${path}`;
    let rule = this.rules.get(id);
    if (!rule) {
      if (this.rules.size < MAX_RULES) {
        rule = { check, code: issue.code, path, count: 0, examples: [] };
        this.rules.set(id, rule);
      } else {
        this.other ??= { check: 'schema', code: 'other', path: '', count: 0, examples: [] };
        rule = this.other;
      }
    }
    rule.count++;
    if (rule.examples.length < RULE_EXAMPLES) rule.examples.push(issue);
  }

  /** Issues counted for `check`. */
  countOf(check: CheckId): number {
    return this.byCheck.get(check) ?? 0;
  }

  /** Rules, most frequent first (ties: first seen first). */
  ruleSummaries(): RuleSummary[] {
    const list = [...this.rules.values()];
    if (this.other) list.push(this.other);
    return list
      .map((rule, order) => ({ rule, order }))
      .sort((a, b) => b.rule.count - a.rule.count || a.order - b.order)
      .map(({ rule }) => rule);
  }
}
