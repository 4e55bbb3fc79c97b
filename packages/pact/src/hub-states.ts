/**
 * The provider states a hub pact may name, and what `verifyHub` does for each through the hub's admin
 * API (never through test-only endpoints). The states work in the run's own scope: a contract or dataset
 * `dinkes.puskesmas` is set up as `pact-<run>.dinkes.puskesmas`, a client `ciamis/dinkes/simpus` as
 * `pact-<run>-<n>-ciamis/dinkes/simpus` (a new one per interaction), and the requests and answers are
 * translated, so the pacts keep their own names and the hub's real data is never changed. Every state
 * sets up what it needs before it (a dataset's contract is published first).
 *
 * | name | parameters | set up by |
 * |---|---|---|
 * | `contract is agreed` | `contractId`, `version?` | the hub's version (read) or the one from `contracts`, published agreed under the scoped id |
 * | `dataset exists` | `datasetId`, `contractVersion?` | the state above, then `PUT /v1/datasets/{scoped id}` |
 * | `dataset has records` | `datasetId`, `records?` | the state above, then `POST …/records` with `records` (default: the contract's `examples`); provides `lastSeq`, `firstKey`, `count` |
 * | `record does not exist` | `datasetId`, `key` | `dataset exists`, then `DELETE …/records/{key}` |
 * | `client has a grant` | `clientId`, `datasetId`, `access` (`["read"]`, `["write"]`, both) | a scoped client of the interaction with a key, and the access added to its grant; the interaction's request is then sent with this key |
 * | `the API key is not known` | — | nothing: the request keeps the pact's (unknown) key, so the hub must answer 401 |
 *
 * Without `client has a grant`, a request that carries an `Authorization` header is sent with the key of
 * the run's client `pact/verifier` that has no grants (it can read `publik` datasets and nothing else).
 * Every key the states issued is revoked when the run ends.
 *
 * @example
 * ```ts
 * import { HUB_STATES, hubPact } from '@tukar/pact';
 *
 * const pact = hubPact({ consumer: 'ciamis-dinkes-simpus' });
 * pact
 *   .addInteraction()
 *   .given(HUB_STATES.datasetHasRecords, { datasetId: 'dinkes.puskesmas' })
 *   .given(HUB_STATES.clientHasGrant, { clientId: 'ciamis/dinkes/simpus', datasetId: 'dinkes.puskesmas', access: ['read'] });
 * ```
 */
export const HUB_STATES = {
  contractAgreed: 'contract is agreed',
  datasetExists: 'dataset exists',
  datasetHasRecords: 'dataset has records',
  recordAbsent: 'record does not exist',
  clientHasGrant: 'client has a grant',
  apiKeyUnknown: 'the API key is not known',
} as const;

/**
 * A provider state name of {@link HUB_STATES}.
 *
 * @example
 * ```ts
 * import { HUB_STATES, type HubStateName, loadPacts, pactInteractions } from '@tukar/pact';
 *
 * const known = new Set<string>(Object.values(HUB_STATES));
 * const isHubState = (name: string): name is HubStateName => known.has(name);
 * for (const { source, document } of await loadPacts(['pacts'])) {
 *   const unknown = pactInteractions(document).flatMap((i) => i.states).filter((s) => !isHubState(s.name));
 *   for (const state of unknown) console.warn(`${source}: the hub has no provider state "${state.name}"`);
 * }
 * ```
 */
export type HubStateName = (typeof HUB_STATES)[keyof typeof HUB_STATES];

/**
 * Parameters of each state of {@link HUB_STATES}, by state name.
 *
 * @example
 * ```ts
 * import { HUB_STATES, type HubStateParams, hubPact } from '@tukar/pact';
 *
 * const grant: HubStateParams['client has a grant'] = {
 *   clientId: 'ciamis/dinkes/simpus',
 *   datasetId: 'dinkes.puskesmas',
 *   access: ['read', 'write'],
 * };
 * hubPact({ consumer: 'ciamis-dinkes-simpus' }).addInteraction().given(HUB_STATES.clientHasGrant, grant);
 * ```
 */
export interface HubStateParams {
  'contract is agreed': { contractId: string; version?: string };
  'dataset exists': { datasetId: string; contractVersion?: string };
  'dataset has records': { datasetId: string; records?: Array<Record<string, unknown>> };
  'record does not exist': { datasetId: string; key: string };
  'client has a grant': { clientId: string; datasetId: string; access: Array<'read' | 'write'> };
  'the API key is not known': Record<string, never>;
}

/** The client `verifyHub` sends requests as when no `client has a grant` state names one (scoped per run). */
export const VERIFIER_CLIENT_ID = 'pact/verifier';
