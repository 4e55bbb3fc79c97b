/** Codes of a {@link HubClientOptionsError}. */
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
  readonly code: HubClientOptionsErrorCode;
  /** The option or argument at fault, e.g. `baseUrl` or `options.batchSize`. */
  readonly option: string;

  constructor(code: HubClientOptionsErrorCode, option: string, message: string) {
    super(`${option}: ${message}`);
    this.code = code;
    this.option = option;
  }
}
