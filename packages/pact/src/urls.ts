import { PactError } from './pact-error';

/**
 * Checks that `value` is an absolute http(s) URL without query or fragment and returns it without a
 * trailing slash; throws {@link PactError} naming `what` otherwise.
 *
 * @example
 * ```ts
 * checkHttpUrl('http://127.0.0.1:8080/', 'hubUrl'); // 'http://127.0.0.1:8080'
 * ```
 */
export function checkHttpUrl(value: unknown, what: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new PactError(
      'invalid_option',
      `${what}: ${JSON.stringify(value)} is not an absolute http(s) URL; write it like "http://127.0.0.1:8080"`,
    );
  }
  if (url.search || url.hash)
    throw new PactError('invalid_option', `${what}: must not carry a query or fragment: ${text}`);
  return text.replace(/\/+$/, '');
}
