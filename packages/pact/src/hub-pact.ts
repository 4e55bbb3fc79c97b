import { resolve } from 'node:path';
import { PactV4 } from '@pact-foundation/pact';
import {
  createHubClient,
  type DatasetTypes,
  type HubClient,
  type HubClientOptions,
  type UntypedDatasets,
} from '@tukar/client';
import {
  countingAnswers,
  interactionsAwaited,
  isMockRefusal,
  type MockServerAnswers,
  untilMockServerRecorded,
} from './mock-server-record';
import { PactError } from './pact-error';
import type { MockServer } from './pact-types';

/**
 * The provider name pacts with the hub use unless told otherwise.
 *
 * @example
 * ```ts
 * import { HUB_PROVIDER_NAME, loadPacts } from '@tukar/pact';
 *
 * const pacts = await loadPacts(['pacts']);
 * const forHub = pacts.filter((pact) => pact.document.provider.name === HUB_PROVIDER_NAME);
 * console.log(`${forHub.length} pact(s) for the hub`);
 * ```
 */
export const HUB_PROVIDER_NAME = 'tukar-hub';

/**
 * Where pact files and verification results go by default (relative to the working directory).
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { join } from 'node:path';
 * import { DEFAULT_PACT_DIR } from '@tukar/pact';
 *
 * // The pact file hubPact({ consumer: 'ciamis-dinkes-simpus' }) writes:
 * const file = join(DEFAULT_PACT_DIR, 'ciamis-dinkes-simpus-tukar-hub.json');
 * const pact = JSON.parse(await readFile(file, 'utf8'));
 * ```
 */
export const DEFAULT_PACT_DIR = 'pacts';

/**
 * The API key the typed client sends to the Pact mock server. It has the shape of a real key
 * (`tk_` + 43 characters) so the pact's `Authorization` matcher is honest; a verifier replaces it with a
 * real key of the client named in the interaction's provider state.
 *
 * @example
 * ```ts
 * import { createHubClient } from '@tukar/client';
 * import { type MockServer, PACT_EXAMPLE_API_KEY } from '@tukar/pact';
 *
 * // An executeTest callback of your own, doing what withHubClient does:
 * const whoami = async (mockServer: MockServer) => {
 *   const hub = createHubClient({ baseUrl: mockServer.url, apiKey: PACT_EXAMPLE_API_KEY, retry: false });
 *   return hub.unwrap(hub.GET('/v1/meta/whoami'));
 * };
 * ```
 */
export const PACT_EXAMPLE_API_KEY = 'tk_PACTexampleKEYpactEXAMPLEkeyPACTexample0123';

/**
 * The whole-value regex of the `Authorization` header in hub pacts.
 *
 * @example
 * ```ts
 * import { AUTHORIZATION_REGEX, PACT_EXAMPLE_API_KEY } from '@tukar/pact';
 *
 * new RegExp(AUTHORIZATION_REGEX).test(`Bearer ${PACT_EXAMPLE_API_KEY}`); // true
 * new RegExp(AUTHORIZATION_REGEX).test(`Bearer ${process.env.TUKAR_API_KEY}`); // true for a real hub key
 * ```
 */
export const AUTHORIZATION_REGEX = '^Bearer tk_[A-Za-z0-9_-]{43}$';

/**
 * Pact core log levels, from the quietest.
 *
 * @example
 * ```ts
 * import { hubPact, type PactLogLevel } from '@tukar/pact';
 *
 * // Quiet in CI, the Pact core's whole story when a test is debugged locally.
 * const logLevel: PactLogLevel = process.env.PACT_DEBUG ? 'debug' : 'error';
 * const pact = hubPact({ consumer: 'ciamis-dinkes-simpus', logLevel });
 * ```
 */
export type PactLogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Options of {@link hubPact}.
 *
 * @example
 * ```ts
 * import { hubPact, type HubPactOptions } from '@tukar/pact';
 *
 * const options: HubPactOptions = {
 *   consumer: 'ciamis-dinkes-simpus',
 *   dir: 'test/pacts', // writes test/pacts/ciamis-dinkes-simpus-tukar-hub.json
 *   logLevel: 'warn',
 * };
 * const pact = hubPact(options);
 * ```
 */
export interface HubPactOptions {
  /** The OPD system consuming the hub, e.g. `ciamis-dinkes-simpus` (the pact file is `<consumer>-<provider>.json`). */
  consumer: string;
  /** The hub's name in the pact (default `tukar-hub`; keep it: `verifyHub` looks for it). */
  provider?: string;
  /** Directory the pact file is written to (default `pacts`, relative to the working directory). */
  dir?: string;
  /** Pact core log level (default `error`: quiet). */
  logLevel?: PactLogLevel;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * A PactV4 set up for the Tukar hub as the provider: the provider name `verifyHub` expects, pact files
 * under `pacts/`, the mock server on 127.0.0.1 and quiet logs. Add interactions with the helpers
 * ({@link pushRecordsInteraction}, {@link readRecordsInteraction}, {@link readChangesInteraction}) or
 * with PactV4's own builder, and run them with {@link withHubClient}.
 *
 * @example
 * ```ts
 * import { loadContract } from '@tukar/contracts';
 * import { hubPact, pushRecordsInteraction, withHubClient } from '@tukar/pact';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (!loaded.ok) throw new Error('the contract does not load: run tukar contract lint');
 * const rows = loaded.contract.examples ?? []; // or records as your system makes them
 * const pact = hubPact({ consumer: 'ciamis-dinkes-simpus' });
 * await pushRecordsInteraction(pact, { contract: loaded.contract, clientId: 'ciamis/dinkes/simpus', example: rows[0] })
 *   .executeTest(withHubClient((hub) => hub.pushRecords('dinkes.puskesmas', rows)));
 * ```
 */
export function hubPact(options: HubPactOptions): PactV4 {
  if (typeof options !== 'object' || options === null) {
    throw new PactError('invalid_option', 'hubPact: pass { consumer: "<your system>" }');
  }
  if (typeof options.consumer !== 'string' || !NAME.test(options.consumer)) {
    throw new PactError(
      'invalid_option',
      `hubPact: consumer must be a name like "ciamis-dinkes-simpus" (letters, digits, ".", "_", "-"), got ${JSON.stringify(options.consumer)}`,
    );
  }
  const provider = options.provider ?? HUB_PROVIDER_NAME;
  if (typeof provider !== 'string' || !NAME.test(provider)) {
    throw new PactError(
      'invalid_option',
      `hubPact: provider must be a name like "tukar-hub", got ${JSON.stringify(provider)}`,
    );
  }
  return new PactV4({
    consumer: options.consumer,
    provider,
    dir: resolve(options.dir ?? DEFAULT_PACT_DIR),
    host: '127.0.0.1',
    logLevel: options.logLevel ?? 'error',
  });
}

/**
 * Adapts a test that takes the typed hub client into PactV4's `executeTest` callback: the client is
 * pointed at the Pact mock server, sends {@link PACT_EXAMPLE_API_KEY} and never retries (a retry would be
 * a second, unexpected request).
 *
 * When the client fails only because the mock server did not expect its request, the error is left
 * to Pact: `executeTest` then rejects with the mismatches, field by field
 * (`$.upsert[1]: Expected a Map with keys [...] but received one with keys [..., telepon]`), which says
 * more than the client's "500 without a problem document".
 *
 * Before handing back to Pact, it waits (at most two seconds) until the mock server has recorded
 * every answer the client got: the Pact core answers before it records, and on a busy CI machine
 * `executeTest` could otherwise report a request it answered as "expected but not received".
 *
 * @example
 * ```ts
 * import type { Change } from '@tukar/spec';
 * import { hubPact, readChangesInteraction, withHubClient } from '@tukar/pact';
 *
 * const pact = hubPact({ consumer: 'ciamis-dinkes-simpus' });
 * const seen: Change[] = [];
 * await readChangesInteraction(pact, { contract })
 *   .executeTest(withHubClient(async (hub) => {
 *     for await (const change of hub.pullChanges('dinkes.puskesmas')) seen.push(change);
 *   }));
 * // With the `Datasets` map of `tukar types`, the client in the test is typed too:
 * // withHubClient((hub: HubClient<Datasets>) => hub.pushRecords('dinkes.puskesmas', rows))
 * ```
 */
export function withHubClient<T, D extends { [Id in keyof D]: DatasetTypes } = UntypedDatasets>(
  test: (hub: HubClient<D>, mockServer: MockServer) => Promise<T>,
  options: Partial<Omit<HubClientOptions, 'baseUrl'>> = {},
): (mockServer: MockServer) => Promise<T> {
  if (typeof test !== 'function') {
    throw new PactError('invalid_option', 'withHubClient: pass a function (hub, mockServer) => Promise');
  }
  return async (mockServer) => {
    const awaitedBefore = interactionsAwaited(mockServer.port);
    const answers: MockServerAnswers = { answered: 0, refused: 0 };
    const fetchImpl = options.fetch ?? ((request: Request) => fetch(request));
    const hub = createHubClient<D>({
      apiKey: PACT_EXAMPLE_API_KEY,
      retry: false,
      ...options,
      // Anything but a function is left for createHubClient to refuse, naming the option.
      fetch: typeof fetchImpl === 'function' ? countingAnswers(fetchImpl, answers) : fetchImpl,
      baseUrl: mockServer.url,
    });
    try {
      return await test(hub, mockServer);
    } catch (error) {
      if (isMockRefusal(error)) return undefined as T;
      throw error;
    } finally {
      if (awaitedBefore !== undefined) await untilMockServerRecorded(mockServer.port, awaitedBefore, answers);
    }
  };
}
