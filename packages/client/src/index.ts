/**
 * `@tukar/client` — the typed client of the Tukar exchange hub, for OPD systems.
 *
 * @example
 * ```ts
 * import { createHubClient, HubError } from '@tukar/client';
 *
 * const hub = createHubClient({ baseUrl: 'https://hub.ciamiskab.example.go.id', apiKey: process.env.TUKAR_API_KEY! });
 * const result = await hub.pushRecords('dinkes.puskesmas', records, { batchSize: 1000 });
 * ```
 * @packageDocumentation
 */

export type { HubClientOptionsErrorCode } from './client-options-error';
export { HubClientOptionsError } from './client-options-error';
export type { HubAnswer, HubClient, HubClientOptions } from './create-hub-client';
// The client
export { createHubClient, MAX_BATCH_SIZE } from './create-hub-client';
export type { HubErrorCode, HubErrorOptions, TransportErrorCode } from './hub-error';
// Errors
export { HubError } from './hub-error';
export { newRequestId } from './hub-headers';
export type { ListRecordsOptions, PullChangesOptions } from './iterators';
export type { PushProgress, PushRecordsOptions, PushRecordsResult } from './push-records';
// Helpers' options and results
export { PushRecordsError } from './push-records';
// Transport
export type { RetryOptions } from './retry-policy';
export type { FetchLike } from './transport';
