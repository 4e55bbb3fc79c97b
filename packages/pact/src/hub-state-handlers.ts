import { createHubClient, type HubClient, HubError } from '@tukar/client';
import { compareVersions } from '@tukar/contracts';
import type { ContractDocument } from '@tukar/spec';
import { HUB_STATES, VERIFIER_CLIENT_ID } from './hub-states';
import { isObject } from './schema-walk';

/**
 * What the current interaction's provider states decided about its request.
 *
 * @example
 * ```ts
 * import { createHubStateHandlers, type InteractionAuth } from '@tukar/pact';
 *
 * const states = createHubStateHandlers({ hubUrl: 'http://127.0.0.1:8080', adminKey: process.env.TUKAR_ADMIN_KEY!, contracts: [] });
 * // The Authorization header to send for the interaction being verified:
 * async function authorizationFor(auth: InteractionAuth, fromPact: string): Promise<string> {
 *   if (auth.keepAuthorization) return fromPact; // 'the API key is not known': the hub must answer 401
 *   return `Bearer ${auth.apiKey ?? (await states.verifierKey())}`;
 * }
 * const header = await authorizationFor(states.auth, 'Bearer tk_PACTexampleKEYpactEXAMPLEkeyPACTexample0123');
 * ```
 */
export interface InteractionAuth {
  /** The key to send as `Authorization: Bearer …` (undefined: the verifier client's key). */
  apiKey: string | undefined;
  /** `true`: send the pact's own `Authorization` header untouched (`the API key is not known`). */
  keepAuthorization: boolean;
}

/**
 * Options of {@link createHubStateHandlers}.
 *
 * @example
 * ```ts
 * import { createHubStateHandlers, type HubStateHandlerOptions, loadContracts } from '@tukar/pact';
 *
 * const options: HubStateHandlerOptions = {
 *   hubUrl: 'http://127.0.0.1:8080',
 *   adminKey: process.env.TUKAR_ADMIN_KEY!,
 *   contracts: await loadContracts(['contracts/dinkes.puskesmas.yaml']),
 * };
 * const states = createHubStateHandlers(options);
 * ```
 */
export interface HubStateHandlerOptions {
  /** The hub whose states are set up, e.g. `http://127.0.0.1:8080` (a test hub). */
  hubUrl: string;
  /** The hub's admin API key. */
  adminKey: string;
  /** Contract documents the handlers may publish when the hub does not have a version yet. */
  contracts: ContractDocument[];
}

/**
 * The provider-state handlers of `verifyHub`, and the auth they decided for the current interaction.
 *
 * @example
 * ```ts
 * import { createHubStateHandlers, HUB_STATES, type HubStateHandlers } from '@tukar/pact';
 *
 * const states: HubStateHandlers = createHubStateHandlers({ hubUrl: 'http://127.0.0.1:8080', adminKey: process.env.TUKAR_ADMIN_KEY!, contracts: [] });
 * await states.setup(HUB_STATES.clientHasGrant, { clientId: 'ciamis/dinkes/simpus', datasetId: 'dinkes.puskesmas', access: ['read'] });
 * const apiKey = states.auth.apiKey ?? (await states.verifierKey()); // ciamis/dinkes/simpus's new key
 * await fetch('http://127.0.0.1:8080/v1/datasets/dinkes.puskesmas/records', { headers: { Authorization: `Bearer ${apiKey}` } });
 * states.teardown(); // the next interaction starts without the grant's key
 * ```
 */
export interface HubStateHandlers {
  /** Sets a state up; resolves with values for `fromProviderState` expressions. Throws with a message naming the state. */
  setup(state: string, params: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Called after each interaction: forgets the interaction's auth. */
  teardown(): void;
  /** The auth of the interaction being verified. */
  readonly auth: InteractionAuth;
  /** The key of the client `pact/verifier` (no grants), made on first use. */
  verifierKey(): Promise<string>;
}

/** Reads a string parameter of a state, or explains which one is missing. */
function stringParam(params: Record<string, unknown>, name: string, optional = false): string | undefined {
  const value = params[name];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new Error(`parameter "${name}" must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value;
}

function is404(error: unknown): boolean {
  return error instanceof HubError && error.status === 404;
}

/**
 * Provider-state handlers that set every state of {@link HUB_STATES} up through the hub's admin API.
 *
 * @example
 * ```ts
 * import { createHubStateHandlers, loadContracts } from '@tukar/pact';
 *
 * const states = createHubStateHandlers({
 *   hubUrl: 'http://127.0.0.1:8080',
 *   adminKey: process.env.TUKAR_ADMIN_KEY!,
 *   contracts: await loadContracts(['contracts']),
 * });
 * await states.setup('dataset has records', { datasetId: 'dinkes.puskesmas' }); // { lastSeq: 3, firstKey: 'P3207010101', count: 3 }
 * ```
 */
export function createHubStateHandlers(options: HubStateHandlerOptions): HubStateHandlers {
  const admin: HubClient = createHubClient({
    baseUrl: options.hubUrl,
    apiKey: options.adminKey,
    retry: false,
  });
  const agreed = new Map<string, ContractDocument>();
  const clientKeys = new Map<string, string>();
  const auth: InteractionAuth = { apiKey: undefined, keepAuthorization: false };
  let verifierKey: Promise<string> | undefined;

  const localContract = (contractId: string, version: string | undefined): ContractDocument | undefined => {
    const candidates = options.contracts
      .filter((doc) => doc.contract === contractId && (version === undefined || doc.version === version))
      .sort((a, b) => compareVersions(b.version, a.version));
    return candidates[0];
  };

  /** Makes sure `contractId@version` (or its latest agreed version) is agreed on the hub; returns its document. */
  async function contractAgreed(contractId: string, version: string | undefined): Promise<ContractDocument> {
    const cacheKey = `${contractId}@${version ?? ''}`;
    const cached = agreed.get(cacheKey);
    if (cached) return cached;
    let onHub: ContractDocument | undefined;
    try {
      const found =
        version === undefined
          ? await admin.unwrap(admin.GET('/v1/contracts/{contractId}', { params: { path: { contractId } } }))
          : await admin.unwrap(
              admin.GET('/v1/contracts/{contractId}/versions/{version}', {
                params: { path: { contractId, version } },
              }),
            );
      onHub = found.document;
      if (found.status === 'draft') {
        await admin.unwrap(
          admin.POST('/v1/contracts/{contractId}/versions/{version}/status', {
            params: { path: { contractId, version: found.version } },
            body: { status: 'agreed', reason: 'provider state "contract is agreed" (Pact verification)' },
          }),
        );
      } else if (found.status !== 'agreed') {
        throw new Error(
          `the hub has ${contractId}@${found.version} as "${found.status}", which no dataset can be pinned to`,
        );
      }
    } catch (error) {
      if (!is404(error)) throw error;
    }
    if (!onHub) {
      const local = localContract(contractId, version);
      if (!local) {
        throw new Error(
          `the hub has no contract ${contractId}${version ? `@${version}` : ''} and none was given in \`contracts\` (pass the contract files, e.g. --contracts contracts/)`,
        );
      }
      await admin.unwrap(
        admin.PUT('/v1/contracts/{contractId}/versions/{version}', {
          params: { path: { contractId, version: local.version } },
          body: { ...local, status: 'agreed' },
        }),
      );
      onHub = { ...local, status: 'agreed' };
    }
    agreed.set(cacheKey, onHub);
    return onHub;
  }

  async function datasetExists(
    datasetId: string,
    contractVersion: string | undefined,
  ): Promise<ContractDocument> {
    const document = await contractAgreed(datasetId, contractVersion);
    let pinned: string | undefined;
    try {
      const dataset = await admin.unwrap(
        admin.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId } } }),
      );
      pinned = dataset.contractVersion;
    } catch (error) {
      if (!is404(error)) throw error;
    }
    if (pinned === undefined || (contractVersion !== undefined && pinned !== contractVersion)) {
      await admin.unwrap(
        admin.PUT('/v1/datasets/{datasetId}', {
          params: { path: { datasetId } },
          body: { contractVersion: document.version },
        }),
      );
    }
    return document;
  }

  async function issueKey(clientId: string): Promise<string> {
    const known = clientKeys.get(clientId);
    if (known) return known;
    try {
      await admin.unwrap(admin.GET('/v1/clients/{clientId}', { params: { path: { clientId } } }));
    } catch (error) {
      if (!is404(error)) throw error;
      const opd = clientId.split('/')[1] ?? clientId;
      await admin.unwrap(
        admin.POST('/v1/clients', { body: { id: clientId, name: `Pact verification: ${clientId}`, opd } }),
      );
    }
    const issued = await admin.unwrap(
      admin.POST('/v1/clients/{clientId}/keys', {
        params: { path: { clientId } },
        body: { label: 'Pact verification (tukar pact verify-hub)' },
      }),
    );
    clientKeys.set(clientId, issued.apiKey);
    return issued.apiKey;
  }

  const handlers: Record<string, (params: Record<string, unknown>) => Promise<Record<string, unknown>>> = {
    async [HUB_STATES.contractAgreed](params) {
      const document = await contractAgreed(
        stringParam(params, 'contractId')!,
        stringParam(params, 'version', true),
      );
      return { contractVersion: document.version };
    },
    async [HUB_STATES.datasetExists](params) {
      const document = await datasetExists(
        stringParam(params, 'datasetId')!,
        stringParam(params, 'contractVersion', true),
      );
      return { contractVersion: document.version };
    },
    async [HUB_STATES.datasetHasRecords](params) {
      const datasetId = stringParam(params, 'datasetId')!;
      const document = await datasetExists(datasetId, stringParam(params, 'contractVersion', true));
      const given = params.records;
      if (given !== undefined && (!Array.isArray(given) || !given.every(isObject))) {
        throw new Error('parameter "records" must be an array of record objects');
      }
      const records = (given as Array<Record<string, unknown>> | undefined) ?? document.examples ?? [];
      if (records.length === 0) {
        throw new Error(
          `no "records" parameter and contract ${document.contract}@${document.version} has no examples to push`,
        );
      }
      const pushed = await admin.pushRecords(datasetId, records);
      const first = records[0]!;
      const firstKey = document.primaryKey.map((field) => encodeURIComponent(String(first[field]))).join(',');
      return { lastSeq: pushed.seq ?? 0, firstKey, count: records.length };
    },
    async [HUB_STATES.recordAbsent](params) {
      const datasetId = stringParam(params, 'datasetId')!;
      const key = stringParam(params, 'key')!;
      await datasetExists(datasetId, undefined);
      try {
        await admin.unwrap(
          admin.DELETE('/v1/datasets/{datasetId}/records/{key}', { params: { path: { datasetId, key } } }),
        );
      } catch (error) {
        if (!is404(error)) throw error;
      }
      return {};
    },
    async [HUB_STATES.clientHasGrant](params) {
      const clientId = stringParam(params, 'clientId')!;
      const datasetId = stringParam(params, 'datasetId')!;
      const access = params.access;
      if (
        !Array.isArray(access) ||
        access.length === 0 ||
        !access.every((entry) => entry === 'read' || entry === 'write')
      ) {
        throw new Error(
          `parameter "access" must be ["read"], ["write"] or both, got ${JSON.stringify(access)}`,
        );
      }
      await datasetExists(datasetId, undefined);
      const apiKey = await issueKey(clientId);
      await admin.unwrap(
        admin.PUT('/v1/clients/{clientId}/grants/{datasetId}', {
          params: { path: { clientId, datasetId } },
          body: { access: [...new Set(access as Array<'read' | 'write'>)] },
        }),
      );
      auth.apiKey = apiKey;
      return { clientId };
    },
    async [HUB_STATES.apiKeyUnknown]() {
      auth.keepAuthorization = true;
      return {};
    },
  };

  return {
    auth,
    async setup(state, params) {
      const handler = Object.hasOwn(handlers, state) ? handlers[state] : undefined;
      const shown = `provider state "${state}"${Object.keys(params).length > 0 ? ` ${JSON.stringify(params)}` : ''}`;
      if (!handler) {
        throw new Error(
          `${shown} is not one the hub knows; use one of: ${Object.values(HUB_STATES)
            .map((name) => `"${name}"`)
            .join(', ')}`,
        );
      }
      try {
        return await handler(params);
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new Error(`${shown} could not be set up: ${reason}`, { cause: error });
      }
    },
    teardown() {
      auth.apiKey = undefined;
      auth.keepAuthorization = false;
    },
    verifierKey() {
      verifierKey ??= issueKey(VERIFIER_CLIENT_ID).catch((error: unknown) => {
        verifierKey = undefined;
        throw error;
      });
      return verifierKey;
    },
  };
}
