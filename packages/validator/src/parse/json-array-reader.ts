import { type ArrayHandler, DEFAULT_MAX_ELEMENT_LENGTH, JsonArrayScanner } from './json-array-scanner';

/**
 * What {@link JsonArrayReader} calls: the scanner's callbacks, plus `value` for elements parsed in a batch.
 *
 * @example
 * ```ts
 * import { type ArrayReaderHandler, JsonArrayReader } from '@tukar/validator';
 *
 * const records: unknown[] = [];
 * const handler: ArrayReaderHandler = {
 *   value: (value) => records.push(value), // most elements arrive already parsed
 *   element: (text, index) => {
 *     try {
 *       records.push(JSON.parse(text)); // the rest arrive as text, parsed one by one
 *     } catch {
 *       console.warn(`element ${index} is not valid JSON`);
 *     }
 *   },
 *   tooLarge: (index, length) => console.warn(`element ${index} skipped: ${length} characters`),
 *   problem: (code, message) => console.error(code, message),
 * };
 * const reader = new JsonArrayReader(handler);
 * ```
 */
export interface ArrayReaderHandler extends ArrayHandler {
  /** One element of the array, already parsed (index from 1). */
  value(value: unknown, index: number): void;
}

const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACE = 125;
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff;

/** Text held while no element boundary is found before the reader hands over to the scanner for good. */
const MAX_FAST_CARRY = 1024 * 1024;
/** Failed batch parses in a row (nested arrays of objects, malformed elements) before scanning for good. */
const MAX_FAILURES_IN_A_ROW = 3;
/** The batch path needs the element size limit to be larger than any batch. */
const MIN_LIMIT_FOR_BATCHES = 4 * 1024 * 1024;

/**
 * The position of the last `,` between `}` and `{` (whitespace allowed) in `text`: where one object element
 * of an array of records likely ends and the next begins; -1 when there is none near the end.
 */
function lastBoundary(text: string): number {
  let from = text.length - 1;
  for (let tries = 0; tries < 64 && from > 0; tries++) {
    const brace = text.lastIndexOf('{', from);
    if (brace <= 0) return -1;
    let k = brace - 1;
    while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
    if (k >= 0 && text.charCodeAt(k) === COMMA) {
      const comma = k;
      k--;
      while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
      if (k >= 0 && text.charCodeAt(k) === CLOSE_BRACE) return comma;
    }
    from = brace - 1;
  }
  return -1;
}

/**
 * Reads one large JSON array of records as text arrives, holding at most a chunk (plus one element) at a
 * time. Each chunk's complete elements are found by guessing the last boundary between two objects
 * (`},{`) and letting the native `JSON.parse` read up to it; the guess is right exactly when that parse
 * succeeds (a cut inside an element or a string cannot parse). When it fails (a malformed element, objects
 * nested in arrays, a string holding `},{`), the exact {@link JsonArrayScanner} reads that chunk element by
 * element, so every problem is reported against its element; after three failures in a row, or an
 * element larger than a megabyte, the scanner reads the rest.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * import { JsonArrayReader } from '@tukar/validator';
 *
 * const reader = new JsonArrayReader({
 *   value: (record, i) => check(record, i),
 *   element: (text, i) => check(JSON.parse(text), i),
 *   tooLarge: () => {},
 *   problem: (code, message) => console.error(code, message),
 * });
 * for await (const text of createReadStream('ekspor/puskesmas.json', 'utf8')) reader.push(text);
 * reader.end();
 * ```
 */
export class JsonArrayReader {
  private readonly scanner: JsonArrayScanner;
  private mode: 'start' | 'batch' | 'scan' = 'start';
  private carry = '';
  private failures = 0;
  private count = 0;

  constructor(
    private readonly handler: ArrayReaderHandler,
    maxElementLength = DEFAULT_MAX_ELEMENT_LENGTH,
  ) {
    this.scanner = new JsonArrayScanner(handler, maxElementLength);
    if (maxElementLength < MIN_LIMIT_FOR_BATCHES) this.mode = 'scan';
  }

  /** Elements read so far. */
  get elements(): number {
    return this.mode === 'scan' ? this.scanner.elements : this.count;
  }

  push(chunk: string): void {
    if (chunk.length === 0) return;
    if (this.mode === 'scan') {
      this.scanner.push(chunk);
      return;
    }
    let text = this.carry + chunk;
    this.carry = '';
    if (this.mode === 'start') {
      let i = 0;
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (i === text.length) return;
      if (text.charCodeAt(i) !== OPEN_BRACKET) {
        // Not an array: the scanner says so.
        this.scan(text, false);
        return;
      }
      i++;
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      this.mode = 'batch';
      text = text.slice(i);
      if (text.length === 0) return;
    }
    if (text.charCodeAt(0) === 93) {
      // `]` right after `[`: an empty array; the scanner checks what follows.
      this.scan(text, true);
      return;
    }
    const boundary = lastBoundary(text);
    if (boundary > 0) {
      let values: unknown;
      try {
        values = JSON.parse(`[${text.slice(0, boundary)}]`);
      } catch {
        values = undefined;
      }
      if (Array.isArray(values)) {
        this.failures = 0;
        for (const value of values) this.handler.value(value, ++this.count);
        this.carry = text.slice(boundary + 1);
        return;
      }
      this.failures++;
      this.scanChunk(text);
      return;
    }
    if (text.length > MAX_FAST_CARRY) {
      this.scan(text, true);
      return;
    }
    this.carry = text;
  }

  end(): void {
    if (this.mode === 'batch') {
      const text = this.carry;
      this.carry = '';
      let values: unknown;
      try {
        values = JSON.parse(`[${text}`);
      } catch {
        values = undefined;
      }
      if (Array.isArray(values)) {
        for (const value of values) this.handler.value(value, ++this.count);
        return;
      }
      this.scan(text, true);
    }
    if (this.mode === 'scan') this.scanner.end();
  }

  /** Reads this text element by element, then goes back to batches when the scanner can hand over. */
  private scanChunk(text: string): void {
    this.scanner.enterArray(this.count);
    this.scanner.push(text);
    const pending = this.failures >= MAX_FAILURES_IN_A_ROW ? undefined : this.scanner.detach();
    if (pending === undefined) {
      this.mode = 'scan';
      return;
    }
    this.count = this.scanner.elements;
    this.carry = pending;
  }

  /** Hands the rest of the input to the scanner for good; `inside` when the `[` was already read. */
  private scan(text: string, inside: boolean): void {
    if (inside) this.scanner.enterArray(this.count);
    this.mode = 'scan';
    this.scanner.push(text);
  }
}
