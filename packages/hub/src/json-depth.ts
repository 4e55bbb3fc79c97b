import { HubProblem } from './hub-problem';

/**
 * How deep a request body may nest: the body's own object counts as level 1, so a pushed record (in
 * `{"upsert":[record]}`) may nest 98 levels. Everything the hub does with user data afterwards (canonical
 * JSON, validation, issue messages, PII masking) recurses at most this deep.
 */
export const MAX_JSON_DEPTH = 100;

interface Frame {
  readonly value: object;
  /** The object's own keys; `null` for an array. */
  readonly keys: string[] | null;
  next: number;
}

function frameOf(value: object): Frame {
  return { value, keys: Array.isArray(value) ? null : Object.keys(value), next: 0 };
}

/**
 * The JSON Pointer of the first value nested deeper than `maxDepth` levels (the outermost object or array
 * is level 1), or `undefined` when `value` nests no deeper. Walks without recursion, so any depth is safe;
 * stops at the first value too deep.
 *
 * @example
 * ```ts
 * tooDeepAt({ a: [{ b: {} }] }, 3); // '/a/0/b'
 * tooDeepAt({ a: [{ b: {} }] }, 4); // undefined
 * ```
 */
export function tooDeepAt(value: unknown, maxDepth: number): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (maxDepth < 1) return '';
  const frames: Frame[] = [frameOf(value)];
  while (frames.length > 0) {
    const top = frames[frames.length - 1] as Frame;
    const size = top.keys === null ? (top.value as unknown[]).length : top.keys.length;
    if (top.next >= size) {
      frames.pop();
      continue;
    }
    const index = top.next++;
    const child =
      top.keys === null
        ? (top.value as unknown[])[index]
        : (top.value as Record<string, unknown>)[top.keys[index] as string];
    if (child === null || typeof child !== 'object') continue;
    if (frames.length >= maxDepth) return pointerOf(frames);
    frames.push(frameOf(child));
  }
  return undefined;
}

function pointerOf(frames: readonly Frame[]): string {
  let pointer = '';
  for (const frame of frames) {
    const index = frame.next - 1;
    const token = frame.keys === null ? String(index) : (frame.keys[index] as string);
    pointer += `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  }
  return pointer;
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
