/**
 * Signs a batch for the hub's origin check: given the dataset id and the exact body text about to be
 * sent, returns the `Tukar-Signature` value (a detached JWS). Make one with `batchSigner` from
 * `@tukar/client/sign` and pass it as `createHubClient({ sign })`; every `pushRecords`/`deleteRecords`
 * batch is then signed.
 *
 * @example
 * ```ts
 * import { createHubClient, type BatchSigner } from '@tukar/client';
 * import { batchSigner } from '@tukar/client/sign';
 *
 * declare const privateJwk: JsonWebKey; // the Ed25519 private key of SIMPUS, from its secret store
 * const sign: BatchSigner = batchSigner({ key: privateJwk, kid: 'simpus-2025' });
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY!, sign });
 * ```
 */
export type BatchSigner = (datasetId: string, body: string) => Promise<string>;
