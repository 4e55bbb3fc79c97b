// biome-ignore-all assist/source/organizeImports: exports are grouped by concern, with a comment per group.
/**
 * @tukar/pact — consumer-driven contract tests (Pact) for the Tukar exchange hub and the OPD systems
 * around it: a PactV4 preconfigured for the hub, matchers made from data contracts, helpers for the
 * common interactions and documented provider states (consumer side); verification of a hub with state
 * handlers that use its admin API in a run-scoped copy, verification of an OPD endpoint against a pact made from its
 * contract, and a check of pacts against the hub's OpenAPI document without running the hub.
 *
 * @packageDocumentation
 */

// Consumer side: the hub as provider
export {
  DEFAULT_PACT_DIR,
  HUB_PROVIDER_NAME,
  hubPact,
  PACT_EXAMPLE_API_KEY,
  withHubClient,
} from './hub-pact';
export type { HubPactOptions, PactLogLevel } from './hub-pact';
export {
  authorizationHeader,
  pushRecordsInteraction,
  readChangesInteraction,
  readRecordsInteraction,
} from './hub-interactions';
export type {
  HubInteractionOptions,
  InteractionContract,
  ReadChangesInteractionOptions,
  ReadRecordsInteractionOptions,
} from './hub-interactions';
export { HUB_STATES } from './hub-states';
/**
 * Pact's V3 matchers (`MatchersV3` of `@pact-foundation/pact`), re-exported so custom interactions use
 * the same Pact as the helpers.
 *
 * @example
 * ```ts
 * import { authorizationHeader, hubPact, MatchersV3, withHubClient } from '@tukar/pact';
 *
 * await hubPact({ consumer: 'ciamis-dinkes-simpus' })
 *   .addInteraction()
 *   .uponReceiving('a request for the caller')
 *   .withRequest('GET', '/v1/meta/whoami', (b) => b.headers(authorizationHeader()))
 *   .willRespondWith(200, (b) =>
 *     b.jsonBody({ clientId: MatchersV3.string('ciamis/dinkes/simpus'), grants: MatchersV3.eachLike({ datasetId: 'dinkes.puskesmas' }) }),
 *   )
 *   .executeTest(withHubClient((hub) => hub.unwrap(hub.GET('/v1/meta/whoami'))));
 * ```
 */
export { MatchersV3 } from '@pact-foundation/pact';
/**
 * Pact's `PactV4` class of `@pact-foundation/pact`, re-exported so custom interactions use the same
 * Pact as the helpers. {@link hubPact} makes one set up for the hub.
 *
 * @example
 * ```ts
 * import { authorizationHeader, hubPact, type PactV4 } from '@tukar/pact';
 *
 * // An interaction helper of your own, next to pushRecordsInteraction and the others.
 * function whoamiInteraction(pact: PactV4) {
 *   return pact
 *     .addInteraction()
 *     .uponReceiving('a request for the caller')
 *     .withRequest('GET', '/v1/meta/whoami', (b) => b.headers(authorizationHeader()))
 *     .willRespondWith(200, (b) => b.jsonBody({ clientId: 'ciamis/dinkes/simpus' }));
 * }
 * const interaction = whoamiInteraction(hubPact({ consumer: 'ciamis-dinkes-simpus' }));
 * ```
 */
export { PactV4 } from '@pact-foundation/pact';
export type {
  InteractionWithRequest,
  InteractionWithResponse,
  MockServer,
  UnconfiguredInteraction,
} from './pact-types';
export type { HubStateName, HubStateParams } from './hub-states';

// Matchers from contract schemas
export { matchersFromSchema } from './matchers-from-schema';
export type { MatchersFromSchemaOptions, PactMatcher, PactTemplate } from './matchers-from-schema';

// Provider side: the hub
export { verifyHub } from './verify-hub';
export type { BrokerOptions, VerifyHubOptions } from './verify-hub';

// Provider side: an OPD system's endpoint
export { pactFromContract } from './pact-from-contract';
export type { ContractPact, PactFromContractOptions } from './pact-from-contract';
export { verifyProvider } from './verify-provider';
export type { ProviderAuth, VerifyProviderOptions } from './verify-provider';

// Verification results
export { attachVerificationResults } from './attach-results';
export type {
  InteractionVerification,
  VerificationMismatch,
  VerificationReport,
} from './verification-report';

// Pacts against the hub's OpenAPI document
export { checkPactsAgainstSpec } from './check-pacts-against-spec';
export type {
  InteractionSpecCheck,
  PactSpecCheck,
  SpecCheckReport,
  SpecMismatch,
} from './check-pacts-against-spec';

// Pact files and the Pact Broker
export { loadPacts, pactInteractions } from './pact-files';
export type { LoadedPact, PactDocument, PactInteraction } from './pact-files';
export { publishPacts } from './publish-pacts';
export type { PublishedPact, PublishPactsOptions } from './publish-pacts';
export type { ContractSource } from './load-contracts';

// Errors
export { PactError } from './pact-error';
export type { PactErrorCode } from './pact-error';
