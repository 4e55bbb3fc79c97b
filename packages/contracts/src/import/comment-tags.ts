/**
 * Rules SQL cannot state, carried in a column comment so that a table made from a contract's DDL imports
 * back to the same contract: `Kode desa [format: kode-wilayah-desa] [x-pii]`. The DDL exporter writes
 * them; the table importer reads and strips them.
 */

/** The rules found in a comment and the comment without them. */
export interface CommentTags {
  readonly text?: string;
  readonly format?: string;
  readonly pii?: boolean;
  /** The field is always in the record, though the column admits NULL (its value may be null). */
  readonly required?: boolean;
  /** On a table: the record admits no other field (`additionalProperties: false`). */
  readonly closed?: boolean;
  /** A JSON Schema for a JSON column's values. */
  readonly schema?: Record<string, unknown>;
}

const TAG = /\s*\[(format|x-pii|required|additionalProperties)(?::\s*([^\]]*))?\]/g;
const SCHEMA_TAG = '[json-schema: ';

/** Reads `[format: …]`, `[x-pii]` and a last `[json-schema: {…}]` tag from a column comment. */
export function readCommentTags(comment: string | undefined): CommentTags {
  if (comment === undefined) return {};
  let rest = comment;
  let schema: Record<string, unknown> | undefined;
  const at = rest.indexOf(SCHEMA_TAG);
  if (at >= 0 && rest.trimEnd().endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(rest.trimEnd().slice(at + SCHEMA_TAG.length, -1));
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        schema = parsed as Record<string, unknown>;
        rest = rest.slice(0, at);
      }
    } catch {
      // not a tag: keep the text as written
    }
  }
  let format: string | undefined;
  let pii: boolean | undefined;
  let closed: boolean | undefined;
  let required: boolean | undefined;
  const text = rest
    .replace(TAG, (_whole, tag: string, value: string | undefined) => {
      if (tag === 'format' && value) format = value.trim();
      else if (tag === 'additionalProperties') closed = value?.trim() === 'false';
      else if (tag === 'required') required = true;
      else pii = true;
      return '';
    })
    .trim();
  return {
    ...(text === '' ? {} : { text }),
    ...(format ? { format } : {}),
    ...(pii ? { pii } : {}),
    ...(closed ? { closed } : {}),
    ...(required ? { required } : {}),
    ...(schema ? { schema } : {}),
  };
}

/** Writes the tags after a comment's text. */
export function writeCommentTags(tags: CommentTags): string {
  const parts: string[] = [];
  if (tags.text) parts.push(tags.text);
  if (tags.format) parts.push(`[format: ${tags.format}]`);
  if (tags.pii) parts.push('[x-pii]');
  if (tags.required) parts.push('[required]');
  if (tags.closed) parts.push('[additionalProperties: false]');
  if (tags.schema) parts.push(`[json-schema: ${JSON.stringify(tags.schema)}]`);
  return parts.join(' ');
}
