import type { Stats } from 'node:fs';
import type { ContractProblem } from './contract-problem';
import { nodeBuiltin } from './node-builtin';

/**
 * Default `maxBytes` of the loader: 5 MB.
 *
 * @example
 * ```ts
 * import { loadContract } from '@tukar/contracts';
 * import { DEFAULT_MAX_BYTES } from './read-source'; // internal
 *
 * // A contract whose examples list every desa of the province: allow twice the default size
 * const loaded = await loadContract('contracts/dpmd.desa.yaml', { maxBytes: 2 * DEFAULT_MAX_BYTES });
 * ```
 */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

type ReadResult = { ok: true; text: string } | { ok: false; problem: ContractProblem };

/** Offset of the first byte that breaks UTF-8, or -1 when the bytes are valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function lineColumnOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Checks that `bytes` are UTF-8 text (not binary, not UTF-16) and decodes them without a BOM.
 *
 * @example
 * ```ts
 * decodeUtf8(new TextEncoder().encode('a: 1'), 'a.yaml'); // { ok: true, text: 'a: 1' }
 * ```
 */
export function decodeUtf8(bytes: Uint8Array, file?: string): ReadResult {
  const base = { code: 'not_utf8' as const, path: '', ...(file === undefined ? {} : { file }) };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      ok: false,
      problem: {
        ...base,
        line: 1,
        column: 1,
        message: 'The file is UTF-16 encoded.',
        hint: 'Save it as UTF-8.',
      },
    };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      problem: {
        ...base,
        ...lineColumnOf(bytes, nul),
        message: `The file is binary (a NUL byte at offset ${nul}), not a YAML or JSON contract.`,
        hint: 'Give the path of the contract .yaml or .json file.',
      },
    };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1) {
    return {
      ok: false,
      problem: {
        ...base,
        ...lineColumnOf(bytes, bad),
        message: `The file is not valid UTF-8 (byte 0x${(bytes[bad] as number).toString(16)} at offset ${bad}).`,
        hint: 'Save the file as UTF-8 (it may be Latin-1 / Windows-1252).',
      },
    };
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // The bytes are valid UTF-8 (checked above); `ignoreBOM` keeps a second BOM as text, as Buffer did.
  return { ok: true, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(start)) };
}

/**
 * Reads a contract file as UTF-8 text: stats it first and refuses a file over `maxBytes` without reading it,
 * reads at most `maxBytes + 1` bytes (so a growing or endless file cannot exhaust memory), and rejects
 * binary or non-UTF-8 content. Never throws. Files need Node: elsewhere (a browser) the answer is a
 * `file_unreadable` problem that says to pass the contract text instead.
 *
 * @example
 * ```ts
 * const read = await readContractFile('contracts/dinkes.puskesmas.yaml', 5_000_000);
 * if (!read.ok) console.error(read.problem.message);
 * ```
 */
export async function readContractFile(path: string, maxBytes: number): Promise<ReadResult> {
  const fail = (message: string, code: ContractProblem['code'], hint?: string): ReadResult => ({
    ok: false,
    problem: { code, message, path: '', file: path, ...(hint ? { hint } : {}) },
  });
  const fs = nodeBuiltin('node:fs/promises');
  if (!fs) {
    return fail(
      `Cannot read contract file ${path}: file paths need Node, and this runtime (a browser?) has no file system.`,
      'file_unreadable',
      'Pass the contract text to loadContract or parseContract instead of a path.',
    );
  }
  let info: Stats;
  try {
    info = await fs.stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return fail(
        `Contract file not found: ${path}`,
        'file_not_found',
        'Check the path (it is resolved from the current directory).',
      );
    }
    return fail(`Cannot read contract file ${path}: ${(error as Error).message}`, 'file_unreadable');
  }
  if (info.isDirectory()) {
    return fail(
      `${path} is a directory, not a contract file.`,
      'file_unreadable',
      'Give the path of a .yaml or .json file.',
    );
  }
  if (!info.isFile()) return fail(`${path} is not a regular file.`, 'file_unreadable');
  if (info.size > maxBytes) {
    return fail(
      `Contract file ${path} is ${info.size} bytes, more than the limit of ${maxBytes} bytes.`,
      'file_too_large',
      'A contract describes one record; move data out of `examples`, or raise `maxBytes`.',
    );
  }
  let bytes: Uint8Array;
  try {
    const handle = await fs.open(path, 'r');
    try {
      const buffer = new Uint8Array(Math.min(info.size, maxBytes) + 1);
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      bytes = buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return fail(`Cannot read contract file ${path}: ${(error as Error).message}`, 'file_unreadable');
  }
  if (bytes.length > maxBytes) {
    return fail(`Contract file ${path} is more than the limit of ${maxBytes} bytes.`, 'file_too_large');
  }
  return decodeUtf8(bytes, path);
}
