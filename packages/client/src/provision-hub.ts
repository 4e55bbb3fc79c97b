import type { Schemas } from '@tukar/spec';
import type { HubClient } from './create-hub-client';
import { HubError } from './hub-error';

/**
 * What {@link provisionHub} sets up through the hub's admin API, in this order: contracts, datasets,
 * contract status moves, clients (each issued a key), further keys, grants. Every part is optional, so
 * one call can set up a whole hub or one piece of it.
 *
 * @example
 * ```ts
 * import type { ProvisionPlan } from '@tukar/client';
 * import type { Schemas } from '@tukar/spec';
 *
 * declare const puskesmas: Schemas['ContractDocument']; // dinkes.puskesmas 1.0.0, status agreed
 * const plan: ProvisionPlan = {
 *   contracts: [puskesmas],
 *   datasets: [{ id: 'dinkes.puskesmas', contractVersion: '1.0.0' }],
 *   clients: [{ id: 'ciamis/dinkes/simpus', name: 'SIMPUS Dinas Kesehatan', keyLabel: 'simpus-produksi' }],
 *   grants: [{ clientId: 'ciamis/dinkes/simpus', datasetId: 'dinkes.puskesmas', access: ['read', 'write'] }],
 * };
 * ```
 */
export interface ProvisionPlan {
  /**
   * Contract versions, published with `PUT /v1/contracts/{id}/versions/{version}` in the order given.
   * A `draft` or `agreed` document is published as it is; a `deprecated` or `retired` one is published
   * as agreed (so a dataset can still be pinned to it) and moved to its status after the datasets.
   */
  contracts?: Schemas['ContractDocument'][];
  /** Datasets to create (or re-pin), each on an agreed contract version. */
  datasets?: Array<{ id: string; contractVersion: string }>;
  /** Clients to register; each is issued one key unless `keyLabel` is `false`. */
  clients?: Array<{
    id: string;
    /** Shown on the dashboard (default: the id). */
    name?: string;
    /** The OPD (default: the id's second segment, e.g. `dinkes` of `ciamis/dinkes/simpus`). */
    opd?: string;
    role?: Schemas['ClientRole'];
    /** The person the client's keys act for in integration procedures (name, NIP, procedure role). */
    person?: Schemas['Person'];
    /** Label of the issued key (default `provisioned`), or `false` for no key. */
    keyLabel?: string | false;
    /** When the issued key stops working (ISO date-time; default: never). */
    keyExpiresAt?: string;
  }>;
  /** More keys for clients that already exist. */
  keys?: Array<{ clientId: string; label?: string; expiresAt?: string }>;
  /** Grants to set (`PUT /v1/clients/{id}/grants/{datasetId}`: the access given replaces the grant's). */
  grants?: Array<{ clientId: string; datasetId: string; access: Schemas['GrantAccess'][] }>;
  /**
   * Public keys clients sign their batches with (`PUT /v1/clients/{id}/signing-keys/{kid}`); a key
   * registered already is kept as it is. From then on the client's batches must be signed.
   */
  signingKeys?: Array<{ clientId: string; kid: string; jwk: Schemas['ClientPublicJwk'] }>;
}

/**
 * Which part of a {@link ProvisionPlan} the hub refused: the list and the position in it.
 *
 * @example
 * ```ts
 * import type { ProvisionStep } from '@tukar/client';
 *
 * const where = (step: ProvisionStep) => `${step.part}[${step.index}] (${step.what})`;
 * ```
 */
export interface ProvisionStep {
  /** The plan's list: `contracts` also for a status move, `clients` also for a client's first key. */
  part: 'contracts' | 'datasets' | 'clients' | 'keys' | 'grants' | 'signingKeys';
  /** Position in that list. */
  index: number;
  /** What was being done, e.g. `publish contract dinkes.puskesmas 1.0.0`. */
  what: string;
}

/**
 * The hub refused a step of {@link provisionHub}: `step` says which, the rest (code, status, detail,
 * problem) is the hub's answer. Steps before it stay done.
 *
 * @example
 * ```ts
 * import { createHubClient, ProvisionError, provisionHub } from '@tukar/client';
 *
 * const admin = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_ADMIN_KEY! });
 * try {
 *   await provisionHub(admin, { clients: [{ id: 'Ciamis/Dinkes' }] });
 * } catch (error) {
 *   if (error instanceof ProvisionError) console.error(error.step.part, error.step.index, error.code, error.detail);
 * }
 * ```
 */
export class ProvisionError extends HubError {
  override readonly name: string = 'ProvisionError';
  /** The refused step. */
  readonly step: ProvisionStep;

  constructor(step: ProvisionStep, cause: HubError) {
    super(cause.code, `${step.what} (${step.part}[${step.index}]) was refused`, {
      ...(cause.status === undefined ? {} : { status: cause.status }),
      ...(cause.requestId === undefined ? {} : { requestId: cause.requestId }),
      ...(cause.operation === undefined ? {} : { operation: cause.operation }),
      ...(cause.detail === undefined ? {} : { detail: cause.detail }),
      errors: cause.errors,
      problem: cause.problem,
      cause,
    });
    this.step = step;
  }
}

/**
 * What {@link provisionHub} made, as the hub answered it.
 *
 * @example
 * ```ts
 * import { createHubClient, type ProvisionResult, provisionHub } from '@tukar/client';
 *
 * const admin = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_ADMIN_KEY! });
 * const made: ProvisionResult = await provisionHub(admin, { clients: [{ id: 'ciamis/bappeda/sipd' }] });
 * const sipdKey = made.keys['ciamis/bappeda/sipd']?.apiKey; // shown once: keep it
 * ```
 */
export interface ProvisionResult {
  contracts: Schemas['ContractVersion'][];
  datasets: Schemas['Dataset'][];
  clients: Schemas['Client'][];
  /** The keys issued, by client id (the last one when a client got several). */
  keys: Record<string, Schemas['IssuedApiKey']>;
  grants: Schemas['Grant'][];
  /** The signing keys registered (or found registered already). */
  signingKeys: Schemas['ClientSigningKey'][];
}

/**
 * Sets up contracts, datasets, clients, keys, grants and signing keys through the hub's admin API with the typed
 * client, in the order of {@link ProvisionPlan}; throws {@link ProvisionError} naming the refused step.
 * One helper for the mock's seeding, Pact provider states, the demo and test fixtures.
 *
 * @example
 * ```ts
 * import { createHubClient, provisionHub } from '@tukar/client';
 * import type { Schemas } from '@tukar/spec';
 *
 * declare const puskesmas: Schemas['ContractDocument']; // dinkes.puskesmas 1.0.0, status agreed
 * const admin = createHubClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.TUKAR_ADMIN_KEY! });
 * const { keys } = await provisionHub(admin, {
 *   contracts: [puskesmas],
 *   datasets: [{ id: 'dinkes.puskesmas', contractVersion: puskesmas.version }],
 *   clients: [{ id: 'ciamis/dinkes/simpus', name: 'SIMPUS Dinas Kesehatan' }],
 *   grants: [{ clientId: 'ciamis/dinkes/simpus', datasetId: 'dinkes.puskesmas', access: ['read', 'write'] }],
 * });
 * const simpus = createHubClient({ baseUrl: admin.baseUrl, apiKey: keys['ciamis/dinkes/simpus']!.apiKey });
 * ```
 */
export async function provisionHub(admin: HubClient, plan: ProvisionPlan): Promise<ProvisionResult> {
  const result: ProvisionResult = {
    contracts: [],
    datasets: [],
    clients: [],
    keys: {},
    grants: [],
    signingKeys: [],
  };
  const step = async <T>(part: ProvisionStep['part'], index: number, what: string, run: () => Promise<T>) => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof HubError) throw new ProvisionError({ part, index, what }, error);
      throw error;
    }
  };
  const contracts = plan.contracts ?? [];
  for (const [index, document] of contracts.entries()) {
    const { contract: contractId, version } = document;
    const status = document.status === 'draft' ? 'draft' : 'agreed';
    const stored = await step('contracts', index, `publish contract ${contractId} ${version}`, () =>
      admin.unwrap(
        admin.PUT('/v1/contracts/{contractId}/versions/{version}', {
          params: { path: { contractId, version } },
          body: { ...document, status },
        }),
      ),
    );
    result.contracts.push(stored);
  }
  for (const [index, { id, contractVersion }] of (plan.datasets ?? []).entries()) {
    const dataset = await step('datasets', index, `create dataset ${id} on ${contractVersion}`, () =>
      admin.unwrap(
        admin.PUT('/v1/datasets/{datasetId}', {
          params: { path: { datasetId: id } },
          body: { contractVersion },
        }),
      ),
    );
    result.datasets.push(dataset);
  }
  for (const [index, document] of contracts.entries()) {
    const moves: Array<'deprecated' | 'retired'> =
      document.status === 'deprecated'
        ? ['deprecated']
        : document.status === 'retired'
          ? ['deprecated', 'retired']
          : [];
    for (const status of moves) {
      const { contract: contractId, version } = document;
      const moved = await step(
        'contracts',
        index,
        `move contract ${contractId} ${version} to ${status}`,
        () =>
          admin.unwrap(
            admin.POST('/v1/contracts/{contractId}/versions/{version}/status', {
              params: { path: { contractId, version } },
              body: { status },
            }),
          ),
      );
      result.contracts[index] = moved;
    }
  }
  for (const [index, client] of (plan.clients ?? []).entries()) {
    const segments = client.id.split('/');
    const registered = await step('clients', index, `register client ${client.id}`, () =>
      admin.unwrap(
        admin.POST('/v1/clients', {
          body: {
            id: client.id,
            name: client.name ?? client.id,
            opd: client.opd ?? segments[1] ?? segments[0] ?? client.id,
            role: client.role ?? 'client',
            person: client.person,
          },
        }),
      ),
    );
    result.clients.push(registered);
    if (client.keyLabel !== false) {
      result.keys[client.id] = await issueKey(
        admin,
        client.id,
        { label: client.keyLabel ?? 'provisioned', expiresAt: client.keyExpiresAt },
        (run) => step('clients', index, `issue a key to ${client.id}`, run),
      );
    }
  }
  for (const [index, { clientId, label, expiresAt }] of (plan.keys ?? []).entries()) {
    result.keys[clientId] = await issueKey(
      admin,
      clientId,
      { label: label ?? 'provisioned', expiresAt },
      (run) => step('keys', index, `issue a key to ${clientId}`, run),
    );
  }
  for (const [index, { clientId, datasetId, access }] of (plan.grants ?? []).entries()) {
    const grant = await step(
      'grants',
      index,
      `grant ${access.join('+')} on ${datasetId} to ${clientId}`,
      () =>
        admin.unwrap(
          admin.PUT('/v1/clients/{clientId}/grants/{datasetId}', {
            params: { path: { clientId, datasetId } },
            body: { access },
          }),
        ),
    );
    result.grants.push(grant);
  }
  for (const [index, { clientId, kid, jwk }] of (plan.signingKeys ?? []).entries()) {
    const registered = await step('signingKeys', index, `register signing key ${kid} of ${clientId}`, () =>
      admin.unwrap(
        admin.PUT('/v1/clients/{clientId}/signing-keys/{kid}', {
          params: { path: { clientId, kid } },
          body: { jwk },
        }),
      ),
    );
    result.signingKeys.push(registered);
  }
  return result;
}

function issueKey(
  admin: HubClient,
  clientId: string,
  key: { label: string; expiresAt: string | undefined },
  step: (run: () => Promise<Schemas['IssuedApiKey']>) => Promise<Schemas['IssuedApiKey']>,
): Promise<Schemas['IssuedApiKey']> {
  const body =
    key.expiresAt === undefined ? { label: key.label } : { label: key.label, expiresAt: key.expiresAt };
  return step(() =>
    admin.unwrap(admin.POST('/v1/clients/{clientId}/keys', { params: { path: { clientId } }, body })),
  );
}
