import type { DatasetTypes, UntypedDatasets } from '@tukar/client';
import { createHub, createMemoryStore, generateApiKey, type Hub, type Store } from '@tukar/hub';
import type { paths } from '@tukar/spec';
import { type HttpHandler, http } from 'msw';
import { createOpenApiHttp, type OpenApiHttpHandlers } from 'openapi-msw';
import { checkBaseUrl, type MockAddress, planSeed } from './check-options';
import { MockHubError } from './mock-hub-error';
import type { MockClient, MockHubOptions } from './mock-hub-options';
import { seedHub } from './seed-hub';
import { type MockHubReads, typedReads } from './typed-reads';

/**
 * A seeded in-memory hub and the msw handlers that serve it. The hub is the real hub core
 * (`createHub` of `@tukar/hub`) on a memory store, so it answers exactly as the reference hub does.
 *
 * @example
 * ```ts
 * import { createHubClient } from '@tukar/client';
 * import { type MockHub, mockHub } from '@tukar/mock';
 * import { setupServer } from 'msw/node';
 *
 * const hub: MockHub<'ciamis/dinkes/simpus'> = await mockHub({
 *   contracts: [puskesmas],
 *   clients: { 'ciamis/dinkes/simpus': { grants: { 'dinkes.puskesmas': ['read', 'write'] } } },
 * });
 * setupServer(...hub.handlers).listen({ onUnhandledRequest: 'error' });
 * const client = createHubClient({ baseUrl: hub.baseUrl, apiKey: hub.keys['ciamis/dinkes/simpus'] });
 * await client.pushRecords('dinkes.puskesmas', records);
 * console.log((await hub.store.getDataset('dinkes.puskesmas'))?.recordCount); // records.length
 * ```
 */
export interface MockHub<ClientId extends string = string, D = UntypedDatasets> extends MockHubReads<D> {
  /** The base URL the handlers answer on; give it to your client. */
  readonly baseUrl: string;
  /**
   * The msw handlers: every request under `baseUrl` goes to the hub. Spread them into `setupServer`
   * (msw/node) or `setupWorker` (msw/browser).
   */
  readonly handlers: readonly HttpHandler[];
  /** The API key (`tk_…`) of each seeded client, by client id. */
  readonly keys: Readonly<Record<ClientId, string>>;
  /** The administrator's API key. */
  readonly adminKey: string;
  /** The administrator's client id (`kominfo/admin`). */
  readonly adminClientId: string;
  /**
   * The memory store under the hub, for assertions (rows are copies: changing them changes nothing).
   * `records`, `record` and `changes` read it parsed and typed.
   */
  readonly store: Store;
  /** The hub itself (its `fetch` answers one request without msw). */
  readonly hub: Hub;
  /**
   * Typed msw handler factories for one-off behaviour, bound to `baseUrl` and typed from the
   * `@tukar/spec` paths (openapi-msw): a path, parameter or body that is not in the spec does not
   * compile. Pass the handlers they make to `server.use(...)`.
   *
   * @example
   * ```ts
   * import { mockHub, problemDocument } from '@tukar/mock';
   * import { setupServer } from 'msw/node';
   *
   * const hub = await mockHub({ contracts: [puskesmas] });
   * const server = setupServer(...hub.handlers);
   * server.use(
   *   hub.override.post('/v1/datasets/{datasetId}/records', ({ response }) =>
   *     response(503).json(problemDocument(503, 'service_unavailable', 'Pemeliharaan terjadwal.')),
   *   ),
   * );
   * ```
   */
  readonly override: OpenApiHttpHandlers<paths>;
  /**
   * Answers a request with the hub (strips the `baseUrl` path prefix first): use it in an override
   * that changes an answer's timing but not its content.
   *
   * @example
   * ```ts
   * import { mockHub } from '@tukar/mock';
   * import { delay } from 'msw';
   * import { setupServer } from 'msw/node';
   *
   * const hub = await mockHub({ contracts: [puskesmas] });
   * const server = setupServer(...hub.handlers);
   * server.use(
   *   hub.override.get('/v1/datasets/{datasetId}/changes', async ({ request, response }) => {
   *     await delay(2000);
   *     return response.untyped(await hub.fetch(request));
   *   }),
   * );
   * ```
   */
  fetch(request: Request): Promise<Response>;
}

/** The request as the hub sees it: the same request without the `baseUrl` path prefix. */
async function rebase(request: Request, address: MockAddress): Promise<Request> {
  if (address.prefix === '') return request;
  const url = new URL(request.url);
  if (url.pathname.startsWith(address.prefix))
    url.pathname = url.pathname.slice(address.prefix.length) || '/';
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
    signal: request.signal,
  });
}

/**
 * Builds a mock of the Tukar exchange hub for unit tests: the real hub core on a memory store, seeded
 * through its own admin API with `contracts` (published as agreed, one dataset each), `clients` (each
 * with an API key in `keys` and its grants) and `records`, and the msw handlers that serve it at
 * `baseUrl`. Rejects with a {@link MockHubError} naming the option when the hub refuses a seed.
 *
 * @example
 * ```ts
 * import { createHubClient } from '@tukar/client';
 * import { mockHub } from '@tukar/mock';
 * import { setupServer } from 'msw/node';
 *
 * const hub = await mockHub({
 *   contracts: [puskesmas], // e.g. (await loadContract('contracts/dinkes.puskesmas.yaml')).contract
 *   clients: { 'ciamis/dinkes/simpus': { grants: { 'dinkes.puskesmas': ['read', 'write'] } } },
 * });
 * const server = setupServer(...hub.handlers);
 * server.listen();
 *
 * const client = createHubClient({ baseUrl: hub.baseUrl, apiKey: hub.keys['ciamis/dinkes/simpus'] });
 * await client.pushRecords('dinkes.puskesmas', records);
 * ```
 */
export async function mockHub<
  D extends { [Id in keyof D]: DatasetTypes } = UntypedDatasets,
  const Clients extends Record<string, MockClient> = Record<string, MockClient>,
>(options: MockHubOptions<Clients, NoInfer<D>> = {}): Promise<MockHub<Extract<keyof Clients, string>, D>> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new MockHubError(
      'invalid_option',
      'options',
      'pass an object like { contracts, clients, records } (every member is optional).',
    );
  }
  const address = checkBaseUrl(options.baseUrl);
  const plan = planSeed(options as MockHubOptions);
  const adminKey = options.adminKey ?? generateApiKey();
  const store = createMemoryStore();
  const hubOptions = {
    store,
    adminKey,
    ...(options.now ? { now: options.now } : {}),
    ...(options.log ? { log: options.log } : {}),
  };
  let hub: Hub;
  let seeder: Hub;
  try {
    hub = await createHub({ ...hubOptions, rateLimit: options.rateLimit ?? false });
    // Seeding is not throttled: with a rate limit, a second hub core on the same store does it.
    seeder = options.rateLimit ? await createHub({ ...hubOptions, rateLimit: false }) : hub;
  } catch (error) {
    throw new MockHubError(
      'invalid_option',
      'adminKey',
      error instanceof Error ? error.message : String(error),
    );
  }
  const keys = await seedHub(seeder, address.origin, adminKey, plan);

  const fetch = async (request: Request) => hub.fetch(await rebase(request, address));
  const handlers = [http.all(`${address.baseUrl}/*`, ({ request }) => fetch(request))];
  return {
    baseUrl: address.baseUrl,
    handlers,
    keys: Object.freeze(keys) as Record<Extract<keyof Clients, string>, string>,
    adminKey,
    adminClientId: hub.adminClientId,
    store: hub.store,
    hub,
    override: createOpenApiHttp<paths>({ baseUrl: address.baseUrl }),
    fetch,
    ...typedReads<D>(hub.store),
  };
}
