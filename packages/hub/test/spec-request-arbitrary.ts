// Requests generated from the @tukar/spec document for the spec-driven fuzz test: every operation, with
// valid, random and hostile path parameters, query parameters, headers, bodies, content types and keys.
import { openApiDocument, SPEC_OPERATIONS, type SpecOperation } from '@tukar/spec/operations';
import fc from 'fast-check';
import {
  anyString,
  deepValue,
  HOSTILE_HEADERS,
  headerText,
  hugeBody,
  mutate,
  noSurrogates,
  stringifyWithDeep,
} from './fuzz-values';

/** One generated request, in a form a person can read back from a failure message. */
export interface FuzzRequest {
  /** The operation it was generated for (`getDataset`), or `wrong method` / `unknown path`. */
  label: string;
  method: string;
  /** Path and query, already encoded, e.g. `/v1/datasets/dinkes.puskesmas?limit=0`. */
  target: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** The credentials and ids the generated requests may use (those of the hub under test). */
export interface FuzzWorld {
  adminKey: string;
  clientKey: string;
  /** Known-good values per path parameter name (`datasetId`, `key`, …). */
  pathValues: Record<string, string[]>;
  /** API keys a sign-in form may carry. */
  loginKeys: string[];
  /** Bodies the hub accepts, per operation, used before the spec's examples (which name other ids). */
  bodies: Partial<Record<SpecOperation['id'], unknown[]>>;
  /** A pre-session cookie (`tukar_csrf=…`) and the CSRF token bound to it. */
  csrf: { cookie: string; token: string };
  /** The hub's origin (`http://127.0.0.1:PORT`), for `Origin` headers. */
  origin: string;
}

interface ExampleRef {
  $ref?: string;
  value?: unknown;
}

const doc = openApiDocument as unknown as {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { examples?: Record<string, ExampleRef> }> } }>
  >;
  components: { examples: Record<string, { value: unknown }> };
};

/** The request-body examples of an operation in the spec, resolved. */
function bodyExamples(op: SpecOperation): unknown[] {
  const content = doc.paths[op.path]?.[op.method.toLowerCase()]?.requestBody?.content ?? {};
  return Object.values(content).flatMap((media) =>
    Object.values(media.examples ?? {}).map((example) =>
      example.$ref ? doc.components.examples[example.$ref.split('/').pop() as string]?.value : example.value,
    ),
  );
}

/** The parts of a request the generator varies; each request spoils a few of them and keeps the rest good. */
const PARTS = [
  'path',
  'query',
  'auth',
  'requestId',
  'idempotencyKey',
  'contentType',
  'body',
  'cookie',
  'site',
] as const;
type Part = (typeof PARTS)[number];

/** Which parts to spoil: none for a fifth of the requests, mostly one or two. */
const spoiled: fc.Arbitrary<ReadonlySet<Part>> = fc
  .oneof(
    { arbitrary: fc.constant<Part[]>([]), weight: 1 },
    { arbitrary: fc.constantFrom(...PARTS).map((part) => [part]), weight: 3 },
    { arbitrary: fc.subarray([...PARTS], { minLength: 2, maxLength: 4 }), weight: 1 },
  )
  .map((parts) => new Set(parts));

/** The good value of a part when it is kept, the hostile one when it is spoiled. */
const either = <T>(spoil: boolean, good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => (spoil ? bad : good);

function formBody(op: SpecOperation, world: FuzzWorld, spoil: boolean): fc.Arbitrary<string> {
  const apiKey = fc.constantFrom(...world.loginKeys);
  const csrf = fc.constant(world.csrf.token);
  const good: fc.Arbitrary<Record<string, string>> =
    op.id === 'postDashboardLogin' ? fc.record({ apiKey, csrf }) : fc.record({ csrf });
  const bad: fc.Arbitrary<Record<string, string>> = fc.record(
    { apiKey: fc.oneof(apiKey, anyString), csrf: fc.oneof(csrf, anyString), extra: anyString },
    { requiredKeys: [] },
  );
  const form = either(spoil, good, bad).map((fields) => new URLSearchParams(fields).toString());
  return spoil
    ? fc.oneof({ arbitrary: form, weight: 8 }, { arbitrary: fc.constant(undefined).map(hugeBody), weight: 1 })
    : form;
}

/** A JSON body: a good one as is, or (spoiled) one changed at any depth, random, huge, deep or not JSON. */
function jsonBody(op: SpecOperation, world: FuzzWorld, spoil: boolean): fc.Arbitrary<string> {
  const goods = world.bodies[op.id] ?? bodyExamples(op);
  const good = goods.length > 0 ? fc.constantFrom(...goods) : fc.constant<unknown>({});
  if (!spoil) return good.map((value) => JSON.stringify(value));
  return fc.oneof(
    { arbitrary: good.chain(mutate).map(stringifyWithDeep), weight: 8 },
    { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)), weight: 1 },
    { arbitrary: anyString, weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(1000, 100_000), fc.constantFrom<'array' | 'object'>('array', 'object'))
        .map(([depth, kind]) => deepValue(depth, kind)),
      weight: 1,
    },
    { arbitrary: fc.constant(undefined).map(hugeBody), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        JSON.stringify({ upsert: Array.from({ length: 5001 }, (_, i) => ({ i })) }),
        JSON.stringify({ upsert: [{ kode_puskesmas: 'x'.repeat(200_000) }] }),
        '{"a":1,"a":2}',
        '\ufeff{}',
        '',
        '{"__proto__":{"polluted":true}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
      ),
      weight: 1,
    },
  );
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/problem+json',
  'application/json; charset=utf-16',
  '',
];

function pathValue(name: string, world: FuzzWorld, spoil: boolean): fc.Arbitrary<string> {
  const known = world.pathValues[name] ?? [];
  const good = known.length > 0 ? fc.constantFrom(...known) : anyString;
  return fc
    .tuple(
      spoil ? fc.oneof(anyString, good) : good,
      fc.constantFrom<'encoded' | 'raw'>(...(spoil ? (['encoded', 'raw'] as const) : (['encoded'] as const))),
    )
    .map(([value, how]) =>
      how === 'encoded'
        ? encodeURIComponent(noSurrogates(value))
        : // Raw: what a careless client sends. Only what would change the URL's shape is encoded.
          value.replace(/[/?#]/g, (c) => encodeURIComponent(c)),
    );
}

const GOOD_QUERY: Record<string, string[]> = {
  limit: ['1', '2', '100'],
  since: ['0', '1', '3'],
  cursor: [],
  status: ['agreed', 'draft'],
  step: ['1', '3'],
  opd: ['Dinas Kesehatan'],
  datasetId: ['dinkes.puskesmas'],
  integrationId: [],
  clientId: ['ciamis/dinkes/simpus'],
};

function queryArb(op: SpecOperation, spoil: boolean): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const one = (name: string) => {
    const goods = GOOD_QUERY[name] ?? [];
    const good = goods.length > 0 ? fc.constantFrom(...goods) : fc.constant(undefined);
    const bad = fc.oneof(
      fc.constantFrom('1001', '0', '-5', '5001', '1.5', 'x', '', '9007199254740993'),
      anyString,
    );
    return fc
      .option(spoil ? fc.oneof(good, bad) : good, { nil: undefined, freq: 2 })
      .map((value) => (value === undefined ? [] : [[name, value] as [string, string]]));
  };
  return fc
    .tuple(
      fc.tuple(...params.map((p) => one(p.name))),
      spoil ? fc.option(fc.tuple(anyString, anyString), { nil: undefined, freq: 2 }) : fc.constant(undefined),
    )
    .map(([parts, extra]) => {
      const pairs = parts.flat();
      if (extra) pairs.push(extra);
      if (spoil && pairs[0]) pairs.push(pairs[0]); // a repeated parameter
      const query = new URLSearchParams(pairs.map(([k, v]) => [noSurrogates(k), noSurrogates(v)])).toString();
      return query === '' ? '' : `?${query}`;
    });
}

function authArb(world: FuzzWorld, spoil: boolean): fc.Arbitrary<string | undefined> {
  const good = fc.constantFrom(`Bearer ${world.adminKey}`, `Bearer ${world.clientKey}`);
  const bad = fc.oneof(
    fc.constant(undefined),
    fc.constant(`Bearer tk_${'Z'.repeat(43)}`),
    headerText.map((text) => `Bearer ${text}`),
    headerText,
    fc.constantFrom('Basic YWRtaW46YWRtaW4=', 'Bearer', 'bearer  ', `Bearer ${world.adminKey}x`),
  );
  return either(spoil, good, bad);
}

const hostileHeader = fc.oneof(fc.constantFrom(...HOSTILE_HEADERS), headerText);

/** A request to one operation of the spec, some of its parts spoiled. */
export function requestFor(op: SpecOperation, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const pathNames = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  const form = (op.requestBody?.mediaTypes ?? []).includes('application/x-www-form-urlencoded');
  return spoiled.chain((spoil) =>
    fc
      .record({
        path: fc.tuple(...pathNames.map((name) => pathValue(name, world, spoil.has('path')))),
        query: queryArb(op, spoil.has('query')),
        authorization: authArb(world, spoil.has('auth')),
        requestId: either(
          spoil.has('requestId'),
          fc.option(fc.constantFrom('simpus-sync-0001', 'a.b:c_d-1'), { nil: undefined }),
          hostileHeader,
        ),
        idempotencyKey: either(
          spoil.has('idempotencyKey'),
          fc.uuid(),
          fc.option(hostileHeader, { nil: undefined }),
        ),
        contentType: either(
          spoil.has('contentType'),
          fc.constant((op.requestBody?.mediaTypes ?? [])[0]),
          fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }),
        ),
        body:
          (op.requestBody?.mediaTypes ?? []).length === 0
            ? fc.constant(undefined)
            : (form ? formBody : jsonBody)(op, world, spoil.has('body')),
        cookie: either(
          spoil.has('cookie'),
          fc.constantFrom(undefined, world.csrf.cookie),
          fc.oneof(
            fc.constantFrom(
              'tukar_csrf=0123456789abcdef0123456789abcdef',
              `${world.csrf.cookie}; tukar_session=x.y`,
              'tukar_session=x.y',
              'tukar_session=',
              'tukar_session=eyJ9.abc',
              'a=b; tukar_session=..',
            ),
            headerText.map((text) => `tukar_session=${text.replace(/;/g, '')}`),
          ),
        ),
        origin: either(
          spoil.has('site'),
          fc.constantFrom(undefined, world.origin),
          fc.constantFrom(undefined, 'null', 'https://evil.example', 'not a url'),
        ),
        fetchSite: either(
          spoil.has('site'),
          fc.constantFrom(undefined, 'same-origin'),
          fc.constantFrom(undefined, 'cross-site', 'same-site', 'none'),
        ),
      })
      .map(
        ({
          path,
          query,
          authorization,
          requestId,
          idempotencyKey,
          contentType,
          body,
          cookie,
          origin,
          fetchSite,
        }) => {
          let i = 0;
          const target = op.path.replace(/\{[^}]+\}/g, () => path[i++] ?? '') + query;
          const headers: Record<string, string> = {};
          const set = (name: string, value: string | undefined) => {
            if (value !== undefined && value !== '') headers[name] = value;
          };
          set('authorization', authorization);
          set('x-request-id', requestId);
          set('idempotency-key', idempotencyKey);
          set('content-type', contentType);
          set('cookie', cookie);
          set('origin', origin);
          set('sec-fetch-site', fetchSite);
          // Node's HTTP server answers 431 itself, before the hub sees the request, when the headers pass
          // 16 KiB (its maxHeaderSize; the spec's description says so): keep the total under that.
          const total = Object.values(headers).reduce((sum, value) => sum + value.length, target.length);
          if (total > 12_000)
            for (const name of Object.keys(headers)) headers[name] = headers[name]?.slice(0, 2000) ?? '';
          return { label: op.id, method: op.method, target, headers, body };
        },
      ),
  );
}

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'];
const UNKNOWN_PATHS = [
  '/',
  '/v1',
  '/v2/health',
  '/v1/nothing-here',
  '/dashboard/x',
  '/v1/datasets/a/records/b/c',
];

/** A request to a path of the spec with a method the path may not have (405, or another operation). */
function wrongMethod(world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(fc.constantFrom(...SPEC_OPERATIONS), fc.constantFrom(...METHODS)).chain(([op, method]) =>
    requestFor(op, world).map((request) => ({
      ...request,
      label: 'wrong method',
      method,
      body: method === 'GET' ? undefined : request.body,
    })),
  );
}

/** A request to a path the spec does not have (404). */
function unknownPath(): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(fc.constantFrom(...UNKNOWN_PATHS), fc.constantFrom(...METHODS)).map(([target, method]) => ({
    label: 'unknown path',
    method,
    target,
    headers: {},
    body: undefined,
  }));
}

/** A request to any operation of the spec; a few to a wrong method or an unknown path. */
export function anyRequest(world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    ...SPEC_OPERATIONS.map((op) => ({ arbitrary: requestFor(op, world), weight: 10 })),
    { arbitrary: wrongMethod(world), weight: 10 },
    { arbitrary: unknownPath(), weight: 3 },
  );
}

/** The request as a person reads it in a failure message (long values cut). */
export function describeRequest(request: FuzzRequest): string {
  const cut = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}… (${text.length} chars)` : text);
  const headers = Object.entries(request.headers)
    .map(([name, value]) => `  ${name}: ${cut(JSON.stringify(value))}`)
    .join('\n');
  const body = request.body === undefined ? '' : `\n  body: ${cut(JSON.stringify(request.body))}`;
  return `${request.method} ${cut(request.target)} (${request.label})\n${headers}${body}`;
}
