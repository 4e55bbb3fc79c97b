import { LineCounter, parseDocument } from 'yaml';
import type { ContractProblem } from './contract-problem';
import { joinPointer } from './json-pointer';
import { MAX_NESTING, nestingOverflowOffset, valueDepth } from './nesting-guard';
import { DEFAULT_MAX_BYTES } from './read-source';
import { SourcePositions } from './source-positions';
import { utf8ByteLength } from './utf8-length';

/** Most alias expansions a contract document may use (YAML "billion laughs" protection). */
export const MAX_ALIAS_COUNT = 100;

/** Syntax errors reported at most (a garbled file yields hundreds; the first ones matter). */
const MAX_SYNTAX_PROBLEMS = 20;

/** What {@link parseYamlSource} reads: the document as data with the positions of its nodes, or why not. */
export type YamlSource =
  | { ok: true; data: unknown; positions: SourcePositions; warnings: ContractProblem[] }
  | { ok: false; problems: ContractProblem[] };

/**
 * Reads YAML (or JSON) text into data, guarded as contract files are (size, NUL bytes, nesting, alias
 * expansion, duplicate keys), keeping the source positions of every node. The shared first half of the
 * contract and procedure loaders; problems have no `file` yet.
 *
 * @example
 * ```ts
 * const source = parseYamlSource(text, { noun: 'procedure', maxBytes: 1024 * 1024 });
 * if (source.ok) source.positions.locate('/steps/2/waktu'); // { line: 31, column: 12 }
 * ```
 */
export function parseYamlSource(
  text: string,
  options: { maxBytes?: number; noun: string; sizeHint: string },
): YamlSource {
  const fail = (...problems: ContractProblem[]): YamlSource => ({ ok: false, problems });
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes || utf8ByteLength(text, maxBytes) > maxBytes) {
    return fail({
      code: 'file_too_large',
      message: `The ${options.noun} text is more than the limit of ${maxBytes} bytes.`,
      path: '',
      hint: options.sizeHint,
    });
  }
  const lineCounter = new LineCounter();
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    const { line, col } = positionOf(text, nul);
    return fail({
      code: 'not_utf8',
      message: `The ${options.noun} text contains a NUL character: it is binary.`,
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
      hint: `Flatten the structure; a ${options.noun} does not need this depth.`,
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
  const warnings = doc.warnings.map((w): ContractProblem => {
    const pos = w.linePos?.[0] ?? lineCounter.linePos(w.pos[0]);
    return { code: 'yaml_warning', message: w.message, path: '', line: pos.line, column: pos.col };
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
  return { ok: true, data, positions, warnings };
}

function positionOf(text: string, offset: number): { line: number; col: number } {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1))
    counter.addNewLine(i + 1);
  return counter.linePos(offset);
}
