import {
  type CompiledContract,
  type Contract,
  escapePointer,
  isPiiPointer,
  isReferenceFormatName,
  maskValue,
  toDottedKodeWilayah,
} from '@tukar/contracts';
import { checkOfValidatorCode } from '../checks';
import {
  type CheckId,
  DEFAULT_MAX_ERRORS,
  type HttpStats,
  type ReportSource,
  type StopReason,
  type ValidationIssue,
  type ValidationReport,
} from '../report';
import { buildReport } from './build-report';
import { fingerprintParts } from './fingerprint';
import { IssueLog } from './issue-log';
import { KeyIndex, type UniquenessOptions } from './key-index';
import { partsOfText } from './key-text';
import type { FindingCode, UnparseableCode, ValidatorCode } from './source-event';

/**
 * What `onProgress` receives, at most every `progressIntervalMs`.
 *
 * @example
 * ```ts
 * import { type ValidationProgress, validateFile } from '@tukar/validator';
 *
 * const show = (p: ValidationProgress) => {
 *   const share = p.bytesRead && p.bytesTotal ? ` ${Math.round((100 * p.bytesRead) / p.bytesTotal)}%` : '';
 *   process.stderr.write(`\r${p.records} rekaman, ${p.invalid} tidak sah, ${Math.round(p.recordsPerSecond)}/s${share}`);
 * };
 * await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson', { onProgress: show });
 * ```
 */
export interface ValidationProgress {
  records: number;
  invalid: number;
  issues: number;
  elapsedMs: number;
  /** Records per second since the start. */
  recordsPerSecond: number;
  /** For endpoints: the page being read. */
  page?: number;
  /** For files: bytes read so far and the file size when known. */
  bytesRead?: number;
  bytesTotal?: number;
}

/**
 * Options every source shares: {@link FileValidationOptions}, {@link StreamValidationOptions},
 * {@link EndpointOptions} and {@link HubDatasetOptions} all extend it.
 *
 * @example
 * ```ts
 * import { type CheckerOptions, validateFile, validateHubDataset } from '@tukar/validator';
 *
 * // The same limits for the OPD's export and for the copy on the hub.
 * const limits: CheckerOptions = { maxErrors: 500, maxRecords: 1_000_000, uniqueness: { exactKeys: 200_000 } };
 * const fromFile = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson', limits);
 * const fromHub = await validateHubDataset('contracts/dinkes.puskesmas.yaml', {
 *   ...limits,
 *   baseUrl: 'http://127.0.0.1:8080',
 *   apiKey: process.env.TUKAR_API_KEY ?? '',
 *   datasetId: 'dinkes.puskesmas',
 * });
 * ```
 */
export interface CheckerOptions {
  /** Issues kept in full (default 1000); past it, issues are counted but not listed. */
  maxErrors?: number;
  /** Stop after this many records (default: no limit). */
  maxRecords?: number;
  /** How primary keys are remembered (see `KeyIndex`). */
  uniqueness?: UniquenessOptions;
  /** Called with the progress at most every `progressIntervalMs` (default 250 ms). */
  onProgress?: (progress: ValidationProgress) => void;
  progressIntervalMs?: number;
}

const MAX_KEY_LENGTH = 512;
/** Keys queued before they are added to the index together (see `RecordChecker.settle`). */
const KEY_BATCH = 128;

/**
 * The engine of a validation run. Sources hand it records one at a time; it runs the compiled fast check,
 * asks for full issues only when that fails, checks the primary key, keeps counts and issues within the
 * error cap, and builds the {@link ValidationReport}.
 *
 * @example
 * ```ts
 * const checker = new RecordChecker({ contract, compiled: compileContract(contract) }, { maxErrors: 100 });
 * for (const record of records) checker.check(record);
 * const report = checker.finish({ kind: 'file', location: 'puskesmas.ndjson' });
 * ```
 */
export class RecordChecker {
  records = 0;
  valid = 0;
  invalid = 0;
  /** Where the records now being checked come from (a page of an endpoint; see {@link atPage}). */
  private page: number | undefined;
  private url: string | undefined;
  /** Bytes of the input read so far, and in all, when the source knows them (see {@link bytes}). */
  private bytesRead: number | undefined;
  private bytesTotal: number | undefined;
  private stopReason: StopReason | undefined;
  readonly maxRecords: number;
  private readonly log: IssueLog;
  private readonly keys: KeyIndex;
  private readonly keyParts: string[];
  /** Keys waiting for the index (see `settle`). */
  private queued = 0;
  private readonly queueHigh = new Int32Array(KEY_BATCH);
  private readonly queueLow = new Int32Array(KEY_BATCH);
  private readonly queueRecord = new Int32Array(KEY_BATCH);
  private readonly queueBad = new Uint8Array(KEY_BATCH);
  /** The key parts of the queued records (one per key field each): what a duplicate is reported with. */
  private readonly queueParts: string[];
  /** What {@link KeyIndex.prefetch} returned (kept so that its reads stay). */
  private touched = 0;
  private readonly fp = new Int32Array(2);
  private readonly fast: (record: unknown) => boolean;
  private readonly keyFields: readonly string[];
  private readonly piiKey: readonly boolean[];
  private readonly startedAt = new Date();
  private readonly started = performance.now();
  private readonly onProgress: ((progress: ValidationProgress) => void) | undefined;
  private readonly progressIntervalMs: number;
  private lastProgress = 0;

  readonly compiled: CompiledContract;
  /** The contract as given (its title, owner and provider; see `ResolvedContract`). */
  readonly contract: Contract;

  constructor(resolved: { contract: Contract; compiled: CompiledContract }, options: CheckerOptions = {}) {
    const compiled = resolved.compiled;
    this.compiled = compiled;
    this.contract = resolved.contract;
    const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
    this.log = new IssueLog(maxErrors);
    this.keys = new KeyIndex({ expectedKeys: () => this.expectedRecords(), ...options.uniqueness });
    this.maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
    this.fast = compiled.check;
    this.keyFields = resolved.contract.primaryKey;
    this.keyParts = this.keyFields.map(() => '');
    this.queueParts = new Array<string>(KEY_BATCH * this.keyFields.length).fill('');
    this.piiKey = this.keyFields.map((field) => isPiiPointer(compiled.piiPaths, `/${escapePointer(field)}`));
    this.onProgress = options.onProgress;
    this.progressIntervalMs = options.progressIntervalMs ?? 250;
    this.lastProgress = this.started;
  }

  /** Records the whole input likely holds, from the share of its bytes read so far; undefined when unknown. */
  private expectedRecords(): number | undefined {
    const { bytesRead, bytesTotal, records } = this;
    if (!bytesRead || !bytesTotal || records === 0) return undefined;
    return Math.min(this.maxRecords, Math.ceil((records * bytesTotal) / bytesRead));
  }

  /** `true` once `maxRecords` records were read: sources stop reading. */
  get full(): boolean {
    return this.records >= this.maxRecords;
  }

  /** Issues found so far. */
  get issueCount(): number {
    return this.log.total;
  }

  /** Checks one parsed record: the fast check, full issues only when it fails, then its primary key. */
  check(record: unknown): void {
    const n = ++this.records;
    let bad = false;
    try {
      if (!this.fast(record)) {
        bad = true;
        this.addSchemaIssues(record, n);
      }
      if (this.collectKey(record)) this.queueKey(n, bad);
    } catch (error) {
      // A hostile record (nested tens of thousands deep) can exhaust the stack while its issues are described.
      bad = true;
      const reason = error instanceof Error ? error.message : String(error);
      this.addOwn({
        record: n,
        path: '',
        code: error instanceof RangeError ? 'too_deep' : 'unchecked',
        message: `Record ${n} could not be checked${error instanceof RangeError ? ': it is nested too deeply' : ''} (${reason}).`,
      });
    }
    if (bad) this.invalid++;
    else this.valid++;
    if ((n & 1023) === 0 && this.onProgress) this.tick(false);
  }

  /** Counts a record that could not be parsed (an invalid NDJSON line or array element). */
  unparseable(code: UnparseableCode, message: string): void {
    const n = ++this.records;
    this.invalid++;
    this.addOwn({ record: n, path: '', code, message });
  }

  /** Adds a finding that is not about one record (a response, the input as a whole). */
  finding(code: FindingCode, message: string, path = ''): void {
    this.addOwn({ path, code, message });
  }

  /** The records and findings that follow come from this page: keys queued so far are settled first. */
  atPage(page: number, url: string): void {
    this.settle();
    this.page = page;
    this.url = url;
  }

  /** Bytes of the input read so far, and in all when known. */
  bytes(read: number, total: number | undefined): void {
    this.bytesRead = read;
    if (total !== undefined) this.bytesTotal = total;
  }

  /** Notes that the input will not be read to its end. The first reason given wins. */
  stop(reason: StopReason): void {
    this.stopReason ??= reason;
  }

  /** Reports progress now if due (or always when `force`). */
  tick(force: boolean): void {
    if (!this.onProgress) return;
    const now = performance.now();
    if (!force && now - this.lastProgress < this.progressIntervalMs) return;
    this.lastProgress = now;
    const elapsedMs = now - this.started;
    this.onProgress({
      records: this.records,
      invalid: this.invalid,
      issues: this.log.total,
      elapsedMs,
      recordsPerSecond: elapsedMs > 0 ? (this.records * 1000) / elapsedMs : 0,
      ...(this.page === undefined ? {} : { page: this.page }),
      ...(this.bytesRead === undefined ? {} : { bytesRead: this.bytesRead }),
      ...(this.bytesTotal === undefined ? {} : { bytesTotal: this.bytesTotal }),
    });
  }

  /** The report of the run so far. */
  finish(source: ReportSource, http?: HttpStats): ValidationReport {
    this.settle();
    // Keys repeated across a spill of the key memory are found now; no page is theirs.
    this.page = undefined;
    this.url = undefined;
    this.keys.finish((record, first, text, bad) => {
      if (!bad) {
        this.valid--;
        this.invalid++;
      }
      this.addDuplicateOf(
        text === undefined ? undefined : partsOfText(text, this.keyFields.length),
        record,
        first,
        0,
      );
    });
    this.tick(true);
    return buildReport({
      contract: this.contract,
      source,
      http,
      log: this.log,
      uniqueness: this.keys.summary(),
      stopReason: this.stopReason,
      counts: { records: this.records, valid: this.valid, invalid: this.invalid },
      startedAt: this.startedAt,
      started: this.started,
    });
  }

  private add(issue: ValidationIssue, check: CheckId, inOrder = false): void {
    if (this.page !== undefined) issue.page = this.page;
    if (this.url !== undefined) issue.url = this.url;
    if (inOrder) this.log.addInOrder(issue, check);
    else this.log.add(issue, check);
  }

  /** Adds an issue with one of the validator's own codes. */
  private addOwn(issue: ValidationIssue & { code: ValidatorCode }, inOrder = false): void {
    this.add(issue, checkOfValidatorCode(issue.code), inOrder);
  }

  private addSchemaIssues(record: unknown, n: number): void {
    const key = this.displayKey(record);
    const found = this.compiled.validate(record);
    if (found.length === 0) {
      this.addOwn({
        record: n,
        ...(key ? { key } : {}),
        path: '',
        code: 'schema',
        message: 'The record does not match the contract.',
      });
      return;
    }
    for (const issue of found) {
      const format = issue.keyword === 'format' ? String(issue.params.format) : '';
      const reference = format !== '' && isReferenceFormatName(format);
      const undotted = isUndottedKodeWilayah(format, valueAt(record, issue.path));
      this.add(
        {
          record: n,
          ...(key ? { key } : {}),
          path: issue.path,
          // A known code written without its dots is a different mistake from a code that does not exist.
          code: undotted ? 'kode_wilayah_undotted' : reference ? format : issue.code,
          message: issue.message,
        },
        reference ? 'reference-codes' : 'schema',
      );
    }
  }

  /** Removes what the run keeps on disk (spilled keys), after a run that failed before {@link finish}. */
  dispose(): void {
    this.keys.dispose();
  }

  private addDuplicate(at: number, n: number, first: number): void {
    this.addDuplicateOf(this.queueParts, n, first, at * this.keyFields.length);
  }

  private addDuplicateOf(parts: readonly string[] | undefined, n: number, first: number, from: number): void {
    const key = parts === undefined ? undefined : this.displayKeyOf(parts, from);
    const hashed = this.keys.mode !== 'exact' ? ' (fingerprint match)' : '';
    const fields = this.keyFields.join(', ');
    const shown = key === undefined ? '' : ` ${key}`;
    this.addOwn(
      {
        record: n,
        ...(key ? { key } : {}),
        path: this.keyFields.length === 1 ? `/${escapePointer(this.keyFields[0]!)}` : '',
        code: 'duplicate_key',
        message: `Primary key (${fields})${shown} is already used by record ${first}${hashed}.`,
      },
      true,
    );
  }

  /** Puts the record's primary-key values (as text) into `keyParts`; false when it has no complete key. */
  private collectKey(record: unknown): boolean {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) return false;
    const fields = this.keyFields;
    const parts = this.keyParts;
    for (let i = 0; i < fields.length; i++) {
      const part = keyPart(record as Record<string, unknown>, fields[i]!);
      if (part === undefined) return false;
      parts[i] = part;
    }
    return true;
  }

  /**
   * Queues the key in `keyParts` for the index. Its fingerprint covers the parts, each with its length, so
   * keys are equal exactly when the hub's RecordKeys are (values compared as text, as the hub does).
   */
  private queueKey(n: number, bad: boolean): void {
    const parts = this.keyParts;
    const count = parts.length;
    fingerprintParts(parts, count, this.fp);
    const at = this.queued++;
    this.queueHigh[at] = this.fp[0]!;
    this.queueLow[at] = this.fp[1]!;
    this.queueRecord[at] = n;
    this.queueBad[at] = bad ? 1 : 0;
    const width = parts.length;
    for (let i = 0; i < width; i++) this.queueParts[at * width + i] = parts[i]!;
    if (this.queued === KEY_BATCH) this.settle();
  }

  /**
   * Adds the queued keys to the index, in record order, and reports the duplicates among them. Keys are
   * queued a batch at a time and the batch's table slots are read first, all at once
   * ({@link KeyIndex.prefetch}): those reads overlap their cache misses, which one add after another cannot
   * (each probe waits for its slot). Sources call this before moving to another page, so a duplicate is
   * reported with its own page.
   */
  settle(): void {
    const count = this.queued;
    if (count === 0) return;
    this.queued = 0;
    const keys = this.keys;
    const width = this.keyFields.length;
    this.touched ^= keys.prefetch(this.queueLow, count);
    for (let k = 0; k < count; k++) {
      const n = this.queueRecord[k]!;
      const bad = this.queueBad[k] === 1;
      const first = keys.wantsText
        ? keys.addParts(this.queueParts, k * width, width, this.queueHigh[k]!, this.queueLow[k]!, n, bad)
        : keys.addKey(undefined, this.queueHigh[k]!, this.queueLow[k]!, n, bad);
      if (first > 0) {
        if (!bad) {
          this.valid--;
          this.invalid++;
        }
        this.addDuplicate(k, n, first);
      }
    }
    this.queueParts.fill('', 0, count * width);
  }

  /** The key as the hub writes it, PII parts masked, at most 512 characters; undefined without a key. */
  private displayKey(record: unknown): string | undefined {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
    const parts: string[] = [];
    for (let i = 0; i < this.keyFields.length; i++) {
      const part = keyPart(record as Record<string, unknown>, this.keyFields[i]!);
      if (part === undefined) return undefined;
      parts.push(part);
    }
    return this.displayKeyOf(parts, 0);
  }

  /** The key as the hub writes it from its parts (`parts[from]` onwards, one per key field). */
  private displayKeyOf(parts: readonly string[], from: number): string | undefined {
    let key = '';
    for (let i = 0; i < this.keyFields.length; i++) {
      const part = parts[from + i]!;
      key += (i === 0 ? '' : ',') + safeEncode(this.piiKey[i] ? String(maskValue(part)) : part);
    }
    if (key === '') return undefined;
    return key.length > MAX_KEY_LENGTH ? `${key.slice(0, MAX_KEY_LENGTH - 1)}…` : key;
  }
}

function keyPart(record: Record<string, unknown>, field: string): string | undefined {
  const value = record[field];
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `encodeURIComponent`, which throws on a lone surrogate: those are written as U+FFFD first. */
function safeEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'));
  }
}

/** The value at a JSON pointer (`/kepala/nik`) in a record, or `undefined`. */
function valueAt(record: unknown, pointer: string): unknown {
  let node = record;
  for (const part of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    const name = part.replaceAll('~1', '/').replaceAll('~0', '~');
    node = Object.hasOwn(node, name) ? (node as Record<string, unknown>)[name] : undefined;
  }
  return node;
}

/** Digits of an undotted kode wilayah at each level that has dots. */
const UNDOTTED_DIGITS: Readonly<Record<string, number>> = {
  'kode-wilayah-kabupaten': 4,
  'kode-wilayah-kecamatan': 6,
  'kode-wilayah-desa': 10,
};

/** `3207012008` for `kode-wilayah-desa`: the right digits, written without the dots (`32.07.01.2008`). */
function isUndottedKodeWilayah(format: string, value: unknown): boolean {
  const digits = UNDOTTED_DIGITS[format];
  return (
    digits !== undefined &&
    typeof value === 'string' &&
    value.length === digits &&
    /^\d+$/.test(value) &&
    toDottedKodeWilayah(value) !== value
  );
}
