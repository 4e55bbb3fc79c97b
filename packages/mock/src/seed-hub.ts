import { createHubClient, type HubClient, ProvisionError, provisionHub } from '@tukar/client';
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
 * their grants (all with `provisionHub` of `@tukar/client`), then the records pushed in batches.
 * Resolves with the issued keys by client id.
 */
export async function seedHub(
  hub: Hub,
  origin: string,
  adminKey: string,
  plan: SeedPlan,
): Promise<Record<string, string>> {
  const admin = createHubClient({
    baseUrl: origin,
    apiKey: adminKey,
    retry: false,
    fetch: (request) => hub.fetch(request),
  });
  const newest = new Map<string, string>();
  for (const { document } of plan.contracts) newest.set(document.contract, document.version); // ascending: the last wins
  const datasets = [...newest].map(([id, contractVersion]) => ({ id, contractVersion }));
  const grants = plan.clients.flatMap(([clientId, settings]) =>
    Object.entries(settings.grants ?? {}).map(([datasetId, access]) => ({
      clientId,
      datasetId,
      access: [...access],
    })),
  );
  let keys: Record<string, string> = {};
  try {
    const made = await provisionHub(admin, {
      contracts: plan.contracts.map(({ document }) => ({
        ...document,
        status: document.status === 'draft' || document.status === undefined ? 'agreed' : document.status,
      })),
      datasets,
      clients: plan.clients.map(([id, settings]) => {
        const segments = id.split('/');
        return {
          id,
          name: settings.name ?? id,
          opd: settings.opd ?? segments[1] ?? segments[0] ?? id,
          role: settings.role ?? 'client',
          keyLabel: 'mock',
        };
      }),
      grants,
    });
    keys = Object.fromEntries(
      Object.entries(made.keys).map(([clientId, issued]) => [clientId, issued.apiKey]),
    );
  } catch (error) {
    if (!(error instanceof ProvisionError)) throw error;
    throw seedError(error, plan, datasets, grants);
  }
  await pushSeedRecords(admin, plan);
  return keys;
}

/** A refused provisioning step as a {@link MockHubError} that names the option at fault. */
function seedError(
  error: ProvisionError,
  plan: SeedPlan,
  datasets: Array<{ id: string; contractVersion: string }>,
  grants: Array<{ clientId: string; datasetId: string; access: unknown }>,
): MockHubError {
  const problem = isProblem(error.problem) ? error.problem : undefined;
  const answer = problem
    ? `${error.status} ${problem.code}: ${problem.detail}`
    : `${error.status} ${JSON.stringify(error.problem)?.slice(0, 300)}`;
  const { part, index } = error.step;
  const refused = (code: MockHubErrorCode, where: string, what: string) =>
    new MockHubError(code, where, `${what} was refused by the hub: ${answer}`, problem);
  if (part === 'contracts') {
    const entry = plan.contracts[index];
    const { contract, version } = entry?.document ?? { contract: '?', version: '?' };
    const moving = error.step.what.startsWith('move');
    return refused(
      'invalid_contract',
      `contracts[${entry?.index ?? index}]`,
      moving
        ? `Moving ${contract} ${version} to ${error.step.what.split(' ').pop()}`
        : `Contract ${contract} ${version}`,
    );
  }
  if (part === 'datasets') {
    const dataset = datasets[index];
    return refused(
      'seed_failed',
      `contracts (${dataset?.id})`,
      `Creating dataset ${dataset?.id} on ${dataset?.contractVersion}`,
    );
  }
  if (part === 'grants') {
    const grant = grants[index];
    return refused(
      'invalid_client',
      `clients[${quote(grant?.clientId ?? '?')}].grants[${quote(grant?.datasetId ?? '?')}]`,
      `Granting ${JSON.stringify(grant?.access)} on ${grant?.datasetId}`,
    );
  }
  const clientId = plan.clients[index]?.[0] ?? '?';
  const where = `clients[${quote(clientId)}]`;
  if (error.step.what.startsWith('issue'))
    return refused('seed_failed', where, `Issuing a key for ${quote(clientId)}`);
  if (error.status === 400 && /\/id\b/.test(problem?.detail ?? '')) {
    return new MockHubError(
      'invalid_client',
      where,
      `${quote(clientId)} is not a valid client id (${problem?.detail}). A client id is one to four lower-case segments of a-z, 0-9 and "-" separated by "/", e.g. "ciamis/dinkes/simpus".`,
      problem,
    );
  }
  return refused('invalid_client', where, `Registering client ${quote(clientId)}`);
}

/** Pushes the seed records in batches the hub accepts. */
async function pushSeedRecords(admin: HubClient, plan: SeedPlan): Promise<void> {
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
      const answer = await admin.POST('/v1/datasets/{datasetId}/records', {
        params: {
          path: { datasetId },
          header: { 'Idempotency-Key': `mock-seed:${datasetId}:${batchNumber}`.slice(0, 128) },
        },
        body: { upsert: records.slice(start, end) as Schemas['PushRequest']['upsert'] },
      });
      if (answer.error !== undefined) {
        const body: unknown = answer.error;
        if (answer.response.status === 422 && isProblem(body) && Array.isArray(body.errors)) {
          throw recordError(datasetId, start, body);
        }
        throw new MockHubError(
          answer.response.status === 413 ? 'invalid_record' : 'seed_failed',
          `records[${quote(datasetId)}][${start}…${end - 1}]`,
          `Seeding ${end - start} record(s) was refused by the hub: ${describeAnswer({ status: answer.response.status, body })}`,
          isProblem(body) ? body : undefined,
        );
      }
      start = end;
      batchNumber++;
    }
  }
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
