import { fetchFailureReason } from './fetch-failure';
import { DEFAULT_PACT_DIR } from './hub-pact';
import { PactError } from './pact-error';
import { loadPacts } from './pact-files';
import { checkHttpUrl } from './urls';

/**
 * Options of {@link publishPacts}.
 *
 * @example
 * ```ts
 * import { type PublishPactsOptions, publishPacts } from '@tukar/pact';
 *
 * const options: PublishPactsOptions = {
 *   brokerUrl: 'https://pact-broker.diskominfo.example.go.id',
 *   token: process.env.PACT_BROKER_TOKEN,
 *   consumerVersion: process.env.GIT_SHA!,
 *   branch: 'main',
 *   pacts: ['pacts/ciamis-dinkes-simpus-tukar-hub.json'],
 * };
 * await publishPacts(options);
 * ```
 */
export interface PublishPactsOptions {
  /** The Pact Broker's base URL. */
  brokerUrl: string;
  /** Bearer token, or `username` + `password` for basic auth. */
  token?: string;
  username?: string;
  password?: string;
  /** The consumer version the pacts belong to, e.g. the git SHA of the OPD application. */
  consumerVersion: string;
  /** The consumer's branch, e.g. `main`. */
  branch?: string;
  /** Tags of the consumer version (older brokers). */
  tags?: string[];
  /** Link to the CI run. */
  buildUrl?: string;
  /** Pact files or directories (default `pacts`). */
  pacts?: Array<string | object>;
  /** Directory relative paths are resolved against. */
  cwd?: string;
}

/**
 * One published pact.
 *
 * @example
 * ```ts
 * import { type PublishedPact, publishPacts } from '@tukar/pact';
 *
 * const published: PublishedPact[] = await publishPacts({
 *   brokerUrl: 'https://pact-broker.diskominfo.example.go.id',
 *   consumerVersion: process.env.GIT_SHA!,
 * });
 * for (const pact of published) console.log(`published ${pact.consumer} → ${pact.provider} (${pact.source})`);
 * ```
 */
export interface PublishedPact {
  consumer: string;
  provider: string;
  source: string;
}

/**
 * Publishes pact files to a Pact Broker (`POST /contracts/publish`), one request per consumer, so the
 * hub's CI can verify them from the broker (`verifyHub({ broker })`).
 *
 * @example
 * ```ts
 * import { publishPacts } from '@tukar/pact';
 *
 * const token = process.env.PACT_BROKER_TOKEN;
 * await publishPacts({ brokerUrl: 'https://broker.example.go.id', token, consumerVersion: process.env.GIT_SHA!, branch: 'main' });
 * ```
 */
export async function publishPacts(options: PublishPactsOptions): Promise<PublishedPact[]> {
  if (typeof options !== 'object' || options === null) {
    throw new PactError('invalid_option', 'publishPacts: pass { brokerUrl, consumerVersion }');
  }
  const brokerUrl = checkHttpUrl(options.brokerUrl, 'publishPacts: brokerUrl');
  if (typeof options.consumerVersion !== 'string' || options.consumerVersion.trim() === '') {
    throw new PactError(
      'invalid_option',
      'publishPacts: consumerVersion is missing (use the git SHA of the OPD application)',
    );
  }
  const pacts = await loadPacts(options.pacts ?? [DEFAULT_PACT_DIR], options.cwd);
  if (pacts.length === 0)
    throw new PactError(
      'no_pacts',
      `publishPacts: no pact files in ${(options.pacts ?? [DEFAULT_PACT_DIR]).join(', ')}`,
    );
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/hal+json',
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  else if (options.username) {
    headers.authorization = `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`;
  }
  const byConsumer = new Map<string, typeof pacts>();
  for (const pact of pacts) {
    const consumer = pact.document.consumer.name;
    byConsumer.set(consumer, [...(byConsumer.get(consumer) ?? []), pact]);
  }
  const published: PublishedPact[] = [];
  for (const [consumer, list] of byConsumer) {
    const body = {
      pacticipantName: consumer,
      pacticipantVersionNumber: options.consumerVersion,
      ...(options.branch ? { branch: options.branch } : {}),
      ...(options.tags ? { tags: options.tags } : {}),
      ...(options.buildUrl ? { buildUrl: options.buildUrl } : {}),
      contracts: list.map((pact) => ({
        consumerName: consumer,
        providerName: pact.document.provider.name,
        specification: 'pact',
        contentType: 'application/json',
        content: Buffer.from(JSON.stringify(pact.document)).toString('base64'),
      })),
    };
    let response: Response;
    try {
      response = await fetch(`${brokerUrl}/contracts/publish`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const reason = fetchFailureReason(error);
      throw new PactError(
        'broker_failed',
        `publishPacts: the broker at ${brokerUrl} cannot be reached (${reason})`,
        { cause: error },
      );
    }
    if (!response.ok) {
      const text = (await response.text()).slice(0, 500);
      throw new PactError(
        'broker_failed',
        `publishPacts: the broker refused the pacts of ${consumer}: ${response.status} ${response.statusText}${text ? ` — ${text}` : ''}`,
      );
    }
    await response.body?.cancel();
    for (const pact of list)
      published.push({ consumer, provider: pact.document.provider.name, source: pact.source });
  }
  return published;
}
