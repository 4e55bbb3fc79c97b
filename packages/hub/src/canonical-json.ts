import { HubProblem } from './hub-problem';
import { MAX_JSON_DEPTH } from './json-depth';

/**
 * The canonical text of `value`, `undefined` where `JSON.stringify` leaves a value out; throws past
 * `levels`. Strings, numbers and booleans are written here rather than by a call per member: a record
 * is mostly those.
 */
function canonicalText(value: unknown, levels: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // JSON writes a number as `Number#toString` does, and NaN and the infinities as null.
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return value === null ? 'null' : containerText(value, levels);
    default:
      return JSON.stringify(value); // undefined, a function or a symbol: undefined; a bigint throws
  }
}

function containerText(value: object, levels: number): string | undefined {
  if (levels === 0) throw tooDeep();
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalText((value as { toJSON(): unknown }).toJSON(), levels);
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      text += canonicalText(value[i], levels - 1) ?? 'null';
    }
    return `${text}]`;
  }
  const keys = Object.keys(value).sort();
  let text = '{';
  for (const key of keys) {
    const member = canonicalText((value as Record<string, unknown>)[key], levels - 1);
    if (member === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${quotedKey(key)}:${member}`;
  }
  return `${text}}`;
}

/** Keys as JSON strings; the short keys a dataset repeats in every record are quoted once. */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_KEPT = 4_096;
const KEPT_KEY_LENGTH = 64;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (key.length <= KEPT_KEY_LENGTH && quotedKeys.size < QUOTED_KEYS_KEPT) quotedKeys.set(key, quoted);
  }
  return quoted;
}

function tooDeep(): HubProblem {
  return new HubProblem(
    400,
    'bad_request',
    `The value nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays; the hub stores and hashes at most ${MAX_JSON_DEPTH}.`,
  );
}

/**
 * JSON text with object keys sorted at every level, so equal values give equal text: records are stored
 * this way (an upsert equal to the stored record is `unchanged`), and audit entries are hashed this way.
 * The text is what `JSON.stringify(value, sortedListOfEveryKey)` gives (members whose value is
 * `undefined` or a function left out, `toJSON` honoured), written in one pass that sorts each object's
 * own keys. A value nesting deeper than `MAX_JSON_DEPTH` (100) levels
 * is refused with a 400 `bad_request` {@link HubProblem} instead of overflowing the stack.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }); // '{"a":[{"c":3,"d":2}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  return canonicalText(value, MAX_JSON_DEPTH) ?? 'null';
}
