import type { Change, StoredRecord } from '@tukar/spec';
import { checkInteger } from './client-options-error';
import type { HubContext } from './hub-context';
import { HubError } from './hub-error';
import { DEFAULT_CHANGES_LIMIT, DEFAULT_PAGE_SIZE, MAX_CHANGES_LIMIT, MAX_PAGE_SIZE } from './hub-limits';

/**
 * Options of `hub.pullChanges`.
 *
 * @example
 * ```ts
 * import { createHubClient, type PullChangesOptions } from '@tukar/client';
 *
 * declare let lastSeq: number; // stored by your system after the previous run
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * const options: PullChangesOptions = { since: lastSeq, limit: 1000 };
 * for await (const change of hub.pullChanges('dinkes.puskesmas', options)) {
 *   if (change.op === 'delete') console.log(`removed ${change.key}`);
 *   else console.log(`upserted ${change.key}`, change.record);
 *   lastSeq = change.seq;
 * }
 * ```
 */
export interface PullChangesOptions {
  /** Resume after this change sequence (default 0: from the beginning). Store `change.seq` as you go. */
  since?: number;
  /** Changes per request (default 500, at most 5000). */
  limit?: number;
  signal?: AbortSignal;
}

/**
 * Options of `hub.listRecords`.
 *
 * @example
 * ```ts
 * import { createHubClient, type ListRecordsOptions } from '@tukar/client';
 *
 * declare const savedCursor: string | undefined; // where an interrupted copy stopped
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * const options: ListRecordsOptions = { limit: 500, cursor: savedCursor };
 * const rows = hub.listRecords('dinkes.puskesmas', options);
 * for await (const row of rows) {
 *   console.log(row.key, row.record['nama']);
 * }
 * ```
 */
export interface ListRecordsOptions {
  /** Resume at this page cursor (from the iterator's `cursor`). */
  cursor?: string;
  /** Records per request (default 100, at most 1000). */
  limit?: number;
  signal?: AbortSignal;
}

/** Implementation of `hub.pullChanges`: pages through the changes feed until `hasMore` is false. */
export async function* listChanges(
  hub: HubContext,
  datasetId: string,
  options: PullChangesOptions = {},
): AsyncGenerator<Change> {
  let since = checkInteger('invalid_argument', 'options.since', options.since ?? 0, 0);
  const limit = checkLimit(options.limit, DEFAULT_CHANGES_LIMIT, MAX_CHANGES_LIMIT);
  for (;;) {
    const page = await hub.unwrap(
      hub.api.GET('/v1/datasets/{datasetId}/changes', {
        params: { path: { datasetId }, query: { since, limit } },
        signal: options.signal,
      }),
    );
    yield* page.items;
    if (!page.hasMore) return;
    if (!(page.nextSince > since)) {
      throw new HubError(
        'invalid_response',
        `the changes feed did not advance past ${since} although hasMore is true`,
      );
    }
    since = page.nextSince;
  }
}

/** Implementation of `hub.listRecords`: follows `nextCursor` until it is null. */
export function listRecords(
  hub: HubContext,
  datasetId: string,
  options: ListRecordsOptions = {},
): AsyncIterable<StoredRecord> & { readonly cursor: string | undefined } {
  const limit = checkLimit(options.limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const state = { cursor: options.cursor };
  async function* pages(): AsyncGenerator<StoredRecord> {
    const seen = new Set<string>();
    for (;;) {
      const query = { limit, cursor: state.cursor }; // an undefined cursor is left out of the URL
      const page = await hub.unwrap(
        hub.api.GET('/v1/datasets/{datasetId}/records', {
          params: { path: { datasetId }, query },
          signal: options.signal,
        }),
      );
      yield* page.items;
      if (page.nextCursor == null) {
        state.cursor = undefined;
        return;
      }
      if (seen.has(page.nextCursor)) {
        throw new HubError(
          'invalid_response',
          `the hub returned cursor ${page.nextCursor} twice; stopping instead of looping`,
        );
      }
      seen.add(page.nextCursor);
      state.cursor = page.nextCursor;
    }
  }
  return {
    [Symbol.asyncIterator]: pages,
    /** Cursor of the page being read (undefined at the end): pass it as `options.cursor` to resume; that page is read again. */
    get cursor() {
      return state.cursor;
    },
  };
}

function checkLimit(value: number | undefined, fallback: number, max: number): number {
  return checkInteger('invalid_argument', 'options.limit', value ?? fallback, 1, max);
}
