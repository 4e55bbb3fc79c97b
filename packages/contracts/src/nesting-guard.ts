const TOKEN_START = new Set([' ', '\t', '\n', ',', '[', '{', ':', '-', '?']);

/** Deepest nesting the loader accepts (flow brackets, block levels, and the parsed document). */
export const MAX_NESTING = 64;

/**
 * Scans YAML/JSON text for nesting deeper than `limit` before parsing, so a hostile document
 * (`[[[[…` a million deep) is refused in linear time instead of exhausting the parser. Returns the offset
 * where the limit is crossed, or -1.
 *
 * Flow nesting (`[`, `{`) is counted outside quoted strings and comments; block nesting is bounded by
 * indentation plus compact `- ` markers on a line, with generous room (`limit * 8` columns).
 *
 * @example
 * ```ts
 * nestingOverflowOffset('['.repeat(100), 64); // 64
 * ```
 */
export function nestingOverflowOffset(text: string, limit = MAX_NESTING): number {
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let comment = false;
  let lineStart = true;
  let lineDepth = 0;
  const blockLimit = limit * 8;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\n') {
      comment = false;
      lineStart = true;
      lineDepth = 0;
      if (quote === "'" && flow === 0) quote = undefined;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (lineStart) {
      if (c === ' ' || (c === '-' && (text[i + 1] === ' ' || text[i + 1] === '\n'))) {
        if (++lineDepth > blockLimit) return i;
        continue;
      }
      lineStart = false;
    }
    const prev = i === 0 ? '\n' : (text[i - 1] as string);
    if (c === '#' && (prev === ' ' || prev === '\t' || prev === '\n')) comment = true;
    else if ((c === '"' || c === "'") && TOKEN_START.has(prev)) quote = c;
    else if (c === '[' || c === '{') {
      // Inside a flow collection every bracket is structure; in block context only one after whitespace is.
      if (flow > 0 || prev === ' ' || prev === '\t' || prev === '\n') {
        if (++flow > limit) return i;
      }
    } else if ((c === ']' || c === '}') && flow > 0) flow--;
  }
  return -1;
}

/**
 * Depth of a parsed JSON value (a scalar is 0, `[]` is 1), computed without recursion; stops counting
 * past `limit` and returns the path where it went deeper.
 *
 * @example
 * ```ts
 * valueDepth({ a: [{ b: 1 }] }, 64); // { depth: 3 }
 * ```
 */
export function valueDepth(value: unknown, limit = MAX_NESTING): { depth: number; deepest?: string[] } {
  let max = 0;
  const stack: Array<{ node: unknown; path: string[] }> = [{ node: value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: string[] };
    if (node === null || typeof node !== 'object') continue;
    const depth = path.length + 1;
    if (depth > limit) return { depth, deepest: path };
    if (depth > max) max = depth;
    for (const [key, inner] of Object.entries(node)) stack.push({ node: inner, path: [...path, key] });
  }
  return { depth: max };
}
