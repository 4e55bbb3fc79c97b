// Values the spec-driven fuzzer sends: hostile strings and header values, JSON nested past any
// sensible depth, bodies over the size limit, and edits of a good JSON value at any depth.
import { HUB_LIMITS } from '@tukar/spec';
import fc from 'fast-check';

/** Strings that broke or could break parsers, routers, loggers and HTML. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '..',
  '.',
  '%',
  '%2F',
  '%zz',
  '%E0%A4%A',
  '%00',
  '\u0000',
  '\u202e',
  '\ud800',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; drop table records; --",
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell probe, sent as is
  '${jndi:ldap://127.0.0.1/a}',
  '../../etc/passwd',
  '|[]^`\\{}',
  'a'.repeat(129),
  'x'.repeat(5000),
  '3207010101000001',
  '-1',
  '0',
  '1e309',
  'NaN',
  '9007199254740993',
  'true',
  'null',
  '[]',
  '{}',
  '🙂',
  'ß\u0301',
  'tk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
];

/** Header values fetch can send: visible ASCII and Latin-1 letters, no CR/LF/NUL. */
export const headerText = fc
  .array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.constantFrom(0xa0, 0xe9, 0xff, 0x80, 0x09)), {
    maxLength: 200,
  })
  .map((codes) => String.fromCharCode(...codes).trim());

export const HOSTILE_HEADERS = [
  'a b<script>',
  'x'.repeat(129),
  'x'.repeat(8000),
  '../../',
  '%00',
  'é',
  'ok-id.0001:2',
  'simpus-20250310-batch-0001',
  'short',
];

export const anyString = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
);

/** A JSON value nested `depth` levels (arrays or objects), built without recursion. */
export function deepValue(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A stand-in for a deeply nested value, swapped in after `JSON.stringify` (which would overflow on it). */
const DEEP = (depth: number, kind: 'array' | 'object') => `\u0000deep:${kind}:${depth}`;
const deepMarker = fc
  .tuple(fc.constantFrom(64, 1000, 5000, 100_000), fc.constantFrom<'array' | 'object'>('array', 'object'))
  .map(([depth, kind]) => DEEP(depth, kind));

/** `JSON.stringify`, with each deep stand-in replaced by its nested value. */
export function stringifyWithDeep(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/"\\u0000deep:(array|object):(\d+)"/g, (_, kind, depth) =>
    deepValue(Number(depth), kind as 'array' | 'object'),
  );
}

type Path = Array<string | number>;
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every place in a JSON value (the root excluded): object members and array items. */
function placesIn(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : isObject(value)
      ? Object.entries(value)
      : [];
  for (const [key, item] of entries) {
    out.push([...at, key]);
    placesIn(item, [...at, key], out);
  }
  return out;
}

/** A copy of `value` with one change at `path`: replace it, remove it, or add a member to the object there. */
function edit(
  value: unknown,
  path: Path,
  change: { set: unknown } | { remove: true } | { add: string; set: unknown },
): unknown {
  const [head, ...rest] = path;
  if (head === undefined)
    return 'add' in change && isObject(value) ? { ...value, [change.add]: change.set } : value;
  if (rest.length > 0 || 'add' in change) {
    if (Array.isArray(value)) return value.map((item, i) => (i === head ? edit(item, rest, change) : item));
    return isObject(value) ? { ...value, [head]: edit(value[head], rest, change) } : value;
  }
  if (Array.isArray(value))
    return 'remove' in change
      ? value.filter((_, i) => i !== head)
      : value.map((item, i) => (i === head ? change.set : item));
  if (!isObject(value)) return value;
  if ('remove' in change) return Object.fromEntries(Object.entries(value).filter(([key]) => key !== head));
  return { ...value, [head]: change.set };
}

const replacement = fc.oneof(
  { arbitrary: deepMarker, weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: anyString, weight: 2 },
  { arbitrary: fc.constantFrom<unknown>(null, -1, 0, 1e308, 2 ** 53 + 2, '', [], {}), weight: 1 },
);

/** The value with one place, at any depth, replaced or removed, or one object in it given a new member. */
export function mutate(value: unknown): fc.Arbitrary<unknown> {
  const places = placesIn(value);
  const objects = [[] as Path, ...places].filter((path) =>
    isObject(path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], value)),
  );
  if (places.length === 0) return fc.constant(value);
  return fc.oneof(
    { arbitrary: fc.constant(value), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...places), replacement)
        .map(([path, set]) => edit(value, path, { set })),
      weight: 4,
    },
    { arbitrary: fc.constantFrom(...places).map((path) => edit(value, path, { remove: true })), weight: 2 },
    {
      arbitrary:
        objects.length === 0
          ? fc.constant(value)
          : fc
              .tuple(fc.constantFrom(...objects), anyString, replacement)
              .map(([path, add, set]) => edit(value, path, { add, set })),
      weight: 2,
    },
  );
}

let huge: string | undefined;
/** A body one byte over the hub's body limit (made once). */
export const hugeBody = () => {
  huge ??= `{"x":"${'a'.repeat(HUB_LIMITS.maxBodyBytes - 7)}"}`;
  return huge;
};

export const noSurrogates = (text: string) => text.replace(/[\ud800-\udfff]/g, '\ufffd');
