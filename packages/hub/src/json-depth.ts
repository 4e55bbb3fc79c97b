import { HUB_LIMITS } from '@tukar/spec';
import { HubProblem } from './hub-problem';

/**
 * How deep a request body may nest: the body's own object counts as level 1, so a pushed record (in
 * `{"upsert":[record]}`) may nest 98 levels. Everything the hub does with user data afterwards (canonical
 * JSON, validation, issue messages, PII masking) recurses at most this deep.
 */
export const MAX_JSON_DEPTH: number = HUB_LIMITS.maxJsonDepth;

/**
 * `true` when `value` (an object or array with `levels` levels left, itself included) nests deeper; the
 * tokens from the too deep value up to `value` are pushed on `path`. Recursion stops at `levels`, so its
 * depth is bounded by the limit, never by the input.
 */
function nestsDeeper(value: object, levels: number, path: string[]): boolean {
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (child !== null && typeof child === 'object' && nestsDeeper(child, levels - 1, path)) {
        path.push(String(i));
        return true;
      }
    }
    return false;
  }
  for (const key in value) {
    const child: unknown = (value as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object' && nestsDeeper(child, levels - 1, path)) {
      path.push(key);
      return true;
    }
  }
  return false;
}

/**
 * The JSON Pointer of the first value nested deeper than `maxDepth` levels (the outermost object or array
 * is level 1), or `undefined` when `value` nests no deeper. Recurses at most `maxDepth + 1` calls deep
 * whatever the input (a value of JSON.parse, whose objects have only own properties); stops at the first
 * value too deep.
 *
 * @example
 * ```ts
 * tooDeepAt({ a: [{ b: {} }] }, 3); // '/a/0/b'
 * tooDeepAt({ a: [{ b: {} }] }, 4); // undefined
 * ```
 */
export function tooDeepAt(value: unknown, maxDepth: number): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const path: string[] = [];
  if (!nestsDeeper(value, Math.max(0, maxDepth), path)) return undefined;
  return path
    .reverse()
    .map((token) => `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}

/**
 * Refuses (400 `bad_request`) a parsed request body that nests deeper than {@link MAX_JSON_DEPTH}. The
 * message names only the first two steps of the path (`/upsert/0`: which record), not the field names
 * below them, which an open field lets the sender choose (a name could be personal data).
 */
export function refuseDeepJson(body: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const at = tooDeepAt(body, maxDepth);
  if (at === undefined) return;
  const head = at.split('/').slice(0, 3).join('/');
  throw new HubProblem(
    400,
    'bad_request',
    `The request body nests deeper than ${maxDepth} levels (inside ${head || 'the body'}); the hub accepts at most ${maxDepth} levels of objects and arrays, the body itself included. Nothing was written; flatten the data.`,
  );
}
