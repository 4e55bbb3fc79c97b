import type { StoredRecord } from '@tukar/spec';
import type { HubContext } from './hub-context';

/**
 * Options of `hub.getRecord`.
 *
 * @example
 * ```ts
 * import { createHubClient, type GetRecordOptions } from '@tukar/client';
 *
 * const hub = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY! });
 * const options: GetRecordOptions = { signal: AbortSignal.timeout(5_000) };
 * const row = await hub.getRecord('dinkes.puskesmas', { kode_puskesmas: 'P3207010101' }, options);
 * ```
 */
export interface GetRecordOptions {
  signal?: AbortSignal;
}

/**
 * Implementation of `hub.getRecord`: the hub's record key of the key object (the values of `fields`, or
 * else of the object's own fields in the order written, each `encodeURIComponent`'d, joined with `,`)
 * and the record under it.
 */
export function getRecord(
  hub: HubContext,
  datasetId: string,
  key: object,
  fields: readonly string[] | undefined,
  options?: GetRecordOptions,
): Promise<StoredRecord> {
  const values = key as Record<string, unknown>;
  const parts = (fields ?? Object.keys(values)).map((name) => encodeURIComponent(String(values[name])));
  return hub.unwrap(
    hub.api.GET('/v1/datasets/{datasetId}/records/{key}', {
      params: { path: { datasetId, key: parts.join(',') } },
      signal: options?.signal,
    }),
  );
}
