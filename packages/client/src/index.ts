// biome-ignore-all assist/source/organizeImports: the exports are grouped by concept, with comments
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

// The client
export { createHubClient } from './create-hub-client';
export type { HubClient, HubClientOptions } from './create-hub-client';
export type { BatchSigner } from './batch-signer';

// Typed records (the `Datasets` map `tukar types` generates)
export type {
  DatasetKey,
  DatasetRecord,
  DatasetTypes,
  RecordValidator,
  TypedChange,
  TypedStoredRecord,
  UntypedDatasets,
} from './dataset-types';
export type { DatasetHandle } from './dataset-handle';
export type { HubAnswer } from './hub-context';

// Errors
export { HubError } from './hub-error';
export type { HubErrorCode, HubErrorOptions, TransportErrorCode } from './hub-error';
export { HubClientOptionsError } from './client-options-error';
export type { HubClientOptionsErrorCode } from './client-options-error';

// Helpers' options and results
export { PushRecordsError } from './push-records';
export type {
  DeleteRecordsOptions,
  PushProgress,
  PushRecordsOptions,
  PushRecordsResult,
} from './push-records';
export type { ListRecordsOptions, PullChangesOptions } from './iterators';
export type { GetRecordOptions } from './get-record';

// Receipts: offline verification against the hub's published key set
export { verifyReceipt } from './verify-receipt';
export type { ReceiptIssue, ReceiptIssueCode, ReceiptPlace, VerifyReceiptResult } from './verify-receipt';

// Provisioning through the admin API (contracts, datasets, clients, keys, grants)
export { ProvisionError, provisionHub } from './provision-hub';
export type { ProvisionPlan, ProvisionResult, ProvisionStep } from './provision-hub';

// Transport
export type { RetryOptions } from './retry-policy';
export type { FetchLike } from './transport';
export { newRequestId } from './hub-headers';
