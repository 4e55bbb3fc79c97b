import type { PactV4, V3MockServer } from '@pact-foundation/pact';

// The PactV4 builder types are not exported from '@pact-foundation/pact'; these name them from PactV4 itself.

/** An interaction being built: `pact.addInteraction()`. */
export type UnconfiguredInteraction = ReturnType<PactV4['addInteraction']>;
/** An interaction with its request: what `withRequest` returns. */
export type InteractionWithRequest = ReturnType<UnconfiguredInteraction['withRequest']>;
/** A complete interaction, ready for `.executeTest(…)`. */
export type InteractionWithResponse = ReturnType<InteractionWithRequest['willRespondWith']>;
/** The Pact mock server an `executeTest` callback receives (`url`, `port`, `id`). */
export type MockServer = V3MockServer;
