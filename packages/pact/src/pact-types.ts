import type { PactV4, V3MockServer } from '@pact-foundation/pact';

// The PactV4 builder types are not exported from '@pact-foundation/pact'; these name them from PactV4 itself.

/**
 * An interaction being built: `pact.addInteraction()`.
 *
 * @example
 * ```ts
 * import { HUB_STATES, hubPact, type UnconfiguredInteraction } from '@tukar/pact';
 *
 * // A step of your own that adds the state every interaction of your suite needs.
 * const withPuskesmas = (interaction: UnconfiguredInteraction): UnconfiguredInteraction =>
 *   interaction.given(HUB_STATES.datasetHasRecords, { datasetId: 'dinkes.puskesmas' });
 * const interaction = withPuskesmas(hubPact({ consumer: 'ciamis-dinkes-simpus' }).addInteraction());
 * ```
 */
export type UnconfiguredInteraction = ReturnType<PactV4['addInteraction']>;
/**
 * An interaction with its request: what `withRequest` returns.
 *
 * @example
 * ```ts
 * import { authorizationHeader, hubPact, type InteractionWithRequest } from '@tukar/pact';
 *
 * const whoami: InteractionWithRequest = hubPact({ consumer: 'ciamis-dinkes-simpus' })
 *   .addInteraction()
 *   .uponReceiving('a request for the caller')
 *   .withRequest('GET', '/v1/meta/whoami', (b) => b.headers(authorizationHeader()));
 * const known = whoami.willRespondWith(200);
 * ```
 */
export type InteractionWithRequest = ReturnType<UnconfiguredInteraction['withRequest']>;
/**
 * A complete interaction, ready for `.executeTest(…)`.
 *
 * @example
 * ```ts
 * import { hubPact, type InteractionWithResponse, readRecordsInteraction, withHubClient } from '@tukar/pact';
 *
 * const pact = hubPact({ consumer: 'ciamis-dinkes-simpus' });
 * const interaction: InteractionWithResponse = readRecordsInteraction(pact, { contract }); // contract: loadContract(…).contract
 * const first = await interaction.executeTest(
 *   withHubClient(async (hub) => {
 *     for await (const stored of hub.listRecords('dinkes.puskesmas')) return stored.record;
 *   }),
 * );
 * ```
 */
export type InteractionWithResponse = ReturnType<InteractionWithRequest['willRespondWith']>;
/**
 * The Pact mock server an `executeTest` callback receives (`url`, `port`, `id`).
 *
 * @example
 * ```ts
 * import { hubPact, type MockServer, PACT_EXAMPLE_API_KEY, readRecordsInteraction } from '@tukar/pact';
 *
 * // Without the typed client: plain fetch against the mock server (contract: loadContract(…).contract).
 * await readRecordsInteraction(hubPact({ consumer: 'ciamis-dinkes-simpus' }), { contract })
 *   .executeTest(async (mockServer: MockServer) => {
 *     const response = await fetch(`${mockServer.url}/v1/datasets/dinkes.puskesmas/records?limit=100`, {
 *       headers: { Authorization: `Bearer ${PACT_EXAMPLE_API_KEY}` },
 *     });
 *     return response.json();
 *   });
 * ```
 */
export type MockServer = V3MockServer;
