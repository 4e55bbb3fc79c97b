import { ContractError } from '../contract-error';
import { nodeBuiltin } from '../node-builtin';
import type { WilayahLevel } from './wilayah-level';

const FILES: Record<WilayahLevel, string> = {
  provinsi: 'provinces.csv',
  kabupaten: 'regencies.csv',
  kecamatan: 'districts.csv',
  desa: 'villages.csv',
};

let dataDir: string | undefined;

const NOT_NODE =
  'The Kemendagri area list cannot be read here: this runtime (a browser?) has no Node file system to read ' +
  'the idn-area-data files from. Provide the list once before checking codes: ' +
  "`import { wilayahSource } from '@tukar/contracts/wilayah-data'` and `setWilayahSource(wilayahSource)`.";

function findDataDir(): string {
  if (dataDir) return dataDir;
  const nodeModule = nodeBuiltin('node:module');
  const path = nodeBuiltin('node:path');
  if (!nodeModule || !path) throw new ContractError('reference_data_missing', NOT_NODE);
  try {
    const require = nodeModule.createRequire(import.meta.url);
    dataDir = path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');
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
 * The dotted codes of one level, read from the `idn-area-data` CSV files next to the package: the area
 * list's source on Node unless `setWilayahSource` gave another.
 *
 * @throws {ContractError} `reference_data_missing` when the files cannot be found or read, or when the
 * runtime is not Node (the message says how to provide the list).
 * @example
 * ```ts
 * readIdnAreaData('provinsi'); // Set { '11', '12', …, '32', … }
 * ```
 */
export function readIdnAreaData(level: WilayahLevel): Set<string> {
  const fs = nodeBuiltin('node:fs');
  if (!fs) throw new ContractError('reference_data_missing', NOT_NODE);
  const file = nodeBuiltin('node:path')?.join(findDataDir(), FILES[level]) as string;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
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
  return set;
}
