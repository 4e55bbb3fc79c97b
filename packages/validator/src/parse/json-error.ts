/**
 * The reason `JSON.parse` gave, without the excerpt of the input V8 quotes (`…, "{"nik":"32070…" is not
 * valid JSON`): the excerpt could hold personal data, and reports must not.
 *
 * @example
 * ```ts
 * jsonErrorReason(new SyntaxError('Unexpected token \'x\', "{"nik":"3207x"}" is not valid JSON'));
 * // "Unexpected token 'x'"
 * ```
 */
export function jsonErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const withoutExcerpt = message.replace(/,\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '');
  return withoutExcerpt.length > 200 ? `${withoutExcerpt.slice(0, 197)}…` : withoutExcerpt;
}
