import { compareVersions, parseVersion } from '@tukar/contracts';
import { MockHubError } from './mock-hub-error';
import type { MockClient, MockContract, MockHubOptions, MockRecord } from './mock-hub-options';
import type { SeedPlan } from './seed-hub';

/** Where the mock answers: the base URL as given (no trailing `/`), its origin and its path prefix. */
export interface MockAddress {
  baseUrl: string;
  origin: string;
  /** Path before `/v1/…` (`''` for a bare origin), removed before the hub sees a request. */
  prefix: string;
}

/**
 * The base URL a mock hub answers on when `baseUrl` is not given. The `.mock` name never resolves, so a
 * request that msw does not answer fails instead of reaching a network.
 *
 * @example
 * ```ts
 * import { DEFAULT_BASE_URL, mockHub } from '@tukar/mock';
 *
 * const hub = await mockHub();
 * hub.baseUrl === DEFAULT_BASE_URL; // 'http://hub.mock'
 * ```
 */
export const DEFAULT_BASE_URL = 'http://hub.mock';

const quote = (text: string) => JSON.stringify(text);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const describe = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object'
        ? 'an object'
        : `${typeof value} ${JSON.stringify(value)}`;

/** Checks `baseUrl`: an absolute http(s) URL without query or fragment. */
export function checkBaseUrl(value: unknown): MockAddress {
  const text = value === undefined ? DEFAULT_BASE_URL : typeof value === 'string' ? value.trim() : '';
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new MockHubError(
      'invalid_option',
      'baseUrl',
      `${JSON.stringify(value)} is not an absolute http(s) URL without query or fragment; write it like "http://hub.mock" (the same baseUrl your client uses).`,
    );
  }
  const prefix = url.pathname.replace(/\/+$/, '');
  return { baseUrl: `${url.origin}${prefix}`, origin: url.origin, prefix };
}

/** Checks the shape of the seed options and orders the contracts for publishing. */
export function planSeed(options: MockHubOptions): SeedPlan {
  const contracts = options.contracts ?? [];
  if (!Array.isArray(contracts)) {
    throw new MockHubError(
      'invalid_option',
      'contracts',
      `must be an array of contract documents, got ${describe(contracts)}.`,
    );
  }
  const seen = new Map<string, number>();
  const contractIds = new Set<string>();
  const ordered = contracts.map((document: MockContract, index) => {
    if (
      !isObject(document) ||
      typeof document.contract !== 'string' ||
      typeof document.version !== 'string'
    ) {
      throw new MockHubError(
        'invalid_contract',
        `contracts[${index}]`,
        `must be a contract document with string "contract" and "version" (e.g. loadContract(file).contract), got ${describe(document)}.`,
      );
    }
    if (parseVersion(document.version) === undefined) {
      throw new MockHubError(
        'invalid_contract',
        `contracts[${index}]`,
        `version ${quote(document.version)} of ${document.contract} is not a semantic version: write MAJOR.MINOR.PATCH, e.g. "1.2.0".`,
      );
    }
    const id = `${document.contract}@${document.version}`;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new MockHubError(
        'invalid_contract',
        `contracts[${index}]`,
        `${id} is listed twice (also at contracts[${earlier}]).`,
      );
    }
    seen.set(id, index);
    contractIds.add(document.contract);
    return { document, index };
  });
  ordered.sort((a, b) =>
    a.document.contract === b.document.contract
      ? compareVersions(a.document.version, b.document.version)
      : a.document.contract < b.document.contract
        ? -1
        : 1,
  );
  const knownDatasets = () =>
    contractIds.size === 0
      ? 'no contracts are given'
      : `the datasets are ${[...contractIds].map(quote).join(', ')}`;

  const clients = options.clients ?? {};
  if (!isObject(clients)) {
    throw new MockHubError(
      'invalid_option',
      'clients',
      `must be an object keyed by client id, e.g. { 'ciamis/dinkes/simpus': { grants: { 'dinkes.puskesmas': ['read', 'write'] } } }, got ${describe(clients)}.`,
    );
  }
  const clientEntries = Object.entries(clients).map(([clientId, settings]): [string, MockClient] => {
    const where = `clients[${quote(clientId)}]`;
    if (settings === undefined || settings === null) return [clientId, {}];
    if (!isObject(settings)) {
      throw new MockHubError(
        'invalid_client',
        where,
        `must be an object like { grants: { 'dinkes.puskesmas': ['read'] } }, got ${describe(settings)}.`,
      );
    }
    const grants = (settings as MockClient).grants ?? {};
    if (!isObject(grants)) {
      throw new MockHubError(
        'invalid_client',
        `${where}.grants`,
        `must be an object of dataset id → ['read' | 'write'], got ${describe(grants)}.`,
      );
    }
    for (const [datasetId, access] of Object.entries(grants)) {
      if (!contractIds.has(datasetId)) {
        throw new MockHubError(
          'unknown_dataset',
          `${where}.grants[${quote(datasetId)}]`,
          `no contract in "contracts" creates dataset ${quote(datasetId)}; ${knownDatasets()}.`,
        );
      }
      if (
        !Array.isArray(access) ||
        access.length === 0 ||
        access.some((a) => a !== 'read' && a !== 'write')
      ) {
        throw new MockHubError(
          'invalid_client',
          `${where}.grants[${quote(datasetId)}]`,
          `must be a non-empty array of 'read' and 'write', got ${JSON.stringify(access)}.`,
        );
      }
    }
    return [clientId, settings as MockClient];
  });

  const records = options.records ?? {};
  if (!isObject(records)) {
    throw new MockHubError(
      'invalid_option',
      'records',
      `must be an object of dataset id → array of records, got ${describe(records)}.`,
    );
  }
  const recordEntries = Object.entries(records).map(([datasetId, list]): [string, readonly MockRecord[]] => {
    const where = `records[${quote(datasetId)}]`;
    if (!contractIds.has(datasetId)) {
      throw new MockHubError(
        'unknown_dataset',
        where,
        `no contract in "contracts" creates dataset ${quote(datasetId)}; ${knownDatasets()}.`,
      );
    }
    if (!Array.isArray(list)) {
      throw new MockHubError('invalid_option', where, `must be an array of records, got ${describe(list)}.`);
    }
    list.forEach((record: unknown, i) => {
      if (!isObject(record)) {
        throw new MockHubError(
          'invalid_record',
          `${where}[${i}]`,
          `a record must be an object, got ${describe(record)}.`,
        );
      }
    });
    return [datasetId, list];
  });
  return { contracts: ordered, clients: clientEntries, records: recordEntries };
}
