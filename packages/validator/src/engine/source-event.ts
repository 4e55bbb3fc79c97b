import type { StopReason } from '../report';

/**
 * Codes of what a source finds about its input (a response, the input as a whole): every one belongs to a
 * check in `CHECK_OF_CODE`, so a code that is not listed there is a compile error.
 */
export type FindingCode =
  | 'invalid_json'
  | 'not_ndjson'
  | 'not_json_array'
  | 'not_text'
  | 'trailing_data'
  | 'truncated'
  | 'record_too_large'
  | 'unreadable'
  | 'hub_error'
  | 'http_status'
  | 'network_error'
  | 'timeout'
  | 'content_type'
  | 'latency'
  | 'envelope'
  | 'body_not_json'
  | 'body_too_large'
  | 'pagination_loop'
  | 'pagination_offsite';

/** Codes of a record that could not be parsed (it counts as an invalid record). */
export type UnparseableCode = Extract<FindingCode, 'invalid_json' | 'record_too_large'>;

/**
 * The codes the validator itself gives an issue: a source's findings, and the engine's own (a record that
 * could not be checked, a duplicate key, a record that fails the fast check with no detail, a kode wilayah
 * written without its dots).
 */
export type ValidatorCode =
  | FindingCode
  | 'too_deep'
  | 'unchecked'
  | 'duplicate_key'
  | 'schema'
  | 'kode_wilayah_undotted';

/**
 * What a source produces, in input order; the engine ({@link consumeSource}) consumes it. A source never
 * sees the engine: it says where the records come from (`page`, `bytes`), hands over records in batches,
 * reports findings, and says why it stopped before the end of its input (`stop`).
 */
export type SourceEvent =
  /** Records in input order (a file chunk's, a page's). */
  | { type: 'records'; records: readonly unknown[] }
  /** One record that could not be parsed: it counts as an invalid record, in its place. */
  | { type: 'unparseable'; code: UnparseableCode; message: string }
  /** Something found about the input, not about one record. */
  | { type: 'finding'; code: FindingCode; message: string; path?: string }
  /** The records and findings that follow come from this page (before the page is requested). */
  | { type: 'page'; page: number; url: string }
  /** Bytes of the input read so far, and in all when known (for progress and sizing the key index). */
  | { type: 'bytes'; read: number; total?: number }
  /** The input will not be read to its end. The first reason given wins. */
  | { type: 'stop'; reason: StopReason };

/** A source: an async sequence of {@link SourceEvent}s. Stopping the iteration stops the source. */
export type RecordSource = AsyncIterable<SourceEvent>;
