import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { ValidatorConfigError } from '../config-error';
import type { RecordSource, SourceEvent } from '../engine/source-event';
import { JsonArrayReader } from '../parse/json-array-reader';
import { jsonErrorReason } from '../parse/json-error';
import { LineSplitter } from '../parse/line-splitter';
import type { ReportSource } from '../report';

/**
 * How to read a file or stream: `auto` looks at the first character (`[` → JSON array, else NDJSON).
 *
 * @example
 * ```ts
 * import { type InputFormat, validateFile } from '@tukar/validator';
 *
 * const path = 'ekspor/puskesmas.jsonl';
 * const format: InputFormat = path.endsWith('.json') ? 'json' : path.endsWith('.jsonl') ? 'ndjson' : 'auto';
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', path, { format });
 * ```
 */
export type InputFormat = 'auto' | 'json' | 'ndjson';

/**
 * Options of reading a file or stream into the checker; part of the options of {@link validateFile} and
 * {@link validateStream}.
 *
 * @example
 * ```ts
 * import { type FileReadOptions, validateFile } from '@tukar/validator';
 *
 * // An NDJSON export whose records can be large (up to a million characters each).
 * const read: FileReadOptions = { format: 'ndjson', maxRecordLength: 1_000_000 };
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson', read);
 * ```
 */
export interface FileReadOptions {
  format?: InputFormat;
  /** Longest record (line or array element) in UTF-16 code units (default 16 Mi); longer ones are skipped and reported. */
  maxRecordLength?: number;
}

const CHUNK_BYTES = 256 * 1024;

/**
 * Opens `path` for reading (`-` is stdin), or throws a {@link ValidatorConfigError} naming the path.
 *
 * @example
 * ```ts
 * const { stream, size } = await openInputFile('data/puskesmas.ndjson.gz', process.cwd());
 * ```
 */
export async function openInputFile(
  path: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<{ stream: AsyncIterable<Uint8Array>; size: number | undefined }> {
  if (path === '-') return { stream: stdin as AsyncIterable<Uint8Array>, size: undefined };
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new ValidatorConfigError(
      'file_not_found',
      code === 'ENOENT'
        ? `input file not found: ${path}`
        : `cannot read input file ${path}: ${code ?? cause}`,
      { cause },
    );
  }
  if (!info.isFile() && !info.isFIFO()) {
    throw new ValidatorConfigError('file_not_found', `input ${path} is not a file (a directory?)`);
  }
  return {
    stream: createReadStream(path, { highWaterMark: CHUNK_BYTES }),
    size: info.isFile() ? info.size : undefined,
  };
}

/** The events of reading a byte stream, and how it was read (known once the events have been read). */
export interface FileRecords {
  events: RecordSource;
  /** How the text was read: the format detected (or given) and whether it was gzip. */
  read(): Pick<ReportSource, 'format' | 'gzip'>;
}

/**
 * Reads a byte stream of records (JSON array or NDJSON, gzip or not) as source events: the records of each
 * chunk in one batch, unparseable records and findings in their place. Unreadable data becomes findings;
 * nothing here throws for bad data. Ending the iteration early stops reading (and closes a gzip stream).
 *
 * @example
 * ```ts
 * const file = readRecords(createReadStream('data.ndjson'), { format: 'auto' });
 * for await (const event of file.events) console.log(event.type);
 * console.log(file.read().format);
 * ```
 */
export function readRecords(
  input: AsyncIterable<Uint8Array>,
  options: FileReadOptions & { size?: number } = {},
): FileRecords {
  const state: Pick<ReportSource, 'format' | 'gzip'> = {
    format: options.format === 'json' ? 'json' : 'ndjson',
    gzip: false,
  };
  async function* events(): AsyncGenerator<SourceEvent> {
    const counter = { read: 0 };
    const counted = countBytes(counter, input);
    const head = await peek(counted, 2);
    if (head.bytes.length === 0) return;
    const gzip = head.bytes[0] === 0x1f && head.bytes[1] === 0x8b;
    state.gzip = gzip;
    let bytes: AsyncIterable<Uint8Array> = head.stream;
    let gunzip: Promise<void> | undefined;
    let inflate: (NodeJS.ReadableStream & { destroy(): void }) | undefined;
    if (gzip) {
      const inflating = createGunzip({ chunkSize: CHUNK_BYTES });
      inflate = inflating;
      gunzip = pipeline(Readable.from(head.stream), inflating).catch(() => {
        // The same error surfaces while reading `inflate` below.
      });
      bytes = inflating;
    }
    const decoder = new StringDecoder('utf8');
    const reader = new TextReader(options);
    let first = true;
    try {
      try {
        for await (const chunk of bytes) {
          if (first) {
            first = false;
            const why = notText(chunk as Uint8Array);
            if (why) {
              yield { type: 'finding', code: 'not_text', message: why };
              yield { type: 'stop', reason: { code: 'unreadable', message: why } };
              break;
            }
          }
          yield {
            type: 'bytes',
            read: counter.read,
            ...(options.size === undefined ? {} : { total: options.size }),
          };
          reader.push(decoder.write(chunk as Buffer));
          yield* reader.take();
          if (reader.finished) break;
        }
        if (!reader.finished) {
          reader.push(decoder.end());
          reader.end();
          yield* reader.take();
        }
      } catch (cause) {
        yield* reader.take();
        const what = gzip ? 'the gzip data is corrupt or cut off' : 'reading failed';
        const message = `The input could not be read to its end: ${what} (${(cause as Error).message ?? cause}).`;
        yield { type: 'finding', code: 'unreadable', message };
        yield { type: 'stop', reason: { code: 'unreadable', message } };
      }
    } finally {
      if (reader.format !== undefined) state.format = reader.format;
      if (inflate && gunzip) {
        inflate.destroy();
        await gunzip;
      }
    }
  }
  return { events: events(), read: () => state };
}

/**
 * Feeds decoded text to the NDJSON splitter or the array scanner, deciding which from the first character,
 * and collects what it finds as source events ({@link take} hands them over).
 */
class TextReader {
  format: 'json' | 'ndjson' | undefined;
  /** True once reading should stop (not an array, not NDJSON). */
  finished = false;
  private head = '';
  private splitter: LineSplitter | undefined;
  private scanner: JsonArrayReader | undefined;
  private firstLine = true;
  private bomChecked = false;
  /** Records parsed since the last event other than records. */
  private batch: unknown[] = [];
  private readonly events: SourceEvent[] = [];

  constructor(private readonly options: FileReadOptions) {
    if (options.format === 'json' || options.format === 'ndjson') this.start(options.format);
  }

  push(chunk: string): void {
    if (chunk.length === 0 || this.finished) return;
    let text = chunk;
    if (!this.bomChecked) {
      this.bomChecked = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.format === undefined) {
      this.head += text;
      const first = this.head.search(/[^\s\uFEFF]/);
      if (first === -1) return;
      this.start(this.head[first] === '[' ? 'json' : 'ndjson');
      text = this.head;
      this.head = '';
    }
    if (this.scanner) this.scanner.push(text);
    else this.splitter!.push(text);
  }

  end(): void {
    if (this.finished) return;
    this.scanner?.end();
    this.splitter?.end();
  }

  /** The events found since the last call, in input order. */
  take(): SourceEvent[] {
    this.flush();
    return this.events.splice(0);
  }

  private record(value: unknown): void {
    this.batch.push(value);
  }

  private event(event: SourceEvent): void {
    this.flush();
    this.events.push(event);
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    this.events.push({ type: 'records', records: this.batch });
    this.batch = [];
  }

  private start(format: 'json' | 'ndjson'): void {
    this.format = format;
    const max = this.options.maxRecordLength;
    if (format === 'json') {
      this.scanner = new JsonArrayReader(
        {
          value: (value) => {
            if (!this.finished) this.record(value);
          },
          element: (text, index) => {
            if (this.finished) return;
            let value: unknown;
            try {
              value = JSON.parse(text);
            } catch (error) {
              const message = /^\s*$/.test(text)
                ? `Record ${index} of the array is empty (a trailing comma, or two commas in a row).`
                : `Record ${index} of the array is not valid JSON: ${jsonErrorReason(error)}.`;
              this.event({ type: 'unparseable', code: 'invalid_json', message });
              return;
            }
            this.record(value);
          },
          tooLarge: (index, length) => {
            if (this.finished) return;
            this.event({
              type: 'unparseable',
              code: 'record_too_large',
              message: `Record ${index} of the array is ${length.toLocaleString('en')} characters long, over the limit; it was skipped.`,
            });
          },
          problem: (code, message) => {
            this.event({ type: 'finding', code, message });
            if (code === 'not_json_array') {
              this.event({ type: 'stop', reason: { code: 'unreadable', message } });
              this.finished = true;
            }
          },
        },
        max,
      );
      return;
    }
    this.splitter = new LineSplitter(
      {
        line: (text, lineNumber) => {
          if (text.length === 0 || this.finished) return;
          if (text.charCodeAt(0) <= 32 && text.trim() === '') return;
          let value: unknown;
          try {
            value = JSON.parse(text);
          } catch (error) {
            const reason = jsonErrorReason(error);
            if (this.firstLine && (/end of JSON input/.test(reason) || /^\s*[{[]\s*$/.test(text))) {
              const message =
                `Line ${lineNumber} is not a complete JSON value: the input looks like one JSON document spread ` +
                'over several lines, not NDJSON (one record per line) nor a JSON array. Give the records as a JSON ' +
                'array or one per line.';
              this.event({ type: 'finding', code: 'not_ndjson', message });
              this.event({ type: 'stop', reason: { code: 'unreadable', message } });
              this.finished = true;
              return;
            }
            this.firstLine = false;
            this.event({
              type: 'unparseable',
              code: 'invalid_json',
              message: `Line ${lineNumber} is not valid JSON: ${reason}.`,
            });
            return;
          }
          this.firstLine = false;
          this.record(value);
        },
        tooLong: (lineNumber, length) => {
          if (this.finished) return;
          this.firstLine = false;
          this.event({
            type: 'unparseable',
            code: 'record_too_large',
            message: `Line ${lineNumber} is over ${length.toLocaleString('en')} characters long, over the limit; it was skipped.`,
          });
        },
      },
      max,
    );
  }
}

/** Why the first chunk is not UTF-8 text (a NUL byte, a UTF-16 byte-order mark), or undefined. */
function notText(chunk: Uint8Array): string | undefined {
  if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
    return 'The input is UTF-16 text; save it as UTF-8.';
  }
  const nul = chunk.subarray(0, 8192).indexOf(0);
  if (nul !== -1) return `The input is binary data (a NUL byte at offset ${nul}), not JSON or NDJSON text.`;
  return undefined;
}

/** Counts bytes read into `counter.read` as they pass. */
async function* countBytes(
  counter: { read: number },
  input: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of input) {
    counter.read += chunk.length;
    yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  }
}

/** Reads at least `n` bytes (or to the end), and returns them with a stream that replays them first. */
async function peek(
  input: AsyncGenerator<Uint8Array>,
  n: number,
): Promise<{ bytes: Uint8Array; stream: AsyncGenerator<Uint8Array> }> {
  const held: Uint8Array[] = [];
  let length = 0;
  while (length < n) {
    const next = await input.next();
    if (next.done) break;
    held.push(next.value);
    length += next.value.length;
  }
  const bytes = Buffer.concat(held);
  async function* replay(): AsyncGenerator<Uint8Array> {
    if (bytes.length > 0) yield bytes;
    yield* input;
  }
  return { bytes, stream: replay() };
}
