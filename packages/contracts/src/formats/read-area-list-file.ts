import { ContractError } from '../contract-error';
import { nodeBuiltin } from '../node-builtin';
import { decodeWilayahCodes } from './wilayah-compact';
import type { WilayahLevel } from './wilayah-level';

/** The area list file the package ships (generated from idn-area-data, see data/wilayah-codes.source.json). */
const FILE = 'data/wilayah-codes.txt';
const PACKAGE = '@tukar/contracts';

const NOT_NODE =
  'The Kemendagri area list cannot be read here: this runtime (a browser?) has no Node file system to read ' +
  `the list file of ${PACKAGE} from. Provide the list once before checking codes: ` +
  "`import { wilayahSource } from '@tukar/contracts/wilayah-data'` and `setWilayahSource(wilayahSource)`.";

let text: string | undefined;

/** The text of the list file, found in the package's root from this module (src/ or dist/). */
function readListFile(): string {
  if (text !== undefined) return text;
  const fs = nodeBuiltin('node:fs');
  if (!fs) throw new ContractError('reference_data_missing', NOT_NODE);
  // Through a variable: bundlers read `new URL('…', import.meta.url)` as an asset to copy.
  const here = import.meta.url;
  let dir = new URL('.', here);
  for (;;) {
    const manifest = new URL('package.json', dir);
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === PACKAGE) break;
    const parent = new URL('..', dir);
    if (parent.href === dir.href) {
      throw new ContractError(
        'reference_data_missing',
        `The Kemendagri area list file (${FILE}) was not found: no package.json of ${PACKAGE} above ${import.meta.url}. Reinstall ${PACKAGE}.`,
      );
    }
    dir = parent;
  }
  const file = new URL(FILE, dir);
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ContractError(
      'reference_data_missing',
      `Cannot read the Kemendagri area list ${file.pathname}: reinstall ${PACKAGE}.`,
      { cause },
    );
  }
  return text;
}

/**
 * The dotted codes of one level from the area list file shipped in the package: the area list's source
 * on Node unless `setWilayahSource` gave another. The same codes as `@tukar/contracts/wilayah-data`.
 *
 * @throws {ContractError} `reference_data_missing` when the file cannot be found or read, or when the
 * runtime is not Node (the message says how to provide the list).
 * @example
 * ```ts
 * readAreaListFile('provinsi'); // Set { '11', '12', …, '32', … }
 * ```
 */
export function readAreaListFile(level: WilayahLevel): Set<string> {
  return new Set(decodeWilayahCodes(readListFile(), level));
}

/** The line of each kabupaten in the list file, by its undotted code (`3207`), indexed on first use. */
let lines: Map<string, string> | undefined;

/**
 * The dotted kecamatan or desa codes of one kabupaten (`32.07`) from the shipped list file: the codes of
 * `readAreaListFile(level)` that start with it, decoded from that kabupaten's line alone (the whole desa
 * level is 84 000 codes; a few records need one or two kabupaten). Empty for a kabupaten not in the list.
 *
 * @throws {ContractError} `reference_data_missing`, as {@link readAreaListFile}.
 * @example
 * ```ts
 * readKabupatenCodes('32.07', 'kecamatan').has('32.07.01'); // true (Kecamatan Ciamis)
 * ```
 */
export function readKabupatenCodes(kabupaten: string, level: 'kecamatan' | 'desa'): Set<string> {
  if (!lines) {
    const text = readListFile();
    lines = new Map();
    for (const line of text.split('\n').slice(1)) lines.set(line.split(' ', 1)[0] as string, line);
  }
  const line = lines.get(kabupaten.replace('.', ''));
  return new Set(line === undefined ? [] : decodeWilayahCodes(`\n${line}`, level));
}
