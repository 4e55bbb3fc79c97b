// Characters XML 1.0 does not allow at all, even escaped (controls other than tab, newline and carriage
// return, lone surrogates, U+FFFE and U+FFFF).
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text safe in XML content and in double-quoted attribute values: `&`, `<`, `>` and `"` escaped, and
 * the characters XML 1.0 cannot carry replaced by `invalid` (default U+FFFD; `''` drops them).
 *
 * @example
 * ```ts
 * import { escapeXml } from '@tukar/contracts/markup';
 *
 * escapeXml('a\u0007b & <c> "d"'); // 'a\uFFFDb &amp; &lt;c&gt; &quot;d&quot;'
 * escapeXml('bell\u0007', ''); // 'bell'
 * ```
 */
export function escapeXml(text: string, invalid = '\uFFFD'): string {
  return text
    .replace(INVALID_XML, invalid)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * Text safe in HTML element content and attribute values (single- or double-quoted); `null` and
 * `undefined` are the empty string.
 *
 * @example
 * ```ts
 * import { escapeHtml } from '@tukar/contracts/markup';
 *
 * escapeHtml('<script>alert("x")</script>'); // '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
 * ```
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
