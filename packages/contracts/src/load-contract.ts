import { LineCounter, parseDocument } from 'yaml';
import type { ContractProblem, LoadResult } from './contract-problem';
import { contractSchema } from './contract-schema';
import { joinPointer } from './json-pointer';
import { MAX_NESTING, nestingOverflowOffset, valueDepth } from './nesting-guard';
import { DEFAULT_MAX_BYTES, readContractFile } from './read-source';
import { checkRecordSchema } from './schema-checks';
import { SourcePositions } from './source-positions';
import { utf8ByteLength } from './utf8-length';
import { zodIssuesToProblems } from './zod-problems';

/** Most alias expansions a contract document may use (YAML "billion laughs" protection). */
export const MAX_ALIAS_COUNT = 100;

/** Syntax errors reported at most (a garbled file yields hundreds; the first ones matter). */
const MAX_SYNTAX_PROBLEMS = 20;

/**
 * Options of {@link loadContract} and {@link parseContract}.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { type LoadOptions, parseContract } from '@tukar/contracts';
 *
 * // A contract uploaded to a portal: report problems under its own name, accept at most 1 MB
 * const text = await readFile('/tmp/upload-4f2a', 'utf8');
 * const options: LoadOptions = { filename: 'dinkes.puskesmas.yaml', maxBytes: 1024 * 1024 };
 * const result = parseContract(text, options);
 * ```
 */
export interface LoadOptions {
  /** Name reported in problems (defaults to the path when a path is given). */
  filename?: string;
  /** Largest accepted file or text in bytes; default 5 MB. */
  maxBytes?: number;
}

/**
 * `true` when {@link loadContract} treats `pathOrText` as a file path: a string without a newline that ends
 * in `.yaml`, `.yml` or `.json` (case-insensitive). Anything else is contract text.
 *
 * @example
 * ```ts
 * isContractPath('contracts/dinkes.puskesmas.yaml'); // true
 * isContractPath('contract: dinkes.puskesmas\nversion: 1.0.0'); // false
 * ```
 */
export function isContractPath(pathOrText: string): boolean {
  return !/[\r\n]/.test(pathOrText) && /\.(ya?ml|json)$/i.test(pathOrText.trim());
}

/**
 * Loads a contract from a file path or from YAML/JSON text and checks it completely, returning the
 * contract or every problem at once, each with file, line and column. Never throws for bad input.
 *
 * `pathOrText` is a path when it has no newline and ends in `.yaml`, `.yml` or `.json`; anything else is text.
 * A file is stat-ed first: a file over `maxBytes` (default 5 MB) is refused without being read.
 *
 * @example
 * ```ts
 * const result = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (!result.ok) {
 *   for (const p of result.problems) console.error(`${p.file}:${p.line}:${p.column} ${p.message}`);
 * } else {
 *   console.log(result.contract.version);
 * }
 * ```
 */
export async function loadContract(pathOrText: string, options: LoadOptions = {}): Promise<LoadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!isContractPath(pathOrText)) return parseContract(pathOrText, options);
  const path = pathOrText.trim();
  const read = await readContractFile(path, maxBytes);
  const filename = options.filename ?? path;
  if (!read.ok) return { ok: false, problems: [{ ...read.problem, file: filename }] };
  return parseContract(read.text, { filename, maxBytes });
}

/**
 * Parses and checks contract text (YAML or JSON), synchronously. Same checks and result as
 * {@link loadContract}, for text already in memory.
 *
 * @example
 * ```ts
 * const result = parseContract(text, { filename: 'dinkes.puskesmas.yaml' });
 * if (result.ok) console.log(result.contract.primaryKey);
 * ```
 */
export function parseContract(text: string, options: LoadOptions = {}): LoadResult {
  const file = options.filename;
  const withFile = (p: ContractProblem): ContractProblem => (file === undefined ? p : { ...p, file });
  const fail = (...problems: ContractProblem[]): LoadResult => ({
    ok: false,
    problems: problems.map(withFile),
  });
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes || utf8ByteLength(text, maxBytes) > maxBytes) {
    return fail({
      code: 'file_too_large',
      message: `The contract text is more than the limit of ${maxBytes} bytes.`,
      path: '',
      hint: 'A contract describes one record; move data out of `examples`, or raise `maxBytes`.',
    });
  }
  const lineCounter = new LineCounter();
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    const { line, col } = positionOf(text, nul);
    return fail({
      code: 'not_utf8',
      message: 'The contract text contains a NUL character: it is binary.',
      path: '',
      line,
      column: col,
    });
  }
  const overflow = nestingOverflowOffset(text, MAX_NESTING);
  if (overflow !== -1) {
    const { line, col } = positionOf(text, overflow);
    return fail({
      code: 'too_deep',
      message: `The document nests deeper than ${MAX_NESTING} levels.`,
      path: '',
      line,
      column: col,
      hint: 'Flatten the structure; a contract does not need this depth.',
    });
  }
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
    const errors = exhausted ? [exhausted] : doc.errors.slice(0, MAX_SYNTAX_PROBLEMS);
    return fail(
      ...errors.map((e): ContractProblem => {
        const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
        return {
          code: e.code === 'RESOURCE_EXHAUSTION' ? 'too_deep' : 'yaml_syntax',
          message:
            e.code === 'RESOURCE_EXHAUSTION'
              ? 'The document nests too deeply to parse.'
              : `YAML syntax: ${e.message}`,
          path: '',
          line: pos.line,
          column: pos.col,
        };
      }),
    );
  }
  const positions = new SourcePositions(doc, lineCounter);
  const warnings = doc.warnings.map((w) => {
    const pos = w.linePos?.[0] ?? lineCounter.linePos(w.pos[0]);
    return withFile({ code: 'yaml_warning', message: w.message, path: '', line: pos.line, column: pos.col });
  });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const bomb = error instanceof ReferenceError && /alias/i.test(error.message);
    return fail({
      code: bomb ? 'yaml_alias_limit' : 'too_deep',
      message: bomb
        ? `The document expands YAML aliases more than ${MAX_ALIAS_COUNT} times (a "billion laughs" document).`
        : `The document cannot be read: ${(error as Error).message}`,
      path: '',
      line: 1,
      column: 1,
      ...(bomb ? { hint: 'Write the values out instead of nesting aliases.' } : {}),
    });
  }
  const depth = valueDepth(data, MAX_NESTING);
  if (depth.deepest) {
    const path = joinPointer('', ...depth.deepest);
    const pos = positions.locate(path);
    return fail({
      code: 'too_deep',
      message: `The document nests deeper than ${MAX_NESTING} levels.`,
      path,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
    });
  }
  const problems: ContractProblem[] = [];
  const parsed = contractSchema.safeParse(data);
  if (!parsed.success) problems.push(...zodIssuesToProblems(parsed.error.issues, data));
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const d = data as Record<string, unknown>;
    try {
      problems.push(...checkRecordSchema(d.schema, d.primaryKey, d.examples));
    } catch (error) {
      problems.push({
        code: 'schema_invalid',
        message: `The schema cannot be checked: ${(error as Error).message}`,
        path: '/schema',
      });
    }
  }
  if (problems.length > 0 || !parsed.success) {
    return fail(
      ...problems.map((p) => {
        const pos = positions.locate(p.path, {
          key: p.code === 'unknown_field' || p.code === 'schema_unknown_keyword',
        });
        return pos ? { ...p, line: pos.line, column: pos.column } : p;
      }),
    );
  }
  return { ok: true, contract: parsed.data, warnings };
}

function positionOf(text: string, offset: number): { line: number; col: number } {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1))
    counter.addNewLine(i + 1);
  return counter.linePos(offset);
}
