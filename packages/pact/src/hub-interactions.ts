import { MatchersV3, type PactV4, type V3RegexMatcher } from '@pact-foundation/pact';
import type { Contract } from '@tukar/contracts';
import { formatPattern } from './format-patterns';
import { AUTHORIZATION_REGEX, PACT_EXAMPLE_API_KEY } from './hub-pact';
import { HUB_STATES } from './hub-states';
import { matchersFromSchema, type PactMatcher, type PactTemplate } from './matchers-from-schema';
import { PactError } from './pact-error';
import type { InteractionWithResponse, UnconfiguredInteraction } from './pact-types';
import { isObject } from './schema-walk';

/**
 * The parts of a contract the interaction helpers read.
 *
 * @example
 * ```ts
 * import { type InteractionContract, hubPact, readRecordsInteraction } from '@tukar/pact';
 *
 * // A contract written in the test itself instead of loaded from contracts/:
 * const contract: InteractionContract = {
 *   contract: 'dinkes.puskesmas',
 *   version: '1.2.0',
 *   schema: { type: 'object', required: ['kode_puskesmas'], properties: { kode_puskesmas: { type: 'string', pattern: '^P[0-9]{10}$' } } },
 *   examples: [{ kode_puskesmas: 'P3207010101' }],
 * };
 * readRecordsInteraction(hubPact({ consumer: 'ciamis-dinkes-simpus' }), { contract });
 * ```
 */
export type InteractionContract = Pick<Contract, 'contract' | 'version' | 'schema'> & {
  examples?: Array<Record<string, unknown>>;
};

/**
 * Options every interaction helper takes.
 *
 * @example
 * ```ts
 * import { loadContract } from '@tukar/contracts';
 * import { type HubInteractionOptions, hubPact, pushRecordsInteraction } from '@tukar/pact';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (!loaded.ok) throw new Error('the contract does not load');
 * const options: HubInteractionOptions = {
 *   contract: loaded.contract,
 *   clientId: 'ciamis/dinkes/simpus',
 *   description: 'a batch of puskesmas from SIMPUS Ciamis',
 * };
 * const interaction = pushRecordsInteraction(hubPact({ consumer: 'ciamis-dinkes-simpus' }), options);
 * ```
 */
export interface HubInteractionOptions<R extends object = Record<string, unknown>> {
  /** The agreed contract of the dataset (from `loadContract`). */
  contract: InteractionContract;
  /**
   * One record as your system has it; default: the contract's first example. With a record type from
   * `tukar types` (`pushRecordsInteraction<DinkesPuskesmasRecord>(…)`) it is checked by the compiler.
   */
  example?: R;
  /** Your system's client id on the hub, e.g. `ciamis/dinkes/simpus`; adds the `client has a grant` state. */
  clientId?: string;
  /** What the interaction is about, in the pact; each helper has a default. */
  description?: string;
}

/**
 * Options of {@link readRecordsInteraction}.
 *
 * @example
 * ```ts
 * import { type ReadRecordsInteractionOptions, hubPact, readRecordsInteraction } from '@tukar/pact';
 *
 * // A first page of 2 records with a cursor to the next one.
 * const options: ReadRecordsInteractionOptions = { contract, clientId: 'ciamis/dinkes/simpus', limit: 2, hasMore: true };
 * const interaction = readRecordsInteraction(hubPact({ consumer: 'ciamis-dinkes-simpus' }), options);
 * ```
 */
export interface ReadRecordsInteractionOptions<R extends object = Record<string, unknown>>
  extends HubInteractionOptions<R> {
  /** Page size the client asks for (default 100, the client's default). */
  limit?: number;
  /** `true`: a page with a `nextCursor` (the dataset has more than `limit` records); default `false`: the last page. */
  hasMore?: boolean;
  /** Records the dataset holds in the provider state (default: the contract's examples). */
  records?: R[];
}

/**
 * Options of {@link readChangesInteraction}.
 *
 * @example
 * ```ts
 * import { type ReadChangesInteractionOptions, hubPact, readChangesInteraction } from '@tukar/pact';
 *
 * // The client resumes after the last change it applied (seq 120).
 * const options: ReadChangesInteractionOptions = { contract, clientId: 'ciamis/dinkes/simpus', since: 120 };
 * const interaction = readChangesInteraction(hubPact({ consumer: 'ciamis-dinkes-simpus' }), options);
 * ```
 */
export interface ReadChangesInteractionOptions<R extends object = Record<string, unknown>>
  extends HubInteractionOptions<R> {
  /** `since` the client sends (default 0, from the beginning). */
  since?: number;
  /** Page size the client asks for (default 500, the client's default). */
  limit?: number;
  /** Records the dataset holds in the provider state (default: the contract's examples). */
  records?: R[];
}

const JSON_CONTENT_TYPE = MatchersV3.regex('^application/json(?:;.*)?$', 'application/json');
const DATE_TIME = formatPattern('date-time')!;
const DIGITS = '^[0-9]+$';

/**
 * The `Authorization` header of a hub request as a matcher: any hub API key (`Bearer tk_…`). A verifier
 * sends a real key instead.
 *
 * @example
 * ```ts
 * import { authorizationHeader, hubPact } from '@tukar/pact';
 *
 * const pact = hubPact({ consumer: 'ciamis-dinkes-simpus' });
 * pact
 *   .addInteraction()
 *   .uponReceiving('a request for the caller')
 *   .withRequest('GET', '/v1/meta/whoami', (b) => b.headers(authorizationHeader()));
 * ```
 */
export function authorizationHeader(): { Authorization: V3RegexMatcher } {
  return { Authorization: MatchersV3.regex(AUTHORIZATION_REGEX, `Bearer ${PACT_EXAMPLE_API_KEY}`) };
}

/**
 * "Push a batch": `POST /v1/datasets/{id}/records` with an `Idempotency-Key` and a body of one or more
 * records like `example`, answered 200 with the counts. Provider states: `dataset exists` and, with
 * `clientId`, `client has a grant` (write). Run it with `hub.pushRecords(datasetId, records)` where every
 * record has the example's fields.
 *
 * @example
 * ```ts
 * import { hubPact, pushRecordsInteraction, withHubClient } from '@tukar/pact';
 *
 * // `contract`: loadContract(…).contract; `rows`: records as your system makes them.
 * const pact = hubPact({ consumer: 'ciamis-dinkes-simpus' });
 * await pushRecordsInteraction(pact, { contract, clientId: 'ciamis/dinkes/simpus', example: rows[0] })
 *   .executeTest(withHubClient((hub) => hub.pushRecords('dinkes.puskesmas', rows)));
 * ```
 */
export function pushRecordsInteraction<R extends object = Record<string, unknown>>(
  pact: PactV4,
  options: HubInteractionOptions<R>,
): InteractionWithResponse {
  const { datasetId, record, contract } = prepare('pushRecordsInteraction', options, 'example');
  return withClientState(
    pact.addInteraction().given(HUB_STATES.datasetExists, { datasetId, contractVersion: contract.version }),
    options.clientId,
    datasetId,
    'write',
  )
    .uponReceiving(options.description ?? `a batch of ${datasetId} records to upsert`)
    .withRequest('POST', `/v1/datasets/${encodeURIComponent(datasetId)}/records`, (builder) =>
      builder
        .headers({
          ...authorizationHeader(),
          'Idempotency-Key': MatchersV3.regex(
            '^[A-Za-z0-9._:-]{8,128}$',
            '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
          ),
          'Content-Type': 'application/json',
        })
        .jsonBody({ upsert: { 'pact:matcher:type': 'type', min: 1, value: [record] } }),
    )
    .willRespondWith(200, (builder) =>
      builder.headers({ 'Content-Type': JSON_CONTENT_TYPE }).jsonBody({
        created: integer(1),
        updated: integer(0),
        unchanged: integer(0),
        deleted: integer(0),
        seq: integer(1),
        replayed: { 'pact:matcher:type': 'boolean', value: false },
      }),
    );
}

/**
 * "Read a page": `GET /v1/datasets/{id}/records?limit=…` answered with records like the contract's
 * (matched on their required fields) and, with `hasMore`, a `nextCursor`; otherwise `nextCursor: null`
 * (the last page). Provider states: `dataset has records` and, with `clientId`, `client has a grant` (read).
 *
 * @example
 * ```ts
 * import { hubPact, readRecordsInteraction, withHubClient } from '@tukar/pact';
 *
 * const pact = hubPact({ consumer: 'ciamis-dinkes-simpus' });
 * const rows: Array<Record<string, unknown>> = [];
 * await readRecordsInteraction(pact, { contract }) // contract: loadContract(…).contract
 *   .executeTest(withHubClient(async (hub) => {
 *     for await (const stored of hub.listRecords('dinkes.puskesmas')) rows.push(stored.record);
 *   }));
 * ```
 */
export function readRecordsInteraction<R extends object = Record<string, unknown>>(
  pact: PactV4,
  options: ReadRecordsInteractionOptions<R>,
): InteractionWithResponse {
  const { datasetId, record, records } = prepare('readRecordsInteraction', options, 'required');
  const limit = checkCount('readRecordsInteraction', 'limit', options.limit ?? 100, 1000);
  const hasMore = options.hasMore ?? false;
  return withClientState(
    pact.addInteraction().given(HUB_STATES.datasetHasRecords, recordsState(datasetId, records)),
    options.clientId,
    datasetId,
    'read',
  )
    .uponReceiving(
      options.description ?? `a request for ${hasMore ? 'a' : 'the last'} page of ${datasetId} records`,
    )
    .withRequest('GET', `/v1/datasets/${encodeURIComponent(datasetId)}/records`, (builder) =>
      builder.headers(authorizationHeader()).query({ limit: MatchersV3.regex(DIGITS, String(limit)) }),
    )
    .willRespondWith(200, (builder) =>
      builder.headers({ 'Content-Type': JSON_CONTENT_TYPE }).jsonBody({
        items: {
          'pact:matcher:type': 'type',
          min: 1,
          value: [
            {
              key: { 'pact:matcher:type': 'type', value: 'P3207010101' },
              seq: integer(1),
              updatedAt: dateTime(),
              record,
            },
          ],
        },
        nextCursor: hasMore
          ? { 'pact:matcher:type': 'type', value: 'eyJrIjoiUDMyMDcwMTAxMDEifQ' }
          : { 'pact:matcher:type': 'null', value: null },
      }),
    );
}

/**
 * "Read the changes": `GET /v1/datasets/{id}/changes?since=…&limit=…` answered with upserts of records
 * like the contract's (matched on their required fields), `nextSince` and `hasMore: false`. Provider
 * states: `dataset has records` and, with `clientId`, `client has a grant` (read).
 *
 * @example
 * ```ts
 * import type { Change } from '@tukar/spec';
 * import { hubPact, readChangesInteraction, withHubClient } from '@tukar/pact';
 *
 * const pact = hubPact({ consumer: 'ciamis-dinkes-simpus' });
 * const changes: Change[] = [];
 * await readChangesInteraction(pact, { contract }) // contract: loadContract(…).contract
 *   .executeTest(withHubClient(async (hub) => {
 *     for await (const change of hub.pullChanges('dinkes.puskesmas')) changes.push(change);
 *   }));
 * ```
 */
export function readChangesInteraction<R extends object = Record<string, unknown>>(
  pact: PactV4,
  options: ReadChangesInteractionOptions<R>,
): InteractionWithResponse {
  const { datasetId, record, records } = prepare('readChangesInteraction', options, 'required');
  const since = checkCount('readChangesInteraction', 'since', options.since ?? 0, Number.MAX_SAFE_INTEGER, 0);
  const limit = checkCount('readChangesInteraction', 'limit', options.limit ?? 500, 5000);
  return withClientState(
    pact.addInteraction().given(HUB_STATES.datasetHasRecords, recordsState(datasetId, records)),
    options.clientId,
    datasetId,
    'read',
  )
    .uponReceiving(options.description ?? `a request for the changes of ${datasetId}`)
    .withRequest('GET', `/v1/datasets/${encodeURIComponent(datasetId)}/changes`, (builder) =>
      builder.headers(authorizationHeader()).query({
        since: MatchersV3.regex(DIGITS, String(since)),
        limit: MatchersV3.regex(DIGITS, String(limit)),
      }),
    )
    .willRespondWith(200, (builder) =>
      builder.headers({ 'Content-Type': JSON_CONTENT_TYPE }).jsonBody({
        items: {
          'pact:matcher:type': 'type',
          min: 1,
          value: [
            {
              seq: integer(since + 1),
              op: { 'pact:matcher:type': 'regex', regex: '^(?:upsert|delete)$', value: 'upsert' },
              key: { 'pact:matcher:type': 'type', value: 'P3207010101' },
              at: dateTime(),
              record,
            },
          ],
        },
        nextSince: integer(since + 1),
        hasMore: { 'pact:matcher:type': 'boolean', value: false },
      }),
    );
}

function integer(value: number): PactMatcher {
  return { 'pact:matcher:type': 'integer', value };
}

function dateTime(): PactMatcher {
  return { 'pact:matcher:type': 'regex', regex: DATE_TIME.regex, value: '2025-03-10T08:00:00.000Z' };
}

function recordsState(datasetId: string, records: Array<Record<string, unknown>> | undefined): JsonMap {
  return (records ? { datasetId, records } : { datasetId }) as JsonMap;
}

/** A provider state's parameters as PactV4's `given` types them. */
type JsonMap = Parameters<UnconfiguredInteraction['given']>[1] & object;

function withClientState(
  interaction: UnconfiguredInteraction,
  clientId: string | undefined,
  datasetId: string,
  access: 'read' | 'write',
): UnconfiguredInteraction {
  if (clientId === undefined) return interaction;
  return interaction.given(HUB_STATES.clientHasGrant, { clientId, datasetId, access: [access] });
}

const CLIENT_ID = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*){0,3}$/;

function prepare<R extends object>(
  helper: string,
  options: HubInteractionOptions<R> & { records?: R[] },
  properties: 'example' | 'required',
): {
  datasetId: string;
  record: PactTemplate;
  records: Array<Record<string, unknown>> | undefined;
  contract: InteractionContract;
} {
  if (!isObject(options)) throw new PactError('invalid_option', `${helper}: pass { contract, … }`);
  const contract = options.contract as InteractionContract | undefined;
  if (!isObject(contract) || typeof contract.contract !== 'string' || !isObject(contract.schema)) {
    throw new PactError(
      'invalid_option',
      `${helper}: options.contract must be a loaded contract (loadContract(…).contract), with contract, version and schema`,
    );
  }
  if (
    options.clientId !== undefined &&
    (typeof options.clientId !== 'string' || !CLIENT_ID.test(options.clientId))
  ) {
    throw new PactError(
      'invalid_option',
      `${helper}: options.clientId must be a hub client id like "ciamis/dinkes/simpus", got ${JSON.stringify(options.clientId)}`,
    );
  }
  if (
    options.records !== undefined &&
    (!Array.isArray(options.records) || !options.records.every(isObject))
  ) {
    throw new PactError('invalid_option', `${helper}: options.records must be an array of record objects`);
  }
  if (options.example !== undefined && !isObject(options.example)) {
    throw new PactError('invalid_option', `${helper}: options.example must be one record object`);
  }
  // The record type is for the compiler; at run time records are plain objects.
  const example = (options.example ?? options.records?.[0] ?? contract.examples?.[0]) as
    | Record<string, unknown>
    | undefined;
  let record: PactTemplate;
  try {
    record = matchersFromSchema(contract.schema, example, { properties });
  } catch (error) {
    if (error instanceof PactError) {
      throw new PactError(error.code, `${helper} (${contract.contract}): ${error.message}`, { cause: error });
    }
    throw error;
  }
  const records = options.records as Array<Record<string, unknown>> | undefined;
  return { datasetId: contract.contract, record, records, contract };
}

function checkCount(helper: string, name: string, value: number, max: number, min = 1): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new PactError(
      'invalid_option',
      `${helper}: options.${name} must be an integer from ${min} to ${max}, got ${String(value)}`,
    );
  }
  return value;
}
