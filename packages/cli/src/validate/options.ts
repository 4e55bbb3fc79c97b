import { extname, resolve } from 'node:path';
import type { Contract } from '@tukar/contracts';
import type { ProviderOverrides } from '@tukar/validator';
import { type OptionValues, UsageError } from '../command';

/** What `tukar validate` writes. */
export type ReportFormat = 'terminal' | 'json' | 'md' | 'junit' | 'html' | 'hub';

export const REPORT_FORMATS: readonly ReportFormat[] = ['terminal', 'json', 'md', 'junit', 'html', 'hub'];

const BY_EXTENSION: Readonly<Record<string, ReportFormat>> = {
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
  '.md': 'md',
  '.markdown': 'md',
  '.xml': 'junit',
};

/** A report file to write. */
export interface ReportFile {
  path: string;
  format: ReportFormat;
}

const text = (values: OptionValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * A whole-number option, or undefined when absent; a usage error naming the flag otherwise.
 *
 * @example
 * ```ts
 * integer(values, 'max-errors', 0); // 1000 for --max-errors 1000
 * ```
 */
export function integer(values: OptionValues, name: string, min: number): number | undefined {
  const raw = text(values, name);
  if (raw === undefined) return undefined;
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(value) || value < min) {
    throw new UsageError(
      'bad_arguments',
      `--${name} must be a whole number ≥ ${min}, got ${JSON.stringify(raw)}: give e.g. --${name} ${Math.max(min, 1) * 100}`,
    );
  }
  return value;
}

/** The format of `--format`, or undefined. */
export function formatOption(values: OptionValues): ReportFormat | undefined {
  if (values.json === true) {
    if (text(values, 'format') !== undefined && text(values, 'format') !== 'json') {
      throw new UsageError(
        'bad_arguments',
        '--json and --format disagree: give one of them (--json is --format json)',
      );
    }
    return 'json';
  }
  const raw = text(values, 'format');
  if (raw === undefined) return undefined;
  const format = raw === 'markdown' ? 'md' : raw === 'xml' ? 'junit' : raw;
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(
      'bad_arguments',
      `--format must be one of ${REPORT_FORMATS.join(', ')}; got ${JSON.stringify(raw)}`,
    );
  }
  return format as ReportFormat;
}

/**
 * The report files of `--report a.html,b.xml`: each file's format from `--format` when one file is
 * given, else from its extension (`.html`, `.json`, `.md`, `.xml`).
 */
export function reportFiles(
  values: OptionValues,
  format: ReportFormat | undefined,
  cwd: string,
): ReportFile[] {
  const raw = text(values, 'report');
  if (raw === undefined) return [];
  const paths = raw
    .split(',')
    .map((path) => path.trim())
    .filter(Boolean);
  if (paths.length === 0)
    throw new UsageError('bad_arguments', '--report needs a file name, e.g. --report laporan.html');
  return paths.map((path) => {
    const fromExtension = BY_EXTENSION[extname(path).toLowerCase()];
    const chosen = paths.length === 1 && format !== undefined ? format : fromExtension;
    if (chosen === undefined || chosen === 'terminal') {
      throw new UsageError(
        'bad_arguments',
        `cannot tell the format of report ${path}: name it .html, .json, .md or .xml, or give --format with a single --report`,
      );
    }
    return { path: resolve(cwd, path), format: chosen };
  });
}

/** A header line `Name: value`, parsed. */
function header(line: string, where: string): [string, string] {
  const colon = line.indexOf(':');
  const name = colon === -1 ? '' : line.slice(0, colon).trim();
  if (!name)
    throw new UsageError('bad_arguments', `${where}: expected "Name: value", got ${JSON.stringify(line)}`);
  return [name, line.slice(colon + 1).trim()];
}

/**
 * The headers sent to the OPD endpoint: the lines of `TUKAR_VALIDATE_HEADERS` (one `Name: value` a line),
 * then `--header`, then `Authorization: Bearer` with the token in the variable `--bearer-env` names.
 */
export function endpointHeaders(
  values: OptionValues,
  env: Record<string, string | undefined>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of (env.TUKAR_VALIDATE_HEADERS ?? '').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const [name, value] = header(line, 'TUKAR_VALIDATE_HEADERS');
    headers[name] = value;
  }
  const flag = text(values, 'header');
  if (flag !== undefined) {
    const [name, value] = header(flag, '--header');
    headers[name] = value;
  }
  const bearerEnv = text(values, 'bearer-env');
  if (bearerEnv !== undefined) {
    const token = env[bearerEnv];
    if (!token)
      throw new UsageError(
        'bad_config',
        `--bearer-env ${bearerEnv}: the variable ${bearerEnv} is not set: export ${bearerEnv}=<token> first, or send the header with --header`,
      );
    headers.Authorization = `Bearer ${token}`;
  }
  return headers;
}

/** `--pagination`: a style (`none`, `page`, `offset`), `STYLE:PATH` (`next-link:links.next`, `cursor:meta.next`), or JSON. */
function pagination(raw: string): NonNullable<ProviderOverrides['pagination']> {
  const value = raw.trim();
  if (value.startsWith('{')) {
    try {
      return JSON.parse(value) as NonNullable<ProviderOverrides['pagination']>;
    } catch (cause) {
      throw new UsageError('bad_arguments', `--pagination is not valid JSON: ${(cause as Error).message}`, {
        cause,
      });
    }
  }
  const [style, path] = value.split(':', 2) as [string, string | undefined];
  switch (style) {
    case 'none':
      return { style: 'none' };
    case 'page':
      return { style: 'page' };
    case 'offset':
      return { style: 'offset' };
    case 'next-link':
      if (!path)
        throw new UsageError(
          'bad_arguments',
          '--pagination next-link needs the path of the link: next-link:links.next',
        );
      return { style: 'next-link', next: path };
    case 'cursor':
      if (!path)
        throw new UsageError(
          'bad_arguments',
          '--pagination cursor needs the path of the cursor: cursor:meta.next_cursor',
        );
      return { style: 'cursor', nextCursor: path };
    default:
      throw new UsageError(
        'bad_arguments',
        `--pagination must be none, page, offset, next-link:PATH, cursor:PATH or a JSON object; got ${JSON.stringify(raw)}`,
      );
  }
}

/** Overrides of the contract's `provider` section from `--path`, `--records`, `--pagination`, `--limit`, `--latency-budget`. */
export function providerOverrides(values: OptionValues, contract: Contract): ProviderOverrides {
  const overrides: ProviderOverrides = {};
  const path = text(values, 'path');
  if (path !== undefined) overrides.path = path;
  const records = text(values, 'records');
  if (records !== undefined) overrides.records = records === '.' || records === '' ? undefined : records;
  const paginationFlag = text(values, 'pagination');
  const limit = integer(values, 'limit', 1);
  if (paginationFlag !== undefined || limit !== undefined) {
    const base =
      paginationFlag !== undefined
        ? pagination(paginationFlag)
        : { ...(contract.provider?.pagination ?? { style: 'none' }) };
    if (limit !== undefined) {
      if (base.style === 'none' || base.style === undefined || base.style === 'next-link') {
        throw new UsageError(
          'bad_arguments',
          `--limit needs page, offset or cursor pagination (this one is ${base.style ?? 'next-link'})`,
        );
      }
      (base as { limit?: number }).limit = limit;
      if (base.style === 'page' && !('limitParam' in base && base.limitParam))
        (base as { limitParam?: string }).limitParam = 'limit';
      if (base.style === 'cursor' && !('limitParam' in base && base.limitParam))
        (base as { limitParam?: string }).limitParam = 'limit';
    }
    overrides.pagination = base;
  }
  const budget = integer(values, 'latency-budget', 1);
  if (budget !== undefined) overrides.latencyBudgetMs = budget;
  return overrides;
}
