/** Narrow readers over node-sql-parser's untyped AST nodes. */
export type AstNode = Readonly<Record<string, unknown>>;

export function node(value: unknown): AstNode | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as AstNode)
    : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A column name: a string (MySQL) or `{ expr: { value } }` (PostgreSQL). */
export function columnName(ref: unknown): string | undefined {
  const n = node(ref);
  if (!n) return text(ref);
  const column = n.column;
  if (typeof column === 'string') return column;
  const inner = node(node(column)?.expr);
  return text(inner?.value);
}

/** A literal's value: strings unescaped, numbers as numbers, booleans, null. */
export function literal(
  value: unknown,
  dialect: 'mysql' | 'postgresql',
): string | number | boolean | null | undefined {
  const n = node(value);
  if (!n) return undefined;
  switch (n.type) {
    case 'single_quote_string':
    case 'double_quote_string':
    case 'string':
    case 'natural_string':
      return typeof n.value === 'string' ? unescapeSql(n.value, dialect) : undefined;
    case 'number':
      return typeof n.value === 'number'
        ? n.value
        : typeof n.value === 'string'
          ? Number(n.value)
          : undefined;
    case 'bool':
    case 'boolean':
      return n.value === true || n.value === 'TRUE' || n.value === 'true';
    case 'null':
      return null;
    case 'cast':
      return literal(n.expr, dialect);
    case 'unary_expr':
      if (n.operator === '-') {
        const inner = literal(n.expr, dialect);
        return typeof inner === 'number' ? -inner : undefined;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** The parser keeps a literal as written: `''` stays doubled (and MySQL's backslash escapes). */
export function unescapeSql(value: string, dialect: 'mysql' | 'postgresql'): string {
  const doubled = value.replace(/''/g, "'");
  if (dialect === 'postgresql') return doubled.replaceAll('\u0001', '\\');
  return doubled.replace(/\\(.)/g, (_m, c: string) =>
    c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c === '0' ? '\0' : c,
  );
}

/**
 * PostgreSQL strings take a backslash as itself, but node-sql-parser reads `\'` as an escaped quote: hide
 * each backslash inside a quoted string behind U+0001 for the parser ({@link unescapeSql} puts it back).
 */
export function hideBackslashes(sql: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (!quoted && c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
      continue;
    }
    if (c === "'") quoted = !quoted;
    out += quoted && c === '\\' ? '\u0001' : c;
  }
  return out;
}
