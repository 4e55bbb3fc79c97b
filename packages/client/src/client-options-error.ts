/**
 * Codes of a {@link HubClientOptionsError}: `invalid_option` for the options of `createHubClient`,
 * `invalid_argument` for the arguments of a call (a dataset id, records, `batchSize`, `limit`…).
 *
 * @example
 * ```ts
 * import { createHubClient, HubClientOptionsError, type HubClientOptionsErrorCode } from '@tukar/client';
 *
 * function whatToFix(code: HubClientOptionsErrorCode): string {
 *   switch (code) {
 *     case 'invalid_option': return 'the settings: TUKAR_HUB_URL and TUKAR_API_KEY';
 *     case 'invalid_argument': return 'the sync job: how it calls the client';
 *   }
 * }
 * try {
 *   const hub = createHubClient({ baseUrl: process.env.TUKAR_HUB_URL ?? '', apiKey: process.env.TUKAR_API_KEY ?? '' });
 *   await hub.pushRecords('dinkes.puskesmas', records, { batchSize: 1000 });
 * } catch (error) {
 *   if (error instanceof HubClientOptionsError) console.error(`${error.message}\nFix ${whatToFix(error.code)}.`);
 *   throw error;
 * }
 * ```
 */
export type HubClientOptionsErrorCode = 'invalid_option' | 'invalid_argument';

/**
 * A mistake in how the client was configured or called, found before any request was sent.
 *
 * @example
 * ```ts
 * createHubClient({ baseUrl: 'hub.example', apiKey: key });
 * // HubClientOptionsError: baseUrl "hub.example" is not an absolute http(s) URL …
 * ```
 */
export class HubClientOptionsError extends Error {
  override readonly name = 'HubClientOptionsError';
  declare readonly code: HubClientOptionsErrorCode;
  /** The option or argument at fault, e.g. `baseUrl` or `options.batchSize`. */
  declare readonly option: string;

  constructor(code: HubClientOptionsErrorCode, option: string, message: string) {
    super(`${option}: ${message}`);
    this.code = code;
    this.option = option;
  }
}

/**
 * Returns `value` when it is an integer from `min` to `max`, else throws a {@link HubClientOptionsError}
 * naming `option`: "must be an integer from 1 to 5000 (the hub's batch limit), got 0". With no `max`,
 * the bound reads "≥ min" (and the integer must be safe).
 */
export function checkInteger(
  code: HubClientOptionsErrorCode,
  option: string,
  value: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
  note = '',
): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const bound = max < Number.MAX_SAFE_INTEGER ? `from ${min} to ${max}` : `≥ ${min}`;
    throw new HubClientOptionsError(code, option, `must be an integer ${bound}${note}, got ${String(value)}`);
  }
  return value;
}
