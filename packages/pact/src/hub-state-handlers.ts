import { createHubClient, type HubClient, HubError, provisionHub } from '@tukar/client';
import { compareVersions } from '@tukar/contracts';
import type { ContractDocument } from '@tukar/spec';
import { HUB_STATES, VERIFIER_CLIENT_ID } from './hub-states';
import { isObject } from './schema-walk';
import type { VerificationScope } from './verification-scope';

/**
 * What the current interaction's provider states decided about its request.
 */
export interface InteractionAuth {
  /** The key to send as `Authorization: Bearer …` (undefined: the verifier client's key). */
  apiKey: string | undefined;
  /** `true`: send the pact's own `Authorization` header untouched (`the API key is not known`). */
  keepAuthorization: boolean;
}

/**
 * Options of {@link createHubStateHandlers}.
 */
export interface HubStateHandlerOptions {
  /** The hub whose states are set up, e.g. `http://127.0.0.1:8080` (a test hub). */
  hubUrl: string;
  /** The hub's admin API key. */
  adminKey: string;
  /** Contract documents the handlers may publish (scoped) when the hub does not have a version. */
  contracts: ContractDocument[];
  /** The run's scope: the ids the states create and the proxy translates. */
  scope: VerificationScope;
  /** When the keys the states issue stop working even if `close()` never runs (ISO date-time). */
  keysExpireAt: string;
}

/**
 * The provider-state handlers of `verifyHub`, and the auth they decided for the current interaction.
 */
export interface HubStateHandlers {
  /** Sets a state up; resolves with values for `fromProviderState` expressions. Throws with a message naming the state. */
  setup(state: string, params: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Called after each interaction: forgets the interaction's auth; the next one gets new clients. */
  teardown(): void;
  /** The auth of the interaction being verified. */
  readonly auth: InteractionAuth;
  /** The key of the run's client `pact/verifier` (no grants), made on first use. */
  verifierKey(): Promise<string>;
  /** Revokes every key the states issued; resolves with the ones that could not be revoked. */
  close(): Promise<string[]>;
  /** The contracts the states set up (from the hub or from `contracts`), to mask their `x-pii` values. */
  contractsUsed(): ContractDocument[];
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
 * Provider-state handlers that set every state of {@link HUB_STATES} up through the hub's admin API,
 * inside the run's {@link VerificationScope}: they read the hub's own contracts but never change its
 * contracts, datasets, clients, grants or records; grants are only ever added; every key they issue is
 * revoked by `close()`.
 */
export function createHubStateHandlers(options: HubStateHandlerOptions): HubStateHandlers {
  const { scope } = options;
  const admin: HubClient = createHubClient({
    baseUrl: options.hubUrl,
    apiKey: options.adminKey,
    retry: false,
  });
  const agreed = new Map<string, ContractDocument>();
  const published = new Set<string>();
  const pinned = new Map<string, string>();
  const clientKeys = new Map<string, string>();
  const granted = new Map<string, Set<'read' | 'write'>>();
  const issued: Array<{ clientId: string; keyId: string }> = [];
  const auth: InteractionAuth = { apiKey: undefined, keepAuthorization: false };
  let verifierKey: Promise<string> | undefined;

  const localContract = (contractId: string, version: string | undefined): ContractDocument | undefined => {
    const candidates = options.contracts
      .filter((doc) => doc.contract === contractId && (version === undefined || doc.version === version))
      .sort((a, b) => compareVersions(b.version, a.version));
    return candidates[0];
  };

  /**
   * Makes sure the scoped copy of `contractId@version` (or of its latest agreed version) is agreed on the
   * hub; returns the document under its own name. The hub's own version is read, never changed.
   */
  async function contractAgreed(contractId: string, version: string | undefined): Promise<ContractDocument> {
    const cacheKey = `${contractId}@${version ?? ''}`;
    const cached = agreed.get(cacheKey);
    if (cached) return cached;
    const scopedId = scope.dataset(contractId);
    let document: ContractDocument | undefined;
    try {
      const found =
        version === undefined
          ? await admin.unwrap(admin.GET('/v1/contracts/{contractId}', { params: { path: { contractId } } }))
          : await admin.unwrap(
              admin.GET('/v1/contracts/{contractId}/versions/{version}', {
                params: { path: { contractId, version } },
              }),
            );
      if (found.status !== 'draft' && found.status !== 'agreed') {
        throw new Error(
          `the hub has ${contractId}@${found.version} as "${found.status}", which no dataset can be pinned to`,
        );
      }
      document = found.document;
    } catch (error) {
      if (!is404(error)) throw error;
    }
    document ??= localContract(contractId, version);
    if (!document) {
      throw new Error(
        `the hub has no contract ${contractId}${version ? `@${version}` : ''} and none was given in \`contracts\` (pass the contract files, e.g. --contracts contracts/)`,
      );
    }
    const copy = `${scopedId}@${document.version}`;
    if (!published.has(copy)) {
      await provisionHub(admin, { contracts: [{ ...document, contract: scopedId, status: 'agreed' }] });
      published.add(copy);
    }
    const result: ContractDocument = { ...document, status: 'agreed' };
    agreed.set(cacheKey, result);
    return result;
  }

  async function datasetExists(
    datasetId: string,
    contractVersion: string | undefined,
  ): Promise<{ document: ContractDocument; scopedId: string }> {
    const document = await contractAgreed(datasetId, contractVersion);
    const scopedId = scope.dataset(datasetId);
    const current = pinned.get(scopedId);
    if (current === undefined || (contractVersion !== undefined && current !== contractVersion)) {
      await provisionHub(admin, { datasets: [{ id: scopedId, contractVersion: document.version }] });
      pinned.set(scopedId, document.version);
    }
    return { document, scopedId };
  }

  /** The key of a scoped client, registering the client and issuing the key on first use. */
  async function keyOf(scopedClientId: string, shownAs: string): Promise<string> {
    const known = clientKeys.get(scopedClientId);
    if (known) return known;
    const made = await provisionHub(admin, {
      clients: [
        {
          id: scopedClientId,
          name: `Pact verification: ${shownAs}`,
          opd: 'pact verification',
          keyLabel: 'Pact verification (tukar pact verify-hub), revoked when the run ends',
          keyExpiresAt: options.keysExpireAt,
        },
      ],
    });
    const key = made.keys[scopedClientId];
    if (!key) throw new Error(`the hub issued no key to ${shownAs}`);
    issued.push({ clientId: scopedClientId, keyId: key.keyId });
    clientKeys.set(scopedClientId, key.apiKey);
    return key.apiKey;
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
      const { document } = await datasetExists(
        stringParam(params, 'datasetId')!,
        stringParam(params, 'contractVersion', true),
      );
      return { contractVersion: document.version };
    },
    async [HUB_STATES.datasetHasRecords](params) {
      const datasetId = stringParam(params, 'datasetId')!;
      const { document, scopedId } = await datasetExists(
        datasetId,
        stringParam(params, 'contractVersion', true),
      );
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
      const pushed = await admin.pushRecords(scopedId, records);
      const first = records[0]!;
      const firstKey = document.primaryKey.map((field) => encodeURIComponent(String(first[field]))).join(',');
      return { lastSeq: pushed.seq ?? 0, firstKey, count: records.length };
    },
    async [HUB_STATES.recordAbsent](params) {
      const datasetId = stringParam(params, 'datasetId')!;
      const key = stringParam(params, 'key')!;
      const { scopedId } = await datasetExists(datasetId, undefined);
      try {
        await admin.unwrap(
          admin.DELETE('/v1/datasets/{datasetId}/records/{key}', {
            params: { path: { datasetId: scopedId, key } },
          }),
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
      const scopedClientId = scope.client(clientId);
      const { scopedId } = await datasetExists(datasetId, undefined);
      const apiKey = await keyOf(scopedClientId, clientId);
      // Only ever added: the grant is what this client was given in this interaction, plus `access`.
      const grantKey = `${scopedClientId} ${scopedId}`;
      const union = new Set([...(granted.get(grantKey) ?? []), ...(access as Array<'read' | 'write'>)]);
      await provisionHub(admin, {
        grants: [{ clientId: scopedClientId, datasetId: scopedId, access: [...union].sort() }],
      });
      granted.set(grantKey, union);
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
        throw new Error(`${shown} could not be set up: ${scope.fromHub(reason ?? '')}`, { cause: error });
      }
    },
    teardown() {
      auth.apiKey = undefined;
      auth.keepAuthorization = false;
      scope.nextInteraction();
    },
    verifierKey() {
      verifierKey ??= keyOf(scope.runClient(VERIFIER_CLIENT_ID), VERIFIER_CLIENT_ID).catch(
        (error: unknown) => {
          verifierKey = undefined;
          throw error;
        },
      );
      return verifierKey;
    },
    async close() {
      const failed: string[] = [];
      for (const { clientId, keyId } of issued.splice(0)) {
        try {
          await admin.unwrap(
            admin.DELETE('/v1/clients/{clientId}/keys/{keyId}', { params: { path: { clientId, keyId } } }),
          );
        } catch (error) {
          if (is404(error)) continue;
          failed.push(
            `${keyId} of ${clientId} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
          );
        }
      }
      clientKeys.clear();
      verifierKey = undefined;
      return failed;
    },
    contractsUsed: () => [...agreed.values()],
  };
}
