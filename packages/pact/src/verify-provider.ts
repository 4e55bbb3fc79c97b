import { join, resolve } from 'node:path';
import { fetchFailureReason } from './fetch-failure';
import { DEFAULT_PACT_DIR, type PactLogLevel } from './hub-pact';
import { type ContractSource, loadOneContract } from './load-contracts';
import { PactError } from './pact-error';
import type { PactDocument } from './pact-files';
import { pactFromContract } from './pact-from-contract';
import { runCoreVerifier } from './run-core-verifier';
import { checkHttpUrl } from './urls';
import { buildReport, type VerificationReport, writeVerificationResults } from './verification-report';

/**
 * How the verifier authenticates to the OPD system.
 *
 * @example
 * ```ts
 * import { type ProviderAuth, verifyProvider } from '@tukar/pact';
 *
 * // SIMPUS takes a bearer token; another system might want { header: 'X-Api-Key', value: … } or { basic: … }.
 * const auth: ProviderAuth = process.env.SIMPUS_TOKEN
 *   ? { bearer: process.env.SIMPUS_TOKEN }
 *   : { basic: { username: 'tukar', password: process.env.SIMPUS_PASSWORD ?? '' } };
 * await verifyProvider({ contract: 'contracts/dinkes.puskesmas.yaml', providerBaseUrl: 'http://127.0.0.1:8090', auth });
 * ```
 */
export type ProviderAuth =
  | { bearer: string }
  | { basic: { username: string; password: string } }
  | { header: string; value: string }
  | { headers: Record<string, string> };

/**
 * Options of {@link verifyProvider}.
 *
 * @example
 * ```ts
 * import { type VerifyProviderOptions, verifyProvider } from '@tukar/pact';
 *
 * const options: VerifyProviderOptions = {
 *   contract: 'contracts/dinkes.puskesmas.yaml',
 *   providerBaseUrl: 'http://127.0.0.1:8090',
 *   auth: { header: 'X-Api-Key', value: process.env.SIMPUS_API_KEY! },
 *   provider: 'ciamis-dinkes-simpus',
 *   resultsDir: false, // only the returned report
 * };
 * const report = await verifyProvider(options);
 * ```
 */
export interface VerifyProviderOptions {
  /** The contract (a file path or a loaded contract) whose `provider` section describes the endpoint. */
  contract: ContractSource;
  /** The OPD system's base URL, e.g. `http://127.0.0.1:8090` (`provider.path` is appended). */
  providerBaseUrl: string;
  /** Credentials the OPD endpoint needs, sent with every request. */
  auth?: ProviderAuth;
  /** Who consumes the endpoint (default `tukar-hub`). */
  consumer?: string;
  /** The OPD system's name (default `opd-<contract id>`). */
  provider?: string;
  /** Where the generated pact goes (default `pacts`). */
  pactDir?: string;
  /** Where the JSON and JUnit results go (default `pacts/results`); `false` writes none. */
  resultsDir?: string | false;
  /** Pact core log level (default `error`). */
  logLevel?: PactLogLevel;
  /** Time limit of one request in ms (default 30 000). */
  requestTimeoutMs?: number;
  /** Directory relative paths are resolved against (default `process.cwd()`). */
  cwd?: string;
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

function authHeaders(auth: ProviderAuth | undefined): Record<string, string> {
  if (auth === undefined) return {};
  if (typeof auth !== 'object' || auth === null) {
    throw new PactError(
      'invalid_option',
      'verifyProvider: auth must be { bearer }, { basic }, { header, value } or { headers }',
    );
  }
  let headers: Record<string, string>;
  if ('bearer' in auth) {
    if (typeof auth.bearer !== 'string' || auth.bearer.trim() === '' || /\s/.test(auth.bearer)) {
      throw new PactError('invalid_option', 'verifyProvider: auth.bearer must be a token without spaces');
    }
    headers = { Authorization: `Bearer ${auth.bearer}` };
  } else if ('basic' in auth) {
    const { username, password } = auth.basic ?? {};
    if (typeof username !== 'string' || typeof password !== 'string' || username.includes(':')) {
      throw new PactError(
        'invalid_option',
        'verifyProvider: auth.basic needs a username (without ":") and a password',
      );
    }
    headers = { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
  } else if ('header' in auth) {
    headers = { [auth.header]: auth.value };
  } else if ('headers' in auth && typeof auth.headers === 'object' && auth.headers !== null) {
    headers = { ...auth.headers };
  } else {
    throw new PactError(
      'invalid_option',
      'verifyProvider: auth must be { bearer }, { basic }, { header, value } or { headers }',
    );
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name))
      throw new PactError(
        'invalid_option',
        `verifyProvider: ${JSON.stringify(name)} is not a valid header name`,
      );
    if (typeof value !== 'string' || /[\r\n]/.test(value)) {
      throw new PactError(
        'invalid_option',
        `verifyProvider: the value of header ${name} must be one line of text`,
      );
    }
  }
  return headers;
}

/**
 * Verifies an OPD system's endpoint against the pact made from its contract ({@link pactFromContract}):
 * the verifier asks for `provider.path` and checks the answer's status, content type, record shape and
 * pagination fields. A record field of the wrong shape fails with its JSON path, e.g.
 * `$.data[1].kode_puskesmas -> Expected 'PKM-01' to match '^P[0-9]{10}$'`.
 *
 * It checks one request (the first page) and the shape of each record's required fields; not optional
 * fields, ranges, reference lists, primary-key uniqueness or later pages: `validateEndpoint` of
 * `@tukar/validator` (`tukar validate`) does. Rejects with {@link PactError} for bad options, a contract
 * that does not load, or an endpoint that cannot be reached or does not answer HTTP.
 *
 * @example
 * ```ts
 * import { verifyProvider } from '@tukar/pact';
 *
 * const report = await verifyProvider({
 *   contract: 'contracts/dinkes.puskesmas.yaml',
 *   providerBaseUrl: 'http://127.0.0.1:8090',
 *   auth: { bearer: process.env.SIMPUS_TOKEN! },
 * });
 * console.log(report.summary);
 * ```
 */
export async function verifyProvider(options: VerifyProviderOptions): Promise<VerificationReport> {
  if (typeof options !== 'object' || options === null) {
    throw new PactError('invalid_option', 'verifyProvider: pass { contract, providerBaseUrl }');
  }
  const startedAt = new Date();
  const cwd = options.cwd ?? process.cwd();
  const providerUrl = checkHttpUrl(options.providerBaseUrl, 'verifyProvider: providerBaseUrl');
  const headers = authHeaders(options.auth);
  if (options.contract === undefined)
    throw new PactError('invalid_option', 'verifyProvider: contract is missing');
  const contract = await loadOneContract(options.contract, cwd);
  const pactOptions: Parameters<typeof pactFromContract>[1] = {
    dir: resolve(cwd, options.pactDir ?? DEFAULT_PACT_DIR),
  };
  if (options.consumer !== undefined) pactOptions.consumer = options.consumer;
  if (options.provider !== undefined) pactOptions.provider = options.provider;
  const { pact, file } = await pactFromContract(contract, pactOptions);
  const provider = pact.provider.name;
  await checkAnswers(providerUrl, pact, headers);
  const run = await runCoreVerifier({
    providerBaseUrl: providerUrl,
    provider,
    pactUrls: [file!],
    ...(Object.keys(headers).length > 0 ? { customProviderHeaders: headers } : {}),
    logLevel: options.logLevel ?? 'error',
    timeout: options.requestTimeoutMs ?? 30_000,
  });
  const report = buildReport({
    run,
    provider,
    providerUrl,
    sources: [file!],
    pacts: [{ source: file!, document: pact }],
    startedAt,
    contracts: [contract],
  });
  if (options.resultsDir !== false) {
    const dir = resolve(cwd, options.resultsDir ?? join(DEFAULT_PACT_DIR, 'results'));
    report.files = await writeVerificationResults(report, dir, provider);
  }
  return report;
}

/**
 * The endpoint must answer HTTP before it is verified: a port nobody listens on, or a server that does
 * not speak HTTP, is "could not check" (a {@link PactError}), not a failed verification.
 */
async function checkAnswers(providerUrl: string, pact: PactDocument, headers: Record<string, string>) {
  const request = (pact.interactions[0] as { request?: { path?: unknown } } | undefined)?.request;
  const path = typeof request?.path === 'string' ? request.path : '/';
  const url = `${providerUrl}${path}`;
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000), redirect: 'manual' });
    await response.body?.cancel();
  } catch (error) {
    throw new PactError(
      'verifier_failed',
      `verifyProvider: ${url} cannot be reached or does not answer HTTP (${fetchFailureReason(error)})`,
      { cause: error },
    );
  }
}
