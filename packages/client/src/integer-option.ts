import { HubClientOptionsError } from './client-options-error';

/**
 * `options[name]`, or `fallback` when it is not given, checked to be an integer from 1 to `max`; throws
 * a {@link HubClientOptionsError} naming `options.<name>` otherwise. `hint` says what the bound is.
 */
export function integerOption<Name extends string>(
  options: { readonly [N in Name]?: number },
  name: Name,
  fallback: number,
  max: number,
  hint = '',
): number {
  const value = options[name] ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new HubClientOptionsError(
      'invalid_argument',
      `options.${name}`,
      `must be an integer from 1 to ${max}${hint}, got ${String(value)}`,
    );
  }
  return value;
}
