import { resolve } from 'node:path';
import { formatProblem, loadContract } from '@tukar/contracts';
import {
  type SourceSpec,
  type ValidationReport,
  ValidatorConfigError,
  validateSource,
} from '@tukar/validator';
import { defineCommand, EXIT, type OptionValues, UsageError } from '../command';
import { displayPath } from '../format-problem';
import type { CliIO } from '../io';
import { endpointHeaders, formatOption, integer, providerOverrides, reportFiles } from '../validate/options';
import { ProgressBar } from '../validate/progress';
import { renderReport, writeReports } from '../validate/write-reports';

const text = (values: OptionValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};

/** `tukar validate --contract FILE ([--file] F | --url URL | --hub URL [--dataset ID])` */
export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'check an OPD file, endpoint or hub dataset against its data contract; write the report',
  usage:
    '--contract <file> (<path> | --file <path> | --url <base-url> | --hub <url> [--dataset <id>]) [options]',
  description: `
SOP steps 8–10: the OPD checks its own system, and a validation report is made and delivered.
Reads the records from a file (JSON array or NDJSON, gzip accepted, "-" for stdin; given as
the one argument or with --file), from the
OPD endpoint (base URL + the contract's provider section: every pagination style, retries,
timeouts), or from a dataset on the hub; checks the schema, the reference codes (kode wilayah,
NIK, …), primary-key uniqueness and, for endpoints, HTTP status, content type, response time
and the response envelope. Streams: memory stays flat however large the input.

The run is complete only when the end of the data is proven: for an endpoint, no next link, the
last page of a stated total or page count, an empty page, or a cursor that ends (a short page is
not the end); the report says when it is not. Primary-key uniqueness is exact at any size (keys
that do not fit in memory are compared on disk, in temporary files removed at the end).

Prints a summary (a progress line on a terminal's stderr for long runs); --report writes the
report files (.html is the printable Laporan Hasil Validasi, .json, .md, .xml for JUnit).
Personal data (x-pii fields) is masked in every output.

Endpoint auth: --header "Name: value", --bearer-env VAR (Authorization: Bearer $VAR), and the
lines of TUKAR_VALIDATE_HEADERS ("Name: value" each). Hub: the API key is read from
TUKAR_API_KEY (or the variable --api-key-env names).`,
  options: {
    contract: {
      type: 'string',
      short: 'c',
      valueName: 'file',
      description: 'the data contract (YAML or JSON)',
    },
    file: {
      type: 'string',
      short: 'f',
      valueName: 'path',
      description: 'records file: JSON array or NDJSON, gzip ok; - for stdin',
    },
    url: {
      type: 'string',
      short: 'u',
      valueName: 'base-url',
      description: "the OPD system's base URL (the provider path is appended)",
    },
    hub: { type: 'string', valueName: 'url', description: 'a Tukar hub to read the dataset from' },
    dataset: { type: 'string', valueName: 'id', description: 'hub dataset id (default: the contract id)' },
    report: {
      type: 'string',
      short: 'o',
      valueName: 'file[,file]',
      description: 'write report file(s): .html, .json, .md, .xml (JUnit)',
    },
    format: {
      type: 'string',
      valueName: 'fmt',
      description: 'terminal, json, md, junit, html or hub (stdout, or the one --report)',
    },
    json: { type: 'boolean', description: 'same as --format json' },
    'max-errors': {
      type: 'string',
      valueName: 'n',
      description: 'issues listed in full (default 1000); counting goes on past it',
    },
    'max-records': { type: 'string', valueName: 'n', description: 'stop after n records' },
    'max-pages': {
      type: 'string',
      valueName: 'n',
      description: 'endpoint: stop after n pages (default 10000)',
    },
    'input-format': { type: 'string', valueName: 'fmt', description: 'file: auto (default), json or ndjson' },
    path: {
      type: 'string',
      valueName: 'path',
      description: "endpoint: override the provider's path, e.g. /api/puskesmas",
    },
    records: {
      type: 'string',
      valueName: 'dot.path',
      description: "endpoint: where the records are in the body ('.' = the body)",
    },
    pagination: {
      type: 'string',
      valueName: 'style',
      description: 'endpoint: none, page, offset, next-link:PATH, cursor:PATH or JSON',
    },
    limit: { type: 'string', valueName: 'n', description: 'endpoint: records per page to ask for' },
    header: {
      type: 'string',
      short: 'H',
      valueName: 'header',
      description: 'endpoint: send "Name: value" with every request',
    },
    'bearer-env': {
      type: 'string',
      valueName: 'var',
      description: 'endpoint: send Authorization: Bearer with the token in $var',
    },
    'api-key-env': {
      type: 'string',
      valueName: 'var',
      description: 'hub: the variable holding the API key (default TUKAR_API_KEY)',
    },
    concurrency: {
      type: 'string',
      valueName: 'n',
      description: 'endpoint: pages fetched at once when the page count is known (default 4)',
    },
    timeout: { type: 'string', valueName: 'ms', description: 'time limit of one request (default 30000)' },
    retries: {
      type: 'string',
      valueName: 'n',
      description: 'endpoint: repeats after 5xx, 429, timeouts, network errors (default 2)',
    },
    delay: {
      type: 'string',
      valueName: 'ms',
      description: 'endpoint: pause before each request after the first (default 0)',
    },
    'latency-budget': {
      type: 'string',
      valueName: 'ms',
      description: "endpoint: response-time budget (default: the contract's, 2000)",
    },
    integration: {
      type: 'string',
      valueName: 'id',
      description: 'integration id (int_…) put in --format hub output and the HTML report',
    },
    quiet: {
      type: 'boolean',
      short: 'q',
      description: 'no progress line and no summary when writing --report',
    },
  },
  examples: [
    'tukar validate ekspor/puskesmas.ndjson.gz -c contracts/dinkes.puskesmas.yaml',
    'tukar validate -c contracts/dinkes.puskesmas.yaml -f ekspor/puskesmas.ndjson.gz',
    'tukar validate -c contracts/dinkes.puskesmas.yaml -u https://simpus.dinkes.example.go.id --bearer-env SIMPUS_TOKEN --report laporan.html,junit.xml',
    'tukar validate -c contracts/disdik.sekolah.yaml -u http://10.0.0.5 --pagination page --limit 200 --delay 100',
    'TUKAR_API_KEY=tk_… tukar validate -c contracts/dinkes.puskesmas.yaml --hub https://hub.ciamiskab.example.go.id --format md',
    'cat data.json | tukar validate -c contract.yaml -f - --json',
  ],
  exitCodes: [
    [EXIT.ok, 'checked and valid: no issue found'],
    [EXIT.failure, 'checked and invalid: at least one issue (see the report)'],
    [
      EXIT.usage,
      'could not check, no report: bad flag, contract that does not load, missing file, unreachable or non-HTTP endpoint or hub, refused credentials (401/403), hub refusal',
    ],
  ],
  async run({ io, values, positionals, colors, commandPath }) {
    // The input file may be the one argument, as ajv-cli takes it: `tukar validate data.ndjson -c contract.yaml`.
    const flagged = ['file', 'url', 'hub'].some((name) => text(values, name) !== undefined);
    if (positionals.length > (flagged ? 0 : 1)) {
      const extra = positionals[flagged ? 0 : 1]!;
      throw new UsageError(
        'bad_arguments',
        `unexpected argument ${JSON.stringify(extra)}: give one input, as the argument or with --file, --url or --hub.\nRun '${commandPath} --help' for usage.`,
      );
    }
    const options: OptionValues = positionals.length === 1 ? { ...values, file: positionals[0] } : values;
    const contractPath = text(options, 'contract');
    if (!contractPath) {
      throw new UsageError(
        'bad_arguments',
        `--contract is required.\nRun '${commandPath} --help' for usage.`,
      );
    }
    const sources = ['file', 'url', 'hub'].filter((name) => text(options, name) !== undefined);
    if (sources.length !== 1) {
      throw new UsageError(
        'bad_arguments',
        `${sources.length === 0 ? 'no input given' : `give one input, not --${sources.join(' and --')}`}: give the file as the argument, or use --file, --url or --hub.\nRun '${commandPath} --help' for usage.`,
      );
    }
    if (text(options, 'dataset') !== undefined && sources[0] !== 'hub') {
      throw new UsageError(
        'bad_arguments',
        '--dataset goes with --hub: add --hub <url> to read the dataset from a hub, or leave --dataset out',
      );
    }
    const format = formatOption(options);
    const files = reportFiles(options, format, io.cwd);
    const contractFile = resolve(io.cwd, contractPath);
    const loaded = await loadContract(contractFile, { filename: displayPath(contractFile, io.cwd) });
    if (!loaded.ok) {
      const problems = loaded.problems.slice(0, 10).map((problem) => `  ${formatProblem(problem)}`);
      throw new UsageError(
        'bad_config',
        [`the contract does not load (run 'tukar contract lint ${contractPath}'):`, ...problems].join('\n'),
      );
    }
    const contract = loaded.contract;
    const quiet = options.quiet === true;
    const progress = new ProgressBar(io.stderr);
    const common = {
      maxErrors: integer(options, 'max-errors', 0),
      maxRecords: integer(options, 'max-records', 1),
      ...(progress.enabled && !quiet
        ? { onProgress: progress.update.bind(progress), progressIntervalMs: 100 }
        : {}),
    };
    const source = buildSource(sources[0] as 'file' | 'url' | 'hub', options, io, contract, common);
    let report: ValidationReport;
    try {
      report = await validateSource(contract, source);
    } catch (error) {
      if (error instanceof ValidatorConfigError)
        throw new UsageError('bad_config', error.message, { cause: error });
      throw error;
    } finally {
      progress.clear();
    }
    const integrationId = text(options, 'integration');
    await writeReports(report, files, integrationId ? { integrationId } : {});
    // --format names the one --report's format; with no report (or several) it is what stdout shows.
    const stdoutFormat = files.length === 1 ? 'terminal' : (format ?? 'terminal');
    if (!(quiet && files.length > 0)) {
      io.stdout.write(
        renderReport(report, stdoutFormat, {
          color: colors.stdout.enabled,
          ...(integrationId ? { integrationId } : {}),
        }),
      );
    }
    for (const file of files)
      io.stderr.write(`${colors.stderr.dim('report')}: ${displayPath(file.path, io.cwd)} (${file.format})\n`);
    return report.verdict === 'valid' ? EXIT.ok : EXIT.failure;
  },
});

function buildSource(
  kind: 'file' | 'url' | 'hub',
  values: OptionValues,
  io: CliIO,
  contract: Parameters<typeof providerOverrides>[1],
  common: Record<string, unknown>,
): SourceSpec {
  const timeoutMs = integer(values, 'timeout', 1);
  if (kind === 'file') {
    const path = text(values, 'file')!;
    const inputFormat = text(values, 'input-format') ?? 'auto';
    if (!['auto', 'json', 'ndjson'].includes(inputFormat)) {
      throw new UsageError(
        'bad_arguments',
        `--input-format must be auto, json or ndjson; got ${JSON.stringify(inputFormat)} (leave it out to detect the format)`,
      );
    }
    const stdin = (io as CliIO & { stdin?: NodeJS.ReadableStream }).stdin;
    return {
      kind: 'file',
      path: path === '-' ? '-' : resolve(io.cwd, path),
      format: inputFormat as 'auto' | 'json' | 'ndjson',
      ...(stdin ? { stdin } : {}),
      ...common,
    };
  }
  if (kind === 'url') {
    const maxPages = integer(values, 'max-pages', 1);
    const concurrency = integer(values, 'concurrency', 1);
    const retries = integer(values, 'retries', 0);
    const delayMs = integer(values, 'delay', 0);
    return {
      kind: 'endpoint',
      baseUrl: text(values, 'url')!,
      provider: providerOverrides(values, contract),
      headers: endpointHeaders(values, io.env),
      ...(maxPages === undefined ? {} : { maxPages }),
      ...(concurrency === undefined ? {} : { concurrency }),
      ...(retries === undefined ? {} : { retries }),
      ...(delayMs === undefined ? {} : { delayMs }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...common,
    };
  }
  const keyVariable = text(values, 'api-key-env') ?? 'TUKAR_API_KEY';
  const apiKey = io.env[keyVariable];
  if (!apiKey) {
    throw new UsageError(
      'bad_config',
      `no API key for the hub: set ${keyVariable}${text(values, 'api-key-env') ? '' : ' (or name another variable with --api-key-env)'}`,
    );
  }
  return {
    kind: 'hub',
    baseUrl: text(values, 'hub')!,
    apiKey,
    datasetId: text(values, 'dataset') ?? contract.contract,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...common,
  };
}
