import { ContractError } from '../contract-error';
import { readAreaListFile, readKabupatenCodes } from './read-area-list-file';
import type { WilayahLevel, WilayahSource } from './wilayah-level';

export type { WilayahLevel, WilayahSource } from './wilayah-level';

const LEVELS: readonly WilayahLevel[] = ['provinsi', 'kabupaten', 'kecamatan', 'desa'];
const sets = new Map<WilayahLevel, ReadonlySet<string>>();
/** Kecamatan and desa codes of single kabupaten from the shipped file, by `level kabupaten`. */
const kabupatenSets = new Map<string, ReadonlySet<string>>();
let source: WilayahSource | undefined;

/**
 * Sets where the Kemendagri area list comes from, for the `kode-wilayah-*` and `nik` formats; `undefined`
 * restores the default (on Node, the area list file shipped in the package, read lazily). Needed in browsers, which
 * cannot read those files: pass `wilayahSource` of `@tukar/contracts/wilayah-data`. Codes already read are
 * dropped, so the next check asks the new source.
 *
 * @throws {TypeError} when `next` is neither a function nor `undefined`.
 * @example
 * ```ts
 * import { setWilayahSource } from '@tukar/contracts';
 * import { wilayahSource } from '@tukar/contracts/wilayah-data';
 *
 * setWilayahSource(wilayahSource); // in a browser, once, before checking records
 * ```
 */
export function setWilayahSource(next: WilayahSource | undefined): void {
  if (next !== undefined && typeof next !== 'function') {
    throw new TypeError(
      `setWilayahSource expects a function (level) => codes or undefined, got ${next === null ? 'null' : typeof next}; ` +
        "e.g. wilayahSource of '@tukar/contracts/wilayah-data'.",
    );
  }
  source = next;
  sets.clear();
  kabupatenSets.clear();
}

function fromSource(read: WilayahSource, level: WilayahLevel): Set<string> {
  const fail = (why: string, cause?: unknown): never => {
    throw new ContractError(
      'reference_data_missing',
      `The Kemendagri area list given to setWilayahSource ${why} for level "${level}".`,
      cause === undefined ? undefined : { cause },
    );
  };
  let codes: Iterable<string> | undefined;
  try {
    codes = read(level);
  } catch (cause) {
    fail(`threw (${cause instanceof Error ? cause.message : String(cause)})`, cause);
  }
  if (typeof (codes as { [Symbol.iterator]?: unknown } | undefined)?.[Symbol.iterator] !== 'function') {
    fail('did not return an iterable of codes');
  }
  const set = new Set<string>();
  for (const code of codes as Iterable<unknown>) {
    if (typeof code !== 'string') fail(`returned ${JSON.stringify(code) ?? typeof code}, not a dotted code`);
    set.add(code as string);
  }
  if (set.size === 0) fail('returned no codes');
  return set;
}

/**
 * The set of dotted codes of one level (`32`, `32.07`, `32.07.01`, `32.07.01.2001`), read from the area
 * list's source on first use (see `setWilayahSource`) and kept until the source changes.
 *
 * @throws {ContractError} `reference_data_missing` when the list cannot be read (in a browser: no source set).
 * @example
 * ```ts
 * wilayahCodes('kabupaten').has('32.07'); // true (Kabupaten Ciamis)
 * ```
 */
export function wilayahCodes(level: WilayahLevel): ReadonlySet<string> {
  const cached = sets.get(level);
  if (cached) return cached;
  if (!LEVELS.includes(level)) {
    throw new TypeError(`Unknown area level "${String(level)}"; use one of ${LEVELS.join(', ')}.`);
  }
  const set = source ? fromSource(source, level) : readAreaListFile(level);
  sets.set(level, set);
  return set;
}

/**
 * `true` when `code` is in the area list at `level`: the same answer as `wilayahCodes(level).has(code)`.
 * From the shipped list, a kecamatan or desa code is looked up in its kabupaten's codes alone (decoded on
 * first use), so checking a few records does not decode the whole list.
 *
 * @throws {ContractError} `reference_data_missing`, as {@link wilayahCodes}.
 * @example
 * ```ts
 * hasWilayahCode('desa', '32.07.01.2008'); // true (Desa Pawindan)
 * ```
 */
export function hasWilayahCode(level: WilayahLevel, code: string): boolean {
  if (source || sets.has(level) || (level !== 'kecamatan' && level !== 'desa')) {
    return wilayahCodes(level).has(code);
  }
  const key = `${level} ${code.slice(0, 5)}`;
  let codes = kabupatenSets.get(key);
  if (!codes) {
    codes = readKabupatenCodes(code.slice(0, 5), level);
    kabupatenSets.set(key, codes);
  }
  return codes.has(code);
}
