import type { ColumnRule } from '../table-description';
import { type AstNode, columnName, list, literal, node } from './ast';

/** The per-column rules a CHECK expression states, or `undefined` when it is not that simple. */
export type CheckRules = { column: string; rule: ColumnRule }[];

const FLIP: Record<string, string> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=', '=': '=' };
const BOUND: Record<string, ColumnRule['keyword']> = {
  '>=': 'minimum',
  '>': 'exclusiveMinimum',
  '<=': 'maximum',
  '<': 'exclusiveMaximum',
};
const LENGTH_BOUND: Record<string, { keyword: 'minLength' | 'maxLength'; shift: number }> = {
  '>=': { keyword: 'minLength', shift: 0 },
  '>': { keyword: 'minLength', shift: 1 },
  '<=': { keyword: 'maxLength', shift: 0 },
  '<': { keyword: 'maxLength', shift: -1 },
};

function isColumn(n: AstNode | undefined): n is AstNode {
  return n?.type === 'column_ref';
}

/** `char_length(x)` / `length(x)` / `character_length(x)`: the column it measures. */
function lengthOf(n: AstNode | undefined): string | undefined {
  if (n?.type !== 'function') return undefined;
  const names = list(node(n.name)?.name).map((part) => String(node(part)?.value ?? '').toLowerCase());
  if (!['char_length', 'character_length', 'length'].includes(names.join('.'))) return undefined;
  const args = list(node(n.args)?.value);
  const first = node(args[0]);
  return args.length === 1 && isColumn(first) ? columnName(first) : undefined;
}

function literals(values: unknown[], dialect: 'mysql' | 'postgresql'): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  for (const value of values) {
    const v = literal(value, dialect);
    if (typeof v !== 'string' && typeof v !== 'number') return undefined;
    out.push(v);
  }
  return out;
}

/** `x = ANY (ARRAY['a'::text, 'b'::text])`, as PostgreSQL writes an IN list back. */
function anyArray(n: AstNode | undefined): unknown[] | undefined {
  if (n?.type !== 'function') return undefined;
  const names = list(node(n.name)?.name).map((part) => String(node(part)?.value ?? '').toUpperCase());
  if (names.join('.') !== 'ANY') return undefined;
  const array = node(list(node(n.args)?.value)[0]);
  if (array?.type !== 'array') return undefined;
  return list(node(array.expr_list)?.value);
}

/**
 * Reads a CHECK expression as per-column rules: `x IN (…)` / `x = ANY (ARRAY[…])` → enum, comparisons
 * with a number → bounds, `BETWEEN`, `char_length(x) >= n` → length, `x REGEXP '…'` / `x ~ '…'` → pattern,
 * and `AND` of those. Anything else answers `undefined`.
 */
export function checkRules(expression: unknown, dialect: 'mysql' | 'postgresql'): CheckRules | undefined {
  const n = node(expression);
  if (!n) return undefined;
  if (n.type === 'binary_expr') {
    const operator = String(n.operator).toUpperCase();
    const left = node(n.left);
    const right = node(n.right);
    if (operator === 'AND') {
      const a = checkRules(left, dialect);
      const b = checkRules(right, dialect);
      return a && b ? [...a, ...b] : undefined;
    }
    if (operator === 'IN' && isColumn(left) && right?.type === 'expr_list') {
      const values = literals(list(right.value), dialect);
      const column = columnName(left);
      return values && column ? [{ column, rule: { keyword: 'enum', value: values } }] : undefined;
    }
    if (operator === '=' && isColumn(left)) {
      const items = anyArray(right);
      const values = items && literals(items, dialect);
      const column = columnName(left);
      if (values && column) return [{ column, rule: { keyword: 'enum', value: values } }];
    }
    if ((operator === 'REGEXP' || operator === 'RLIKE' || operator === '~') && isColumn(left)) {
      const pattern = literal(right, dialect);
      const column = columnName(left);
      return typeof pattern === 'string' && column
        ? [{ column, rule: { keyword: 'pattern', value: pattern } }]
        : undefined;
    }
    if (operator === 'BETWEEN' && isColumn(left) && right?.type === 'expr_list') {
      const [low, high] = list(right.value).map((v) => literal(v, dialect));
      const column = columnName(left);
      return typeof low === 'number' && typeof high === 'number' && column
        ? [
            { column, rule: { keyword: 'minimum', value: low } },
            { column, rule: { keyword: 'maximum', value: high } },
          ]
        : undefined;
    }
    if (operator in FLIP) {
      const leftValue = literal(left, dialect);
      const [subject, value, op] =
        typeof leftValue === 'number'
          ? [right, leftValue, FLIP[operator] as string]
          : [left, literal(right, dialect), operator];
      if (typeof value !== 'number') return undefined;
      const measured = lengthOf(subject);
      if (measured) {
        const bound = LENGTH_BOUND[op];
        return bound
          ? [{ column: measured, rule: { keyword: bound.keyword, value: value + bound.shift } }]
          : undefined;
      }
      const column = isColumn(subject) ? columnName(subject) : undefined;
      const keyword = BOUND[op];
      if (!column) return undefined;
      if (keyword) return [{ column, rule: { keyword, value } as ColumnRule }];
      return [{ column, rule: { keyword: 'enum', value: [value] } }];
    }
  }
  return undefined;
}

/** `json_valid(x)`: MariaDB's JSON columns are LONGTEXT with this check. */
export function jsonValidColumn(expression: unknown): string | undefined {
  const n = node(expression);
  if (n?.type !== 'function') return undefined;
  const names = list(node(n.name)?.name).map((part) => String(node(part)?.value ?? '').toLowerCase());
  if (names.join('.') !== 'json_valid') return undefined;
  const first = node(list(node(n.args)?.value)[0]);
  return isColumn(first) ? columnName(first) : undefined;
}
