/**
 * What {@link LineSplitter} calls.
 *
 * @example
 * ```ts
 * import { type LineHandler, LineSplitter } from '@tukar/validator';
 *
 * const records: unknown[] = [];
 * const handler: LineHandler = {
 *   line: (text, lineNumber) => {
 *     if (text.trim() !== '') records.push(JSON.parse(text));
 *   },
 *   tooLong: (lineNumber, length) => console.warn(`line ${lineNumber} skipped: ${length} characters`),
 * };
 * const splitter = new LineSplitter(handler, 1_000_000);
 * ```
 */
export interface LineHandler {
  /** One line without its `\n` (and without a `\r` before it), with its number from 1. */
  line(text: string, lineNumber: number): void;
  /** A line longer than the limit: skipped, not held in memory. */
  tooLong(lineNumber: number, length: number): void;
}

/** Longest line kept, in UTF-16 code units (default 16 Mi: a record that size is not a record). */
export const DEFAULT_MAX_LINE_LENGTH = 16 * 1024 * 1024;

/**
 * Splits decoded text chunks into lines, by hand (`indexOf('\n')`, no `readline`): a line split across
 * chunks is joined once, an over-long line is skipped while it streams past, so memory holds at most one
 * line and one chunk.
 *
 * @example
 * ```ts
 * import { LineSplitter } from '@tukar/validator';
 *
 * const splitter = new LineSplitter({ line: (text, n) => console.log(n, text), tooLong: () => {} });
 * splitter.push('{"a":1}\n{"a"');
 * splitter.push(':2}\n');
 * splitter.end();
 * ```
 */
export class LineSplitter {
  /** Lines seen so far. */
  lineNumber = 0;
  private pending: string[] = [];
  private pendingLength = 0;
  private skipping = false;

  constructor(
    private readonly handler: LineHandler,
    private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH,
  ) {}

  push(chunk: string): void {
    let newline = chunk.indexOf('\n');
    if (newline === -1) {
      this.hold(chunk);
      return;
    }
    // The line that started in earlier chunks.
    if (this.pendingLength > 0 || this.skipping) {
      this.hold(chunk.slice(0, newline));
      this.lineNumber++;
      if (this.skipping) this.skipping = false;
      else this.emit(this.pending.length === 1 ? this.pending[0]! : this.pending.join(''));
      this.pending = [];
      this.pendingLength = 0;
    } else {
      this.lineNumber++;
      this.emit(chunk.slice(0, newline));
    }
    let start = newline + 1;
    newline = chunk.indexOf('\n', start);
    const handler = this.handler;
    while (newline !== -1) {
      const end = newline > start && chunk.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      handler.line(chunk.slice(start, end), ++this.lineNumber);
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) this.hold(chunk.slice(start));
  }

  /** Ends the input: the last line needs no `\n`. */
  end(): void {
    if (this.skipping) {
      this.lineNumber++;
      this.skipping = false;
    } else if (this.pendingLength > 0) {
      this.lineNumber++;
      this.emit(this.pending.join(''));
    }
    this.pending = [];
    this.pendingLength = 0;
  }

  private hold(text: string): void {
    if (this.skipping || text.length === 0) return;
    this.pendingLength += text.length;
    if (this.pendingLength > this.maxLineLength) {
      this.handler.tooLong(this.lineNumber + 1, this.pendingLength);
      this.skipping = true;
      this.pending = [];
      this.pendingLength = 0;
      return;
    }
    this.pending.push(text);
  }

  private emit(text: string): void {
    const last = text.length - 1;
    this.handler.line(
      last >= 0 && text.charCodeAt(last) === 13 ? text.slice(0, last) : text,
      this.lineNumber,
    );
  }
}
