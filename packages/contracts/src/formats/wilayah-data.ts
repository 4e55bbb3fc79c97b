import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ContractError } from '../contract-error';

/** Administrative levels of the Kemendagri area list. */
export type WilayahLevel = 'provinsi' | 'kabupaten' | 'kecamatan' | 'desa';

const FILES: Record<WilayahLevel, string> = {
  provinsi: 'provinces.csv',
  kabupaten: 'regencies.csv',
  kecamatan: 'districts.csv',
  desa: 'villages.csv',
};

const sets = new Map<WilayahLevel, Set<string>>();
let dataDir: string | undefined;

function findDataDir(): string {
  if (dataDir) return dataDir;
  try {
    const require = createRequire(import.meta.url);
    dataDir = join(dirname(require.resolve('idn-area-data/package.json')), 'data');
  } catch (cause) {
    throw new ContractError(
      'reference_data_missing',
      'The Kemendagri area list (package `idn-area-data`) could not be found. Install it next to @tukar/contracts.',
      { cause },
    );
  }
  return dataDir;
}

/**
 * The set of dotted codes of one level (`32`, `32.07`, `32.07.01`, `32.07.01.2001`), read from the
 * `idn-area-data` CSV files on first use and kept for the life of the process.
 *
 * @example
 * ```ts
 * wilayahCodes('kabupaten').has('32.07'); // true (Kabupaten Ciamis)
 * ```
 */
export function wilayahCodes(level: WilayahLevel): ReadonlySet<string> {
  const cached = sets.get(level);
  if (cached) return cached;
  const file = join(findDataDir(), FILES[level]);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ContractError('reference_data_missing', `Cannot read the Kemendagri area list ${file}.`, {
      cause,
    });
  }
  const set = new Set<string>();
  let start = text.indexOf('\n') + 1; // skip the header line
  while (start > 0 && start < text.length) {
    const end = text.indexOf('\n', start);
    const comma = text.indexOf(',', start);
    if (comma > start && (end === -1 || comma < end)) set.add(text.slice(start, comma));
    if (end === -1) break;
    start = end + 1;
  }
  sets.set(level, set);
  return set;
}
