import { ImportError } from '../import-error';

/** The database behind a connection URL, from its scheme. */
export type DatabaseKind = 'mysql' | 'postgresql';

/**
 * `mysql:` / `mariadb:` → MariaDB/MySQL (mysql2), `postgres:` / `postgresql:` → PostgreSQL (pg).
 */
export function databaseKind(url: string): DatabaseKind {
  const scheme = /^([a-z0-9+]+):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'mysql' || scheme === 'mariadb') return 'mysql';
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgresql';
  throw new ImportError(
    'invalid_input',
    `the database URL ${redactUrl(url)} has no known scheme: write mysql://, mariadb://, postgres:// or postgresql://`,
  );
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  }
}

/** A dynamic import of an optional driver, with a message that names the package to install. */
export async function loadDriver<T>(name: 'mysql2' | 'pg', load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    throw new ImportError(
      'driver_missing',
      `reading a ${name === 'pg' ? 'PostgreSQL' : 'MariaDB/MySQL'} table needs the ${name} package: install it next to @tukar/contracts (npm install ${name})`,
      { cause },
    );
  }
}

/** Turns a driver's connection failure into a message without the password. */
export function connectionError(url: string, cause: unknown): ImportError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  const password = (() => {
    try {
      return decodeURIComponent(new URL(url).password);
    } catch {
      return '';
    }
  })();
  const safe = password ? detail.split(password).join('***') : detail;
  return new ImportError('connection_failed', `cannot connect to ${redactUrl(url)}: ${safe}`, { cause });
}
