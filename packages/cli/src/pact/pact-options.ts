import { PactError } from '@tukar/pact';
import { type OptionValues, UsageError } from '../command';

/** A string option, or undefined when absent. */
export function text(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A comma-separated list option (`--contracts a.yaml,contracts/`), or undefined. */
export function list(values: OptionValues, name: string): string[] | undefined {
  const raw = text(values, name);
  if (raw === undefined) return undefined;
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) throw new UsageError('bad_arguments', `--${name} needs at least one path`);
  return items;
}

/**
 * A secret read from the environment variable an option names (or its default), so that keys never
 * appear on the command line or in shell history.
 */
export function secretFromEnv(
  values: OptionValues,
  env: Record<string, string | undefined>,
  option: string,
  fallback: string,
): { value: string | undefined; variable: string } {
  const variable = text(values, option) ?? fallback;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
    throw new UsageError(
      'bad_arguments',
      `--${option} must name an environment variable, got ${JSON.stringify(variable)}`,
    );
  }
  const value = env[variable]?.trim();
  return { value: value === '' ? undefined : value, variable };
}

/** `Name: value` of `--header`, split; a usage error when malformed. */
export function headerOption(raw: string): { name: string; value: string } {
  const colon = raw.indexOf(':');
  const name = colon > 0 ? raw.slice(0, colon).trim() : '';
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
    throw new UsageError(
      'bad_arguments',
      `--header must look like "Name: value", got ${JSON.stringify(raw)}`,
    );
  }
  return { name, value: raw.slice(colon + 1).trim() };
}

/** Turns a {@link PactError} about options, files or reachability into a usage error (exit 2). */
export function asUsageError(error: unknown): never {
  if (error instanceof PactError) {
    const code = error.code === 'no_pacts' || error.code === 'invalid_pact' ? 'missing_path' : 'bad_config';
    throw new UsageError(code, error.message, { cause: error });
  }
  throw error;
}
