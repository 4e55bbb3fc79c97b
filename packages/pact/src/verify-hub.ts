import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHubClient, HubError } from '@tukar/client';
import { fetchFailureReason } from './fetch-failure';
import { DEFAULT_PACT_DIR, HUB_PROVIDER_NAME, type PactLogLevel } from './hub-pact';
import { createHubStateHandlers, type HubStateHandlers } from './hub-state-handlers';
import { type ContractSource, loadContracts } from './load-contracts';
import { PactError } from './pact-error';
import { type LoadedPact, loadPacts } from './pact-files';
import { type CoreVerifierOptions, runCoreVerifier } from './run-core-verifier';
import { isObject } from './schema-walk';
import { checkHttpUrl } from './urls';
import { STATE_CHANGE_PATH, startVerificationProxy } from './verification-proxy';
import {
  buildReport,
  type StateError,
  type VerificationReport,
  writeVerificationResults,
} from './verification-report';
import { createVerificationScope, type VerificationScope } from './verification-scope';

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
  /** The hub to verify, e.g. `http://127.0.0.1:8080`: a disposable test hub (see `allowNonDisposableHub`). */
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
  /**
   * Verify a hub that does not say it is disposable (`GET /v1/health`: not a memory store, not started
   * with `disposable: true`). Default `false`: such a hub is refused with a `hub_not_disposable` error.
   * Even then the states only add their own run-scoped contracts, datasets and clients.
   */
  allowNonDisposableHub?: boolean;
}

/**
 * Verifies the pacts of OPD systems against a running hub: each interaction's provider states are set
 * up through the hub's admin API (see {@link HUB_STATES}), its request is sent with the key of the
 * client its states name, and the answer is compared with the pact. Writes the results as JSON (for the
 * integration record, SOP step 7) and JUnit XML (for CI) under `pacts/results/`.
 *
 * The verification never changes data it did not create: the states work on run-scoped copies
 * (contract and dataset `pact-<run>.dinkes.puskesmas`, a new client `pact-<run>-<n>-ciamis/dinkes/simpus`
 * for each interaction), the requests and answers are translated between the pacts' names and the
 * scoped ones, grants are only ever added, and every key the run issued is revoked when it ends, passed
 * or failed. A hub that does not report itself disposable in `GET /v1/health` is refused unless
 * `allowNonDisposableHub` is set.
 *
 * Resolves with the report whether or not the hub met the pacts; rejects with {@link PactError} only
 * for bad options, missing pacts, a hub that cannot be reached or is not disposable, or keys that could
 * not be revoked.
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
    await checkDisposable(hubUrl, options.allowNonDisposableHub === true);
    await checkAdminKey(hubUrl, options.adminKey);
    const scope = createVerificationScope();
    // Revoked by close(); should the process die first, they expire shortly after the time limit.
    const keysExpireAt = new Date(Date.now() + (options.timeoutMs ?? 300_000) + 10 * 60_000).toISOString();
    const states = createHubStateHandlers({
      hubUrl,
      adminKey: options.adminKey,
      contracts,
      scope,
      keysExpireAt,
    });
    let unrevoked: string[] = [];
    try {
      const run = await runThroughProxy(
        hubUrl,
        scope,
        states,
        {
          ...core,
          provider,
          logLevel: options.logLevel ?? 'error',
          timeout: options.requestTimeoutMs ?? 30_000,
        },
        options.timeoutMs,
      );
      report = buildReport({
        ...run,
        provider,
        providerUrl: hubUrl,
        sources,
        pacts,
        startedAt,
        contracts: [...contracts, ...states.contractsUsed()],
      });
    } finally {
      unrevoked = await states.close();
    }
    if (unrevoked.length > 0) {
      throw new PactError(
        'verifier_failed',
        `verifyHub: these keys issued for the provider states could not be revoked; revoke them on the hub: ${unrevoked.join('; ')}`,
      );
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

/**
 * Runs the Pact verifier against the hub through the verification proxy: the proxy sets the states up,
 * sends each request with the key its states chose, and translates names between the pacts and the scope.
 */
async function runThroughProxy(
  hubUrl: string,
  scope: VerificationScope,
  states: HubStateHandlers,
  core: Partial<CoreVerifierOptions> & Pick<CoreVerifierOptions, 'provider' | 'logLevel'>,
  timeoutMs: number | undefined,
): Promise<{ run: Awaited<ReturnType<typeof runCoreVerifier>>; stateErrors: StateError[] }> {
  const stateErrors: StateError[] = [];
  const proxy = await startVerificationProxy({
    targetUrl: hubUrl,
    rewriteRequest: ({ target, body, headers }) => ({
      target: scope.pathToHub(target),
      body: scope.bodyToHub(body, headers.get('content-type')),
    }),
    rewriteAnswer: (text) => scope.fromHub(text),
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
        providerStatesSetupUrl: `${proxy.url}${STATE_CHANGE_PATH}`,
        providerStatesSetupTeardown: true,
        providerStatesSetupBody: true,
      },
      timeoutMs,
    );
    return { run, stateErrors };
  } finally {
    await proxy.close();
  }
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

/** The admin key must be the hub's: a wrong key is a configuration error, not failed interactions. */
async function checkAdminKey(hubUrl: string, adminKey: string): Promise<void> {
  const admin = createHubClient({ baseUrl: hubUrl, apiKey: adminKey, retry: false });
  let role: string | undefined;
  try {
    role = (await admin.unwrap(admin.GET('/v1/meta/whoami'))).role;
  } catch (error) {
    const reason = error instanceof HubError ? `${error.status ?? error.code} ${error.code}` : String(error);
    throw new PactError(
      'invalid_option',
      `verifyHub: the hub at ${hubUrl} does not accept adminKey (${reason}): pass the hub's admin API key, e.g. from TUKAR_ADMIN_KEY`,
      { cause: error },
    );
  }
  if (role !== 'admin') {
    throw new PactError(
      'invalid_option',
      `verifyHub: adminKey is the key of a ${role} client, not the hub's admin: the provider states need the admin API`,
    );
  }
}

/** Reads `GET /v1/health`: the hub must answer, and say it is disposable unless `allow` is set. */
async function checkDisposable(hubUrl: string, allow: boolean): Promise<void> {
  let health: unknown;
  try {
    const response = await fetch(`${hubUrl}/v1/health`, { signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    try {
      health = JSON.parse(text);
    } catch {
      health = undefined;
    }
  } catch (error) {
    const reason = fetchFailureReason(error);
    throw new PactError('verifier_failed', `verifyHub: the hub at ${hubUrl} cannot be reached (${reason})`, {
      cause: error,
    });
  }
  if (!isObject(health) || typeof health.store !== 'string') {
    throw new PactError(
      'verifier_failed',
      `verifyHub: ${hubUrl}/v1/health does not answer like a Tukar hub (no JSON with "store"): is hubUrl the hub's base URL?`,
    );
  }
  if (allow || health.store === 'memory' || health.disposable === true) return;
  throw new PactError(
    'hub_not_disposable',
    `verifyHub: the hub at ${hubUrl} runs on a ${health.store} store and does not say it is disposable, so it may serve real OPD systems. Verify a test hub (a memory store, or one started with disposable: true), or pass allowNonDisposableHub: true (tukar pact verify-hub --allow-non-disposable-hub) to verify it anyway: the provider states then only add their own run-scoped contracts, datasets and clients (${'pact-<run>'}…) and revoke their keys at the end.`,
  );
}
