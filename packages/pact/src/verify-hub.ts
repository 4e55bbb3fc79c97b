import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fetchFailureReason } from './fetch-failure';
import { DEFAULT_PACT_DIR, HUB_PROVIDER_NAME, type PactLogLevel } from './hub-pact';
import { createHubStateHandlers } from './hub-state-handlers';
import { type ContractSource, loadContracts } from './load-contracts';
import { PactError } from './pact-error';
import { type LoadedPact, loadPacts } from './pact-files';
import { type CoreVerifierOptions, runCoreVerifier } from './run-core-verifier';
import { checkHttpUrl } from './urls';
import { STATE_CHANGE_PATH, startVerificationProxy } from './verification-proxy';
import {
  buildReport,
  type StateError,
  type VerificationReport,
  writeVerificationResults,
} from './verification-report';

/**
 * A Pact Broker to take pacts from (and publish results to).
 *
 * @example
 * ```ts
 * import { type BrokerOptions, verifyHub } from '@tukar/pact';
 *
 * const broker: BrokerOptions = {
 *   url: 'https://pact-broker.diskominfo.example.go.id',
 *   token: process.env.PACT_BROKER_TOKEN,
 *   publishResults: true,
 *   providerVersion: process.env.GIT_SHA,
 *   providerBranch: 'main',
 * };
 * const report = await verifyHub({ hubUrl: 'http://127.0.0.1:8080', adminKey: process.env.TUKAR_ADMIN_KEY!, broker });
 * ```
 */
export interface BrokerOptions {
  /** The broker's base URL, e.g. `https://pact-broker.diskominfo.example.go.id`. */
  url: string;
  /** Bearer token (PactFlow, or a broker behind a token). */
  token?: string;
  username?: string;
  password?: string;
  /** Which consumer versions to verify (default: each consumer's latest on its main branch and deployed ones). */
  consumerVersionSelectors?: Array<Record<string, unknown>>;
  /** Verify pending pacts without failing on them (default true). */
  enablePending?: boolean;
  /** Publish the results to the broker (needs `providerVersion`). */
  publishResults?: boolean;
  /** The provider version the results are for, e.g. a git SHA. */
  providerVersion?: string;
  /** The provider's branch, e.g. `main`. */
  providerBranch?: string;
  /** Link to the CI run, shown in the broker. */
  buildUrl?: string;
}

/**
 * Options of {@link verifyHub}.
 *
 * @example
 * ```ts
 * import { type VerifyHubOptions, verifyHub } from '@tukar/pact';
 *
 * const options: VerifyHubOptions = {
 *   hubUrl: 'http://127.0.0.1:8080',
 *   adminKey: process.env.TUKAR_ADMIN_KEY!,
 *   pacts: ['pacts/ciamis-dinkes-simpus-tukar-hub.json'],
 *   contracts: ['contracts'],
 *   resultsDir: 'reports/pact',
 *   timeoutMs: 120_000,
 * };
 * const report = await verifyHub(options);
 * ```
 */
export interface VerifyHubOptions {
  /** The hub to verify, e.g. `http://127.0.0.1:8080` (a test hub: states write contracts, clients and records). */
  hubUrl: string;
  /** The hub's admin API key: the provider states are set up through the admin API. */
  adminKey: string;
  /** Pact files or directories (default `pacts/` when no broker is given). */
  pacts?: Array<string | object>;
  /** A Pact Broker to take the pacts from instead of files. */
  broker?: BrokerOptions;
  /** Contract files, directories or contracts the `contract is agreed` state may publish. */
  contracts?: ContractSource[];
  /** The hub's name in the pacts (default `tukar-hub`). */
  provider?: string;
  /** Where the JSON and JUnit results go (default `pacts/results`); `false` writes none. */
  resultsDir?: string | false;
  /** Pact core log level (default `error`). */
  logLevel?: PactLogLevel;
  /** Time limit of one request to the hub in ms (default 30 000). */
  requestTimeoutMs?: number;
  /** Time limit of the whole verification in ms (default 300 000). */
  timeoutMs?: number;
  /** Directory relative paths are resolved against (default `process.cwd()`). */
  cwd?: string;
}

/**
 * Verifies the pacts of OPD systems against a running hub: each interaction's provider states are set
 * up through the hub's admin API (see {@link HUB_STATES}), its request is sent with the key of the
 * client its states name, and the answer is compared with the pact. Writes the results as JSON (for the
 * integration record, SOP step 7) and JUnit XML (for CI) under `pacts/results/`.
 *
 * Resolves with the report whether or not the hub met the pacts; rejects with {@link PactError} only
 * for bad options, missing pacts or a hub that cannot be reached.
 *
 * @example
 * ```ts
 * import { verifyHub } from '@tukar/pact';
 *
 * const report = await verifyHub({
 *   hubUrl: 'http://127.0.0.1:8080',
 *   adminKey: process.env.TUKAR_ADMIN_KEY!,
 *   pacts: ['pacts'],
 *   contracts: ['contracts'],
 * });
 * console.log(report.summary);
 * process.exitCode = report.ok ? 0 : 1;
 * ```
 */
export async function verifyHub(options: VerifyHubOptions): Promise<VerificationReport> {
  if (typeof options !== 'object' || options === null) {
    throw new PactError('invalid_option', 'verifyHub: pass { hubUrl, adminKey, pacts | broker }');
  }
  const startedAt = new Date();
  const cwd = options.cwd ?? process.cwd();
  const hubUrl = checkHttpUrl(options.hubUrl, 'verifyHub: hubUrl');
  if (typeof options.adminKey !== 'string' || !/^tk_[A-Za-z0-9_-]{43}$/.test(options.adminKey)) {
    throw new PactError(
      'invalid_option',
      'verifyHub: adminKey must be the hub admin API key ("tk_" followed by 43 characters), e.g. from TUKAR_ADMIN_KEY',
    );
  }
  const provider = options.provider ?? HUB_PROVIDER_NAME;
  const temporary: string[] = [];
  let report: VerificationReport;
  try {
    const { pacts, sources, core } = await pactSource(options, provider, cwd, temporary);
    const contracts = await loadContracts(options.contracts ?? [], cwd);
    await checkReachable(hubUrl);
    const states = createHubStateHandlers({ hubUrl, adminKey: options.adminKey, contracts });
    const stateErrors: StateError[] = [];
    const proxy = await startVerificationProxy({
      targetUrl: hubUrl,
      onStateChange: async (change) => {
        if (change.action === 'teardown') {
          states.teardown();
          return {};
        }
        try {
          return await states.setup(change.state, change.params);
        } catch (error) {
          // The verifier only learns "state change failed"; the report gets the reason from here.
          stateErrors.push({
            state: change.state,
            message: error instanceof Error ? error.message : String(error),
          });
          throw error;
        }
      },
      rewriteHeaders: async (headers) => {
        if (!headers.has('authorization') || states.auth.keepAuthorization) return;
        headers.set('authorization', `Bearer ${states.auth.apiKey ?? (await states.verifierKey())}`);
      },
    });
    try {
      const run = await runCoreVerifier(
        {
          ...core,
          providerBaseUrl: proxy.url,
          provider,
          providerStatesSetupUrl: `${proxy.url}${STATE_CHANGE_PATH}`,
          providerStatesSetupTeardown: true,
          providerStatesSetupBody: true,
          logLevel: options.logLevel ?? 'error',
          timeout: options.requestTimeoutMs ?? 30_000,
        },
        options.timeoutMs,
      );
      report = buildReport({ run, provider, providerUrl: hubUrl, sources, pacts, startedAt, stateErrors });
    } finally {
      await proxy.close();
    }
  } finally {
    await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
  }
  if (options.resultsDir !== false) {
    const dir = options.resultsDir ?? join(DEFAULT_PACT_DIR, 'results');
    report.files = await writeVerificationResults(report, resolve(cwd, dir), provider);
  }
  return report;
}

async function pactSource(
  options: VerifyHubOptions,
  provider: string,
  cwd: string,
  temporary: string[],
): Promise<{ pacts: LoadedPact[]; sources: string[]; core: Partial<CoreVerifierOptions> }> {
  if (options.broker !== undefined) {
    const broker = options.broker;
    const url = checkHttpUrl(broker?.url, 'verifyHub: broker.url');
    if (broker.publishResults && !broker.providerVersion) {
      throw new PactError(
        'invalid_option',
        'verifyHub: broker.publishResults needs broker.providerVersion (e.g. the git SHA)',
      );
    }
    const core: Partial<CoreVerifierOptions> = {
      pactBrokerUrl: url,
      enablePending: broker.enablePending ?? true,
      consumerVersionSelectors: broker.consumerVersionSelectors ?? [
        { mainBranch: true },
        { deployedOrReleased: true },
      ],
      publishVerificationResult: broker.publishResults ?? false,
      failIfNoPactsFound: true,
    };
    if (broker.token) core.pactBrokerToken = broker.token;
    if (broker.username) core.pactBrokerUsername = broker.username;
    if (broker.password) core.pactBrokerPassword = broker.password;
    if (broker.providerVersion) core.providerVersion = broker.providerVersion;
    if (broker.providerBranch) core.providerVersionBranch = broker.providerBranch;
    if (broker.buildUrl) core.buildUrl = broker.buildUrl;
    return { pacts: [], sources: [url], core };
  }
  const loaded = await loadPacts(options.pacts ?? [DEFAULT_PACT_DIR], cwd);
  const mine = loaded.filter((pact) => pact.document.provider.name === provider);
  if (mine.length === 0) {
    const others = [...new Set(loaded.map((pact) => pact.document.provider.name))];
    throw new PactError(
      'no_pacts',
      `verifyHub: no pact with provider "${provider}" in ${(options.pacts ?? [DEFAULT_PACT_DIR]).map(String).join(', ')}${
        others.length > 0 ? ` (found pacts for: ${others.join(', ')})` : ''
      }`,
    );
  }
  // Pacts passed as objects are verified from temporary files: the verifier reads files or URLs.
  const files: string[] = [];
  for (const pact of mine) {
    if (!pact.source.startsWith('(')) {
      files.push(pact.source);
      continue;
    }
    const dir = await mkdtemp(join(tmpdir(), 'tukar-pact-'));
    temporary.push(dir);
    const file = join(dir, 'pact.json');
    await writeFile(file, JSON.stringify(pact.document));
    files.push(file);
  }
  return { pacts: mine, sources: files, core: { pactUrls: files } };
}

async function checkReachable(hubUrl: string): Promise<void> {
  try {
    const response = await fetch(`${hubUrl}/v1/health`, { signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
  } catch (error) {
    const reason = fetchFailureReason(error);
    throw new PactError('verifier_failed', `verifyHub: the hub at ${hubUrl} cannot be reached (${reason})`, {
      cause: error,
    });
  }
}
