import type { FetchLike } from '@tukar/client';
import { ValidatorConfigError } from '../config-error';
import type { CheckerOptions } from '../engine/record-checker';
import type { SourceEvent } from '../engine/source-event';

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
 * Reads every record of a hub dataset through `@tukar/client` (`listRecords`, following cursors) as source
 * events. Before the first record, a refusal (401, 403, 404) or a hub that cannot be reached (or does not
 * answer HTTP) is a configuration error: nothing was checked. A failure later is a finding, and the report
 * says the dataset was not read to its end.
 */
export async function* readHubDataset(options: HubDatasetOptions): AsyncGenerator<SourceEvent> {
  // Loaded here: a file or an endpoint is checked without loading the client.
  const { createHubClient, HubClientOptionsError, HubError } = await import('@tukar/client');
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
  let read = 0;
  try {
    for await (const item of records) {
      read++;
      yield { type: 'records', records: [item.record] };
    }
  } catch (cause) {
    if (read === 0 && !options.signal?.aborted && cause instanceof HubError) {
      if (cause.status !== undefined && REFUSALS.has(cause.status)) {
        throw new ValidatorConfigError(
          'hub_refused',
          `the hub refused to list dataset ${options.datasetId}: ${cause.message.split('\n')[0]}`,
          { cause },
        );
      }
      if (cause.code === 'network_error' || cause.code === 'invalid_response') {
        throw new ValidatorConfigError(
          'unreachable',
          `could not check dataset ${options.datasetId}: ${cause.message.split('\n')[0]}`,
          { cause },
        );
      }
    }
    if (options.signal?.aborted) {
      yield { type: 'stop', reason: { code: 'aborted', message: 'the run was stopped by the caller.' } };
      return;
    }
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    const message = `The hub stopped answering after ${read.toLocaleString('en')} records: ${reason}`;
    yield { type: 'finding', code: 'hub_error', message };
    yield { type: 'stop', reason: { code: 'request-failed', message } };
  }
}
