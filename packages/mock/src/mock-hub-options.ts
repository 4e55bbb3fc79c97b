import type { DatasetRecord, DatasetTypes, UntypedDatasets } from '@tukar/client';
import type { HubLogLine, RateLimit } from '@tukar/hub';
import type { Schemas } from '@tukar/spec';

/**
 * A contract document as the hub takes it: the JSON form of a contract file (e.g. `loadContract(...).contract`).
 *
 * @example
 * ```ts
 * import { loadContract } from '@tukar/contracts';
 * import { type MockContract, mockHub } from '@tukar/mock';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
 * const puskesmas: MockContract = loaded.contract;
 * const hub = await mockHub({ contracts: [puskesmas] }); // dataset dinkes.puskesmas, pinned to 1.0.0
 * ```
 */
export type MockContract = Schemas['ContractDocument'];

/**
 * One record of a dataset, as the OPD system sends it.
 *
 * @example
 * ```ts
 * import { type MockContract, type MockRecord, mockHub } from '@tukar/mock';
 *
 * declare const puskesmas: MockContract; // loadContract('contracts/dinkes.puskesmas.yaml')
 * const ciamis: MockRecord = {
 *   kode_puskesmas: 'P3207010101', nama: 'Puskesmas Ciamis', alamat: 'Jl. Dr. Soekardjo No. 4, Ciamis',
 *   kode_wilayah: '32.07.01.1001', jenis: 'rawat inap', koordinat: { lat: -7.3275, lon: 108.3535 },
 *   jumlah_tenaga_kesehatan: 68,
 * };
 * const hub = await mockHub({ contracts: [puskesmas], records: { 'dinkes.puskesmas': [ciamis] } });
 * ```
 */
export type MockRecord = Record<string, unknown>;

/**
 * The `records` option of {@link mockHub}: the records to seed by dataset id. With the `Datasets` map of
 * `tukar types` (`mockHub<Datasets>(…)`), each dataset's records have its record type, so a wrong field,
 * a wrong type or an unknown dataset id does not compile.
 *
 * @example
 * ```ts
 * import { type MockSeedRecords, mockHub } from '@tukar/mock';
 * import type { Datasets } from './tukar-types.generated';
 *
 * const records: MockSeedRecords<Datasets> = {
 *   'dinkes.puskesmas': [
 *     {
 *       kode_puskesmas: 'P3207010101', nama: 'Puskesmas Ciamis', alamat: 'Jl. Dr. Soekardjo No. 4, Ciamis',
 *       kode_wilayah: '32.07.01.1001', jenis: 'rawat inap', koordinat: { lat: -7.3275, lon: 108.3535 },
 *       jumlah_tenaga_kesehatan: 68,
 *     },
 *   ],
 * };
 * const hub = await mockHub<Datasets>({ contracts: [puskesmas], records });
 * ```
 */
export type MockSeedRecords<D extends { [Id in keyof D]: DatasetTypes } = UntypedDatasets> = {
  readonly [Id in keyof D]?: readonly DatasetRecord<D, Id>[];
};

/**
 * `read` and/or `write`, per dataset.
 *
 * @example
 * ```ts
 * import { type MockContract, type MockGrantAccess, mockHub } from '@tukar/mock';
 *
 * declare const puskesmas: MockContract; // loadContract('contracts/dinkes.puskesmas.yaml')
 * const owner: MockGrantAccess[] = ['read', 'write']; // SIMPUS keeps the list
 * const hub = await mockHub({
 *   contracts: [puskesmas],
 *   clients: {
 *     'ciamis/dinkes/simpus': { grants: { 'dinkes.puskesmas': owner } },
 *     'ciamis/bappeda/dashboard': { grants: { 'dinkes.puskesmas': ['read'] } }, // only reads it
 *   },
 * });
 * ```
 */
export type MockGrantAccess = Schemas['GrantAccess'];

/**
 * A client (OPD system) the mock hub registers, keyed by its id in {@link MockHubOptions.clients}.
 *
 * @example
 * ```ts
 * import type { MockClient } from '@tukar/mock';
 *
 * const simpus: MockClient = { grants: { 'dinkes.puskesmas': ['read', 'write'] } };
 * ```
 */
export interface MockClient {
  /** Access per dataset id, e.g. `{ 'dinkes.puskesmas': ['read', 'write'] }`. Default: none. */
  grants?: Readonly<Record<string, readonly MockGrantAccess[]>>;
  /** Display name (default: the client id). */
  name?: string;
  /** The OPD it belongs to (default: the second segment of the id, `dinkes` in `ciamis/dinkes/simpus`). */
  opd?: string;
  /** `client` (default) or `admin`. */
  role?: 'client' | 'admin';
}

/**
 * Options of {@link mockHub}. Every seed goes through the hub's own admin API, so whatever the real
 * hub refuses (an invalid contract, a record that breaks its contract, a bad client id) makes
 * `mockHub` reject with a {@link MockHubError} that names the option.
 *
 * @example
 * ```ts
 * import { type MockContract, type MockHubOptions, type MockRecord, mockHub } from '@tukar/mock';
 *
 * declare const puskesmas: MockContract; // loadContract('contracts/dinkes.puskesmas.yaml')
 * declare const daftarPuskesmas: MockRecord[]; // valid dinkes.puskesmas records
 * const options: MockHubOptions = {
 *   baseUrl: 'http://hub.mock',
 *   contracts: [puskesmas],
 *   clients: { 'ciamis/dinkes/simpus': { grants: { 'dinkes.puskesmas': ['read', 'write'] } } },
 *   records: { 'dinkes.puskesmas': daftarPuskesmas },
 * };
 * const hub = await mockHub(options);
 * ```
 */
export interface MockHubOptions<
  Clients extends Record<string, MockClient> = Record<string, MockClient>,
  D extends { [Id in keyof D]: DatasetTypes } = UntypedDatasets,
> {
  /** Origin (and optional path prefix) the handlers answer on. Default `http://hub.mock`. */
  baseUrl?: string;
  /**
   * Contract documents to publish. Each is published as `agreed` (a `draft` too); one dataset per
   * contract id is created, pinned to its newest version. A `deprecated` or `retired` document is moved
   * to that status after its dataset exists.
   */
  contracts?: readonly MockContract[];
  /** Clients to register by id (`kabupaten/opd/system`), each with one API key (see `keys`) and its grants. */
  clients?: Clients;
  /**
   * Records to seed per dataset id (a contract in `contracts`), pushed and validated like any push;
   * typed by the `Datasets` map of `mockHub<Datasets>(…)`.
   */
  records?: MockSeedRecords<D>;
  /** The admin key to use (`tk_…`); default: a new random one, in `adminKey` of the result. */
  adminKey?: string;
  /** The hub's clock (move it to test time limits). Default `() => new Date()`. */
  now?: () => Date;
  /** Per-client rate limit, as on the real hub. Default `false` (none), so tests are not throttled. */
  rateLimit?: RateLimit | false;
  /** The hub's structured log lines. Default: none. */
  log?: (line: HubLogLine) => void;
}
