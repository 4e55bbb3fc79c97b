/**
 * What {@link JsonArrayScanner} calls.
 *
 * @example
 * ```ts
 * import { type ArrayHandler, JsonArrayScanner } from '@tukar/validator';
 *
 * const handler: ArrayHandler = {
 *   element: (text, index) => console.log(index, JSON.parse(text)),
 *   tooLarge: (index, length) => console.warn(`element ${index} skipped: ${length} characters`),
 *   problem: (code, message) => {
 *     if (code === 'truncated') console.error('the export was cut off:', message);
 *     else console.error(code, message);
 *   },
 * };
 * const scanner = new JsonArrayScanner(handler);
 * ```
 */
export interface ArrayHandler {
  /** The JSON text of one element of the top-level array (index from 1), not yet parsed. */
  element(text: string, index: number): void;
  /** An element longer than the limit: skipped, not held in memory. */
  tooLarge(index: number, length: number): void;
  /** The text is not one JSON array: `not_json_array`, `trailing_data` or `truncated`. */
  problem(code: 'not_json_array' | 'trailing_data' | 'truncated', message: string): void;
}

/** Longest element kept, in UTF-16 code units. */
export const DEFAULT_MAX_ELEMENT_LENGTH = 16 * 1024 * 1024;

/** Where the scanner is: before `[`, after `[`, in an element, after `]`, or given up. */
const START = 0;
const FIRST = 1;
const ELEMENT = 2;
const DONE = 3;
const STOPPED = 4;

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff;

/**
 * A streaming reader of one large JSON array (`[ {…}, {…}, … ]`): finds where each top-level element
 * starts and ends (tracking strings, escapes and nesting, jumping through strings with `indexOf`) and
 * hands out each element's text, so that only one element is ever held. It does not parse: the caller
 * runs `JSON.parse` on each element, which also reports a malformed element as that element's problem.
 *
 * @example
 * ```ts
 * import { JsonArrayScanner } from '@tukar/validator';
 *
 * const scanner = new JsonArrayScanner({
 *   element: (text, i) => console.log(i, JSON.parse(text)),
 *   tooLarge: () => {},
 *   problem: (code, message) => console.error(code, message),
 * });
 * scanner.push('[{"a":1},{"a"');
 * scanner.push(':2}]');
 * scanner.end();
 * ```
 */
export class JsonArrayScanner {
  /** Elements seen so far. */
  elements = 0;
  private state = START as number;
  private depth = 0;
  private inString = false;
  private escapePending = false;
  private parts: string[] = [];
  private partsLength = 0;
  private oversize = false;

  constructor(
    private readonly handler: ArrayHandler,
    private readonly maxElementLength = DEFAULT_MAX_ELEMENT_LENGTH,
  ) {}

  push(text: string): void {
    const n = text.length;
    if (n === 0) return;
    let i = 0;
    if (this.state === START || this.state === FIRST) {
      i = this.skipToValue(text, 0);
      if (i === -1) return;
    }
    if (this.state === DONE) {
      this.checkTrailing(text, i);
      return;
    }
    if (this.state !== ELEMENT) return;
    let start = i;
    let depth = this.depth;
    if (this.inString) {
      if (this.escapePending) {
        this.escapePending = false;
        i++;
      }
      const close = stringEnd(text, i);
      if (close === -1) {
        this.escapePending = trailingEscape(text, i);
        this.hold(text, start, n);
        return;
      }
      this.inString = false;
      i = close + 1;
    }
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      // Below `[` (91): quotes, commas, digits, `:`, whitespace. Most characters outside strings are here.
      if (c < OPEN_BRACKET) {
        if (c === QUOTE) {
          const close = stringEnd(text, i + 1);
          if (close === -1) {
            this.inString = true;
            this.escapePending = trailingEscape(text, i + 1);
            break;
          }
          i = close;
        } else if (c === COMMA && depth === 0) {
          this.emit(text, start, i);
          start = i + 1;
        }
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (depth > 0) depth--;
        else if (c === CLOSE_BRACKET) {
          this.emit(text, start, i);
          this.state = DONE;
          this.checkTrailing(text, i + 1);
          return;
        }
        // A `}` with nothing open: the element is malformed; JSON.parse will say how.
      }
    }
    this.depth = depth;
    this.hold(text, start, n);
  }

  /**
   * Puts the scanner just inside an array (as after `[`), with `elements` elements already counted: for a
   * reader that read the start of the array itself.
   */
  enterArray(elements: number): void {
    this.state = FIRST;
    this.elements = elements;
    this.depth = 0;
    this.inString = false;
    this.escapePending = false;
    this.parts = [];
    this.partsLength = 0;
    this.oversize = false;
  }

  /**
   * The text of the element being read (from its first character), handed over, the scanner emptied:
   * undefined when the scanner is not inside the array's elements (before `[`, after `]`, given up) or is
   * skipping an oversized element.
   */
  detach(): string | undefined {
    if ((this.state !== ELEMENT && this.state !== FIRST) || this.oversize) return undefined;
    const pending = this.parts.join('');
    this.parts = [];
    this.partsLength = 0;
    this.depth = 0;
    this.inString = false;
    this.escapePending = false;
    return pending;
  }

  /** Ends the input: reports an array that is not closed. */
  end(): void {
    if (this.state === ELEMENT || this.state === FIRST) {
      const what =
        this.partsLength > 0 || this.depth > 0 || this.inString
          ? `it ends inside record ${this.elements + 1}`
          : 'the closing `]` is missing';
      this.handler.problem('truncated', `The JSON array is not complete: ${what} (was the file cut off?).`);
    }
    this.parts = [];
    this.partsLength = 0;
    this.state = STOPPED;
  }

  /** Skips whitespace before `[` or before the first element; -1 when the chunk holds no more. */
  private skipToValue(text: string, from: number): number {
    let i = from;
    const n = text.length;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i === n) return -1;
    const c = text.charCodeAt(i);
    if (this.state === START) {
      if (c !== OPEN_BRACKET) {
        this.state = STOPPED;
        this.handler.problem(
          'not_json_array',
          `The input is not a JSON array: it starts with ${JSON.stringify(text[i])} where \`[\` was expected.`,
        );
        return -1;
      }
      this.state = FIRST;
      return this.skipToValue(text, i + 1);
    }
    if (c === CLOSE_BRACKET) {
      this.state = DONE;
      return i + 1;
    }
    this.state = ELEMENT;
    return i;
  }

  private checkTrailing(text: string, from: number): void {
    for (let i = from; i < text.length; i++) {
      if (!isSpace(text.charCodeAt(i))) {
        this.state = STOPPED;
        this.handler.problem(
          'trailing_data',
          `There is data after the closing \`]\` of the array (after record ${this.elements}); it was not read.`,
        );
        return;
      }
    }
  }

  private hold(text: string, start: number, end: number): void {
    if (start >= end) return;
    this.partsLength += end - start;
    if (this.oversize) return;
    if (this.partsLength > this.maxElementLength) {
      this.oversize = true;
      this.parts = [];
      return;
    }
    this.parts.push(start === 0 && end === text.length ? text : text.slice(start, end));
  }

  private emit(text: string, start: number, end: number): void {
    const index = ++this.elements;
    const length = this.partsLength + (end - start);
    if (this.oversize || length > this.maxElementLength) {
      this.oversize = false;
      this.parts = [];
      this.partsLength = 0;
      this.handler.tooLarge(index, length);
      return;
    }
    let element: string;
    if (this.partsLength === 0) element = text.slice(start, end);
    else {
      this.parts.push(text.slice(start, end));
      element = this.parts.join('');
      this.parts = [];
      this.partsLength = 0;
    }
    this.handler.element(element, index);
  }
}

/** Index of the `"` closing a string whose content starts at `from`, or -1 when not in `text`. */
function stringEnd(text: string, from: number): number {
  let at = from;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return -1;
    let k = quote - 1;
    while (k >= at && text.charCodeAt(k) === BACKSLASH) k--;
    if ((quote - 1 - k) % 2 === 0) return quote;
    at = quote + 1;
  }
}

/** `true` when `text` (string content from `from`) ends with an odd run of backslashes. */
function trailingEscape(text: string, from: number): boolean {
  let k = text.length - 1;
  while (k >= from && text.charCodeAt(k) === BACKSLASH) k--;
  return (text.length - 1 - k) % 2 === 1;
}
