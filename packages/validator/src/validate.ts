import { ValidatorConfigError } from './config-error';
import { type ContractInput, type ResolvedContract, resolveContract } from './contract-input';
import { consumeSource } from './engine/consume-source';
import { type CheckerOptions, RecordChecker } from './engine/record-checker';
import type { RecordSource } from './engine/source-event';
import type { ValidationReport } from './report';
import { crawlEndpoint } from './sources/endpoint/crawl-endpoint';
import { type EndpointOptions, resolveCrawl } from './sources/endpoint/crawl-options';
import { type FileReadOptions, openInputFile, readRecords } from './sources/file-source';
import { type HubDatasetOptions, readHubDataset } from './sources/hub-source';
import { maskUrl } from './sources/mask-url';

/**
 * Options of {@link validateFile}.
 *
 * @example
 * ```ts
 * import { type FileValidationOptions, validateFile } from '@tukar/validator';
 *
 * const options: FileValidationOptions = { format: 'ndjson', maxErrors: 200, maxRecords: 500_000 };
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson.gz', options);
 * console.log(report.verdict, report.counts.records);
 * ```
 */
export interface FileValidationOptions extends CheckerOptions, FileReadOptions {
  /** The stream read for the path `-` (default `process.stdin`). */
  stdin?: NodeJS.ReadableStream;
}

/**
 * Options of {@link validateStream}.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { renderJson, type StreamValidationOptions, validateStream } from '@tukar/validator';
 *
 * createServer(async (req, res) => {
 *   const size = Number(req.headers['content-length']);
 *   const options: StreamValidationOptions = { location: 'unggahan/puskesmas.ndjson', maxErrors: 100 };
 *   if (size > 0) options.size = size;
 *   const report = await validateStream('contracts/dinkes.puskesmas.yaml', req, options);
 *   res.setHeader('content-type', 'application/json').end(renderJson(report));
 * }).listen(8081, '127.0.0.1');
 * ```
 */
export interface StreamValidationOptions extends CheckerOptions, FileReadOptions {
  /** What the report names as the source (default `-`). */
  location?: string;
  /** Size of the input in bytes, when known (for progress). */
  size?: number;
}

/**
 * Any source, for {@link validateSource}: `kind` says which, the other fields are that source's options.
 *
 * @example
 * ```ts
 * import { type SourceSpec, validateSource } from '@tukar/validator';
 *
 * const source: SourceSpec = process.env.TUKAR_API_KEY
 *   ? { kind: 'hub', baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_API_KEY, datasetId: 'dinkes.puskesmas' }
 *   : { kind: 'file', path: 'ekspor/puskesmas.json', format: 'json' };
 * const report = await validateSource('contracts/dinkes.puskesmas.yaml', source);
 * ```
 */
export type SourceSpec =
  | ({ kind: 'file'; path: string } & FileValidationOptions)
  | ({ kind: 'endpoint' } & EndpointOptions)
  | ({ kind: 'hub' } & HubDatasetOptions);

function checkCommon(options: CheckerOptions): void {
  const { maxErrors, maxRecords } = options;
  if (maxErrors !== undefined && (!Number.isInteger(maxErrors) || maxErrors < 0)) {
    throw new ValidatorConfigError(
      'invalid_option',
      `maxErrors must be a whole number ≥ 0, got ${String(maxErrors)}`,
    );
  }
  if (maxRecords !== undefined && (!Number.isInteger(maxRecords) || maxRecords < 1)) {
    throw new ValidatorConfigError(
      'invalid_option',
      `maxRecords must be a whole number ≥ 1, got ${String(maxRecords)}`,
    );
  }
}

/**
 * Validates a file of records (a JSON array or NDJSON, detected; gzip accepted; `-` for stdin) against a
 * contract, streaming: one record in memory at a time.
 *
 * @throws {ValidatorConfigError} when the contract does not load or the file does not exist.
 * @example
 * ```ts
 * import { renderTerminal, validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'export/puskesmas.ndjson.gz');
 * console.log(renderTerminal(report));
 * process.exitCode = report.verdict === 'valid' ? 0 : 1;
 * ```
 */
export async function validateFile(
  contract: ContractInput,
  path: string,
  options: FileValidationOptions = {},
): Promise<ValidationReport> {
  checkCommon(options);
  const resolved = await resolveContract(contract);
  const { stream, size } = await openInputFile(path, options.stdin);
  return run(resolved, stream, { ...options, location: path, ...(size === undefined ? {} : { size }) });
}

/**
 * Validates records read from a byte stream (a JSON array or NDJSON, gzip accepted), such as an HTTP
 * upload or `process.stdin`.
 *
 * @example
 * ```ts
 * const report = await validateStream(contract, Readable.from([ndjsonText]), { location: 'upload.ndjson' });
 * ```
 */
export async function validateStream(
  contract: ContractInput,
  input: AsyncIterable<Uint8Array>,
  options: StreamValidationOptions = {},
): Promise<ValidationReport> {
  checkCommon(options);
  return run(await resolveContract(contract), input, options);
}

/** Runs a source into the checker; when it fails, what the checker keeps on disk is removed. */
async function consume(checker: RecordChecker, source: RecordSource): Promise<void> {
  try {
    await consumeSource(checker, source);
  } catch (error) {
    checker.dispose();
    throw error;
  }
}

async function run(
  resolved: ResolvedContract,
  input: AsyncIterable<Uint8Array>,
  options: StreamValidationOptions,
): Promise<ValidationReport> {
  const checker = new RecordChecker(resolved, options);
  const file = readRecords(input, options);
  await consume(checker, file.events);
  return checker.finish({ kind: 'file', location: options.location ?? '-', ...file.read() });
}

/**
 * Crawls a live OPD endpoint as the contract's `provider` section says (or `options.provider` overrides):
 * every pagination style, auth headers, bounded concurrency, timeouts, retries, page and record caps.
 * Checks each answer (status, content type, response time, envelope) and each record.
 *
 * @throws {ValidatorConfigError} when the contract does not load, has no provider section and no path
 * is given, an option cannot work, or the first request gets no HTTP answer (`unreachable`) or is refused
 * (401, 403: `endpoint_refused`): nothing was checked, so there is no verdict.
 * @example
 * ```ts
 * const report = await validateEndpoint('contracts/dinkes.puskesmas.yaml', {
 *   baseUrl: 'https://simpus.dinkes.ciamiskab.example.go.id',
 *   headers: { authorization: `Bearer ${process.env.SIMPUS_TOKEN}` },
 *   maxPages: 500,
 * });
 * ```
 */
export async function validateEndpoint(
  contract: ContractInput,
  options: EndpointOptions,
): Promise<ValidationReport> {
  checkCommon(options);
  const resolved = await resolveContract(contract);
  const crawl = resolveCrawl(resolved.contract.provider, options);
  const checker = new RecordChecker(resolved, options);
  const endpoint = crawlEndpoint(crawl);
  await consume(checker, endpoint.events);
  return checker.finish({ kind: 'endpoint', location: maskUrl(crawl.firstUrl.href) }, endpoint.stats());
}

/**
 * Validates every record of a dataset stored on a Tukar hub, read through `@tukar/client`.
 *
 * @throws {ValidatorConfigError} when the contract does not load, an option is wrong, the hub refuses
 * the first request (401, 403, 404), or cannot be reached (`unreachable`).
 * @example
 * ```ts
 * const report = await validateHubDataset('contracts/dinkes.puskesmas.yaml', {
 *   baseUrl: 'https://hub.ciamiskab.example.go.id',
 *   apiKey: process.env.TUKAR_API_KEY!,
 *   datasetId: 'dinkes.puskesmas',
 * });
 * ```
 */
export async function validateHubDataset(
  contract: ContractInput,
  options: HubDatasetOptions,
): Promise<ValidationReport> {
  checkCommon(options);
  const resolved = await resolveContract(contract);
  const checker = new RecordChecker(resolved, options);
  await consume(checker, readHubDataset(options));
  const location = `${maskUrl(options.baseUrl).replace(/\/+$/, '')}#${options.datasetId}`;
  return checker.finish({ kind: 'hub', location });
}

/**
 * One entry point for every source: a file, a live endpoint or a hub dataset.
 *
 * @example
 * ```ts
 * const report = await validateSource(contract, { kind: 'file', path: 'export/puskesmas.json', maxErrors: 200 });
 * ```
 */
export function validateSource(contract: ContractInput, source: SourceSpec): Promise<ValidationReport> {
  switch (source.kind) {
    case 'file': {
      const { kind: _kind, path, ...options } = source;
      return validateFile(contract, path, options);
    }
    case 'endpoint': {
      const { kind: _kind, ...options } = source;
      return validateEndpoint(contract, options);
    }
    case 'hub': {
      const { kind: _kind, ...options } = source;
      return validateHubDataset(contract, options);
    }
    default:
      return Promise.reject(
        new ValidatorConfigError(
          'invalid_option',
          `unknown source kind ${JSON.stringify((source as { kind?: unknown }).kind)}`,
        ),
      );
  }
}
