import type { StoredRecord } from '@tukar/spec';
import { HubClientOptionsError } from './client-options-error';
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
 * Implementation of `hub.getRecord`: builds the hub's record key from the key object (the primary-key
 * values in `fields` order, each `encodeURIComponent`'d, joined with `,`) and asks for that record.
 * Without `fields` (no `primaryKeys` given to the client) only a one-field key has a known order.
 */
export async function getRecord(
  hub: HubContext,
  datasetId: string,
  key: object,
  fields: readonly string[] | undefined,
  options: GetRecordOptions = {},
): Promise<StoredRecord> {
  const values = (key ?? 0) as Record<string, unknown>;
  const names = fields ?? Object.keys(values);
  if (names.length !== 1 && !fields) {
    throw new HubClientOptionsError(
      'invalid_argument',
      'key',
      `has ${names.length} fields: pass createHubClient the primaryKeys of tukar types, for their order`,
    );
  }
  const parts = names.map((name) => {
    const value = values[name];
    if (value == null) throw new HubClientOptionsError('invalid_argument', `key.${name}`, 'is missing');
    return encodeURIComponent(typeof value === 'object' ? JSON.stringify(value) : String(value));
  });
  return hub.unwrap(
    hub.api.GET('/v1/datasets/{datasetId}/records/{key}', {
      params: { path: { datasetId, key: parts.join(',') } },
      signal: options.signal,
    }),
  );
}
