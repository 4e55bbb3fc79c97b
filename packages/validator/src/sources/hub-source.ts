import { createHubClient, type FetchLike, HubClientOptionsError, HubError } from '@tukar/client';
import { ValidatorConfigError } from '../config-error';
import type { CheckerOptions, RecordChecker } from '../engine/record-checker';

/**
 * Options of validating a dataset stored on a Tukar hub ({@link validateHubDataset}).
 *
 * @example
 * ```ts
 * import { type HubDatasetOptions, validateHubDataset } from '@tukar/validator';
 *
 * const options: HubDatasetOptions = {
 *   baseUrl: 'http://127.0.0.1:8080',
 *   apiKey: process.env.TUKAR_API_KEY ?? '',
 *   datasetId: 'dinkes.puskesmas',
 *   pageSize: 500,
 *   maxErrors: 100,
 * };
 * const report = await validateHubDataset('contracts/dinkes.puskesmas.yaml', options);
 * ```
 */
export interface HubDatasetOptions extends CheckerOptions {
  /** The hub's origin, e.g. `https://hub.ciamiskab.example.go.id`. */
  baseUrl: string;
  /** The API key kominfo issued (`tk_…`), with `read` on the dataset. */
  apiKey: string;
  /** The dataset id (equal to the contract id). */
  datasetId: string;
  /** Records per request (default 1000, the hub's largest page). */
  pageSize?: number;
  /** Time limit of one request in ms (default 30 000). */
  timeoutMs?: number;
  /** A `fetch` to use instead of the global one. */
  fetch?: FetchLike;
  signal?: AbortSignal;
}

/** Statuses of a first answer that mean the request itself is wrong, not the data. */
const REFUSALS = new Set([401, 403, 404]);

/**
 * Reads every record of a hub dataset through `@tukar/client` (`listRecords`, following cursors) into the
 * checker. A refusal on the first page (401, 403, 404) is a configuration error; a failure later is an
 * issue, and the report says the dataset was not read to its end.
 */
export async function readHubDataset(checker: RecordChecker, options: HubDatasetOptions): Promise<void> {
  let records: AsyncIterable<{ record: Record<string, unknown> }>;
  try {
    const hub = createHubClient({
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    records = hub.listRecords(options.datasetId, {
      limit: options.pageSize ?? 1000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (cause) {
    if (cause instanceof HubClientOptionsError) {
      throw new ValidatorConfigError('invalid_option', `hub: ${cause.message}`, { cause });
    }
    throw cause;
  }
  try {
    for await (const item of records) {
      if (checker.full) {
        checker.stop({
          code: 'max-records',
          message: `stopped after ${checker.records.toLocaleString('en')} records (the record cap).`,
        });
        break;
      }
      checker.check(item.record);
    }
  } catch (cause) {
    if (
      cause instanceof HubError &&
      checker.records === 0 &&
      cause.status !== undefined &&
      REFUSALS.has(cause.status)
    ) {
      throw new ValidatorConfigError(
        'hub_refused',
        `the hub refused to list dataset ${options.datasetId}: ${cause.message.split('\n')[0]}`,
        { cause },
      );
    }
    if (options.signal?.aborted) {
      checker.stop({ code: 'aborted', message: 'the run was stopped by the caller.' });
      return;
    }
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    const message = `The hub stopped answering after ${checker.records.toLocaleString('en')} records: ${reason}`;
    checker.finding('hub_error', message);
    checker.stop({ code: 'request-failed', message });
  }
}
