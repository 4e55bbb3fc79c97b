import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import { parsePointer } from './json-pointer';

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Maps JSON Pointers of a parsed YAML (or JSON) document to source positions, using the node ranges of
 * the `yaml` package's document and its `LineCounter`.
 *
 * @example
 * ```ts
 * const lineCounter = new LineCounter();
 * const doc = parseDocument(text, { lineCounter });
 * new SourcePositions(doc, lineCounter).locate('/schema/properties/nama'); // { line: 14, column: 21 }
 * ```
 */
export class SourcePositions {
  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  /** Position of an offset in the text. */
  at(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  /**
   * Position of the value at `pointer` (of its key when `key` is true). When the pointer leads to a missing
   * member, the position of the deepest existing one (its key, when it has one).
   */
  locate(pointer: string, options: { key?: boolean } = {}): Position | undefined {
    const tokens = parsePointer(pointer) ?? [];
    let node: unknown = this.doc.contents;
    let keyNode: unknown;
    const seen = new Set<unknown>();
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      while (isAlias(node) && !seen.has(node)) {
        seen.add(node);
        node = node.resolve(this.doc);
      }
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === token,
        );
        if (pair) {
          keyNode = pair.key;
          if (i === tokens.length - 1 && options.key) return this.rangeStart(pair.key);
          next = pair.value ?? pair.key;
        }
      } else if (isSeq(node) && /^\d+$/.test(token)) {
        next = node.items[Number(token)];
        keyNode = undefined;
      }
      if (next === undefined || next === null) return this.rangeStart(keyNode) ?? this.rangeStart(node);
      node = next;
    }
    return this.rangeStart(node);
  }

  private rangeStart(node: unknown): Position | undefined {
    const range = (node as Node | undefined)?.range;
    return range ? this.at(range[0]) : undefined;
  }
}
