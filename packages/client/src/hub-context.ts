import type { BatchSigner } from './batch-signer';
import type { TypedCalls } from './typed-calls';

/**
 * An openapi-fetch answer: `data` on success, `error` (the problem document) otherwise.
 *
 * @example
 * ```ts
 * import { createHubClient, type HubAnswer } from '@tukar/client';
 *
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * // Like hub.unwrap, but a 404 means "not there yet" instead of an error.
 * async function unwrapFound<T>(answer: Promise<HubAnswer<T>>): Promise<T | undefined> {
 *   const settled = await answer;
 *   return settled.response.status === 404 ? undefined : hub.unwrap(settled);
 * }
 * const path = { datasetId: 'dinkes.puskesmas' };
 * const dataset = await unwrapFound(hub.GET('/v1/datasets/{datasetId}', { params: { path } }));
 * ```
 */
export type HubAnswer<T> = { data?: T; error?: unknown; response: Response };

/** What the helpers need from a client: the typed openapi-fetch client and `unwrap`. */
export interface HubContext {
  api: TypedCalls;
  /** Signs each batch (`Tukar-Signature`), when the client was given a signer. */
  sign?: BatchSigner | undefined;
  unwrap<T>(answer: Promise<HubAnswer<T>> | HubAnswer<T>): Promise<T>;
}
