import type { Hub } from '@tukar/hub';
import { HUB_LIMITS, type Problem, type Schemas } from '@tukar/spec';
import { MockHubError, type MockHubErrorCode } from './mock-hub-error';
import type { MockClient, MockRecord } from './mock-hub-options';

/** The seed of a mock hub after its shape was checked. */
export interface SeedPlan {
  /** Contract documents in publishing order (by id, then ascending version), with their index in `contracts`. */
  contracts: Array<{ document: Schemas['ContractDocument']; index: number }>;
  clients: Array<[string, MockClient]>;
  records: Array<[string, readonly MockRecord[]]>;
}

interface Answer {
  status: number;
  body: unknown;
}

/** Most bytes of seed records sent in one batch: below the hub's body limit, with room for the envelope. */
const SEED_BATCH_BYTES = Math.floor(HUB_LIMITS.maxBodyBytes * 0.8);
/** Record errors quoted in a seeding error message. */
const QUOTED_RECORD_ERRORS = 5;

const quote = (text: string) => JSON.stringify(text);

/** Compares `1.2.3`-style versions numerically (pre-release tags sort before their release). */
function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.split(/-(.*)/s, 2);
    return { parts: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).code === 'string';
}

function describeAnswer(answer: Answer): string {
  if (isProblem(answer.body)) return `${answer.status} ${answer.body.code}: ${answer.body.detail}`;
  return `${answer.status} ${JSON.stringify(answer.body)?.slice(0, 300)}`;
}

/**
 * Seeds a fresh hub through its own API, as the administrator would: contracts published as agreed,
 * one dataset per contract pinned to its newest version, clients registered with one key each and
 * their grants, then the records pushed in batches. Resolves with the issued keys by client id.
 */
export async function seedHub(
  hub: Hub,
  origin: string,
  adminKey: string,
  plan: SeedPlan,
): Promise<Record<string, string>> {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await hub.fetch(
      new Request(`${origin}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${adminKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text for the error message
    }
    return { status: response.status, body: parsed } satisfies Answer;
  };
  const fail = (code: MockHubErrorCode, where: string, message: string, answer?: Answer): never => {
    throw new MockHubError(code, where, message, answer && isProblem(answer.body) ? answer.body : undefined);
  };
  const expectOk = (answer: Answer, code: MockHubErrorCode, where: string, what: string) => {
    if (answer.status >= 200 && answer.status < 300) return;
    fail(code, where, `${what} was refused by the hub: ${describeAnswer(answer)}`, answer);
  };
  const path = (...segments: string[]) => segments.map(encodeURIComponent).join('/');

  // Contracts, then one dataset per contract pinned to its newest version.
  const newest = new Map<string, string>();
  for (const { document, index } of plan.contracts) {
    const where = `contracts[${index}]`;
    const { contract, version } = document;
    const answer = await call('PUT', `/v1/contracts/${path(contract, 'versions', version)}`, {
      ...document,
      status: 'agreed',
    });
    expectOk(answer, 'invalid_contract', where, `Contract ${contract} ${version}`);
    newest.set(contract, version); // in ascending version order: the last one wins
  }
  for (const [contract, version] of newest) {
    const answer = await call('PUT', `/v1/datasets/${path(contract)}`, { contractVersion: version });
    expectOk(answer, 'seed_failed', `contracts (${contract})`, `Creating dataset ${contract} on ${version}`);
  }
  for (const { document, index } of plan.contracts) {
    const steps: Schemas['ContractStatus'][] =
      document.status === 'deprecated'
        ? ['deprecated']
        : document.status === 'retired'
          ? ['deprecated', 'retired']
          : [];
    for (const status of steps) {
      const answer = await call(
        'POST',
        `/v1/contracts/${path(document.contract, 'versions', document.version, 'status')}`,
        { status },
      );
      expectOk(
        answer,
        'invalid_contract',
        `contracts[${index}]`,
        `Moving ${document.contract} ${document.version} to ${status}`,
      );
    }
  }

  // Clients, one key each, and their grants.
  const keys: Record<string, string> = {};
  for (const [clientId, settings] of plan.clients) {
    const where = `clients[${quote(clientId)}]`;
    const segments = clientId.split('/');
    const created = await call('POST', '/v1/clients', {
      id: clientId,
      name: settings.name ?? clientId,
      opd: settings.opd ?? segments[1] ?? segments[0] ?? clientId,
      role: settings.role ?? 'client',
    });
    if (created.status === 400 && isProblem(created.body) && /\/id\b/.test(created.body.detail ?? '')) {
      fail(
        'invalid_client',
        where,
        `${quote(clientId)} is not a valid client id (${created.body.detail}). A client id is one to four lower-case segments of a-z, 0-9 and "-" separated by "/", e.g. "ciamis/dinkes/simpus".`,
        created,
      );
    }
    expectOk(created, 'invalid_client', where, `Registering client ${quote(clientId)}`);
    const issued = await call('POST', `/v1/clients/${path(clientId)}/keys`, { label: 'mock' });
    expectOk(issued, 'seed_failed', where, `Issuing a key for ${quote(clientId)}`);
    keys[clientId] = (issued.body as Schemas['IssuedApiKey']).apiKey;
    for (const [datasetId, access] of Object.entries(settings.grants ?? {})) {
      const granted = await call('PUT', `/v1/clients/${path(clientId, 'grants', datasetId)}`, { access });
      expectOk(
        granted,
        'invalid_client',
        `${where}.grants[${quote(datasetId)}]`,
        `Granting ${JSON.stringify(access)} on ${datasetId}`,
      );
    }
  }

  // Records, in batches the hub accepts.
  for (const [datasetId, records] of plan.records) {
    let start = 0;
    let batchNumber = 0;
    while (start < records.length) {
      let end = start;
      let bytes = 0;
      while (end < records.length && end - start < HUB_LIMITS.maxBatchSize) {
        const size = JSON.stringify(records[end]).length + 1;
        if (end > start && bytes + size > SEED_BATCH_BYTES) break;
        bytes += size;
        end++;
      }
      const answer = await call(
        'POST',
        `/v1/datasets/${path(datasetId)}/records`,
        { upsert: records.slice(start, end) },
        { 'idempotency-key': `mock-seed:${datasetId}:${batchNumber}`.slice(0, 128) },
      );
      if (answer.status === 422 && isProblem(answer.body) && Array.isArray(answer.body.errors)) {
        throw recordError(datasetId, start, answer.body);
      }
      expectOk(
        answer,
        answer.status === 413 ? 'invalid_record' : 'seed_failed',
        `records[${quote(datasetId)}][${start}…${end - 1}]`,
        `Seeding ${end - start} record(s)`,
      );
      start = end;
      batchNumber++;
    }
  }
  return keys;
}

/** A refused seed batch as an error that names each bad record by its position in `records[dataset]`. */
function recordError(datasetId: string, offset: number, problem: Problem): MockHubError {
  const errors = problem.errors ?? [];
  const at = (e: Schemas['RecordError']) =>
    `records[${quote(datasetId)}][${offset + e.index}]${e.key ? ` (key ${e.key})` : ''}`;
  const lines = errors
    .slice(0, QUOTED_RECORD_ERRORS)
    .map((e) => `${at(e)} field ${e.path || '/'}: ${e.message} [${e.code}]`);
  const more =
    errors.length > QUOTED_RECORD_ERRORS ? `\n  … and ${errors.length - QUOTED_RECORD_ERRORS} more` : '';
  const first = errors[0];
  return new MockHubError(
    'invalid_record',
    first ? at(first).replace(/ \(key .*\)$/, '') : `records[${quote(datasetId)}]`,
    `a seed record does not satisfy contract ${datasetId}:\n  ${lines.join('\n  ')}${more}`,
    problem,
  );
}

export { compareVersions };
