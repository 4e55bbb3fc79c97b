// A Pact Broker stand-in on loopback (the HAL resources the Pact core and publishPacts use), so that
// publishing pacts and verifying the hub from a broker are tested without one.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../../hub/test/hub-fixture';
import { hubPact, publishPacts, readChangesInteraction, verifyHub, withHubClient } from '../src/index';
import { contractsDir, exampleContract, tempDir } from './helpers';

interface Received {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += chunk;
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

describe('Pact Broker: publish pacts, verify the hub from it, publish the results', () => {
  let broker: Server;
  let brokerUrl: string;
  const received: Received[] = [];
  const stored = new Map<string, unknown>();
  let hub: TestHub;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('broker'));
    hub = await startHub();
    broker = createServer(async (request, response) => {
      const body = await bodyOf(request);
      const path = request.url ?? '/';
      received.push({
        method: request.method ?? '',
        path,
        authorization: request.headers.authorization,
        body,
      });
      const send = (status: number, json: unknown) => {
        response.writeHead(status, { 'content-type': 'application/hal+json' });
        response.end(JSON.stringify(json));
      };
      if (request.headers.authorization !== 'Bearer broker-token')
        return send(401, { error: 'unauthorized' });
      if (request.method === 'POST' && path === '/contracts/publish') {
        const publish = body as {
          pacticipantName: string;
          contracts: Array<{ providerName: string; content: string }>;
        };
        if (publish.pacticipantName === 'refused-consumer')
          return send(400, { errors: { pacticipantName: ['is refused'] } });
        for (const contract of publish.contracts) {
          stored.set(
            `${publish.pacticipantName}/${contract.providerName}`,
            JSON.parse(Buffer.from(contract.content, 'base64').toString('utf8')),
          );
        }
        return send(200, { notices: [{ type: 'success', text: 'published' }] });
      }
      if (request.method === 'GET' && path === '/') {
        return send(200, {
          _links: {
            'pb:provider-pacts-for-verification': {
              href: `${brokerUrl}/pacts/provider/{provider}/for-verification`,
              templated: true,
            },
          },
        });
      }
      if (request.method === 'GET' && path === '/pacts/provider/tukar-hub/for-verification') {
        // The HAL resource first; the verifier then POSTs its selectors to its `self` link.
        return send(200, { _links: { self: { href: `${brokerUrl}${path}` } } });
      }
      if (request.method === 'POST' && path === '/pacts/provider/tukar-hub/for-verification') {
        const pacts = [...stored.keys()].filter((key) => key.endsWith('/tukar-hub'));
        return send(200, {
          _embedded: {
            pacts: pacts.map((key) => ({
              shortDescription: key,
              verificationProperties: { pending: false, notices: [] },
              _links: { self: { href: `${brokerUrl}/pacts/${key}`, name: key } },
            })),
          },
        });
      }
      if (request.method === 'GET' && path.startsWith('/pacts/')) {
        const key = path.slice('/pacts/'.length);
        const pact = stored.get(key);
        if (!pact) return send(404, {});
        return send(200, {
          ...(pact as object),
          _links: { 'pb:publish-verification-results': { href: `${brokerUrl}/results/${key}` } },
        });
      }
      if (request.method === 'POST' && path.startsWith('/results/')) return send(201, {});
      return send(404, { error: `no route ${request.method} ${path}` });
    });
    await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve));
    brokerUrl = `http://127.0.0.1:${(broker.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await hub.close();
    await cleanup();
  });

  it('publishes the pacts of a directory, one request per consumer', async () => {
    const contract = await exampleContract('dinkes.puskesmas');
    await readChangesInteraction(hubPact({ consumer: 'ciamis-dinkes-simpus', dir: join(dir, 'pacts') }), {
      contract,
    }).executeTest(
      withHubClient(async (client) => {
        for await (const _ of client.pullChanges('dinkes.puskesmas')) break;
      }),
    );
    const published = await publishPacts({
      brokerUrl,
      token: 'broker-token',
      consumerVersion: '0f3a9c1',
      branch: 'main',
      pacts: [join(dir, 'pacts')],
    });
    expect(published).toEqual([
      {
        consumer: 'ciamis-dinkes-simpus',
        provider: 'tukar-hub',
        source: join(dir, 'pacts', 'ciamis-dinkes-simpus-tukar-hub.json'),
      },
    ]);
    const request = received.find((r) => r.path === '/contracts/publish');
    expect(request?.body).toMatchObject({
      pacticipantName: 'ciamis-dinkes-simpus',
      pacticipantVersionNumber: '0f3a9c1',
      branch: 'main',
      contracts: [
        {
          consumerName: 'ciamis-dinkes-simpus',
          providerName: 'tukar-hub',
          specification: 'pact',
          contentType: 'application/json',
        },
      ],
    });
  });

  it('verifies the hub against the pacts from the broker and publishes the results', async () => {
    const report = await verifyHub({
      hubUrl: hub.url,
      adminKey: hub.adminKey,
      broker: { url: brokerUrl, token: 'broker-token', publishResults: true, providerVersion: '1.4.0' },
      contracts: [contractsDir],
      resultsDir: join(dir, 'results'),
    });
    expect(report.summary).toContain('1 interaction verified');
    expect(report.sources).toEqual([brokerUrl]);
    const results = received.find((r) => r.path.startsWith('/results/'));
    expect(results?.body).toMatchObject({ success: true, providerApplicationVersion: '1.4.0' });
    expect(report.warnings).toEqual([]);
  });

  it('reports results it could not publish as a warning, not as a pass in silence', async () => {
    // This broker has no `pb:provider` link, which recording the provider's branch needs.
    const report = await verifyHub({
      hubUrl: hub.url,
      adminKey: hub.adminKey,
      broker: {
        url: brokerUrl,
        token: 'broker-token',
        publishResults: true,
        providerVersion: '1.4.1',
        providerBranch: 'main',
      },
      contracts: [contractsDir],
      resultsDir: false,
    });
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([expect.stringContaining('Publishing of verification results failed')]);
    expect(report.summary).toContain(
      "  ! Publishing of verification results failed with an error: Error with a HAL link - Link 'pb:provider'",
    );
  });

  it('says why the broker refused or could not be reached', async () => {
    await expect(
      publishPacts({ brokerUrl, token: 'wrong', consumerVersion: '1', pacts: [join(dir, 'pacts')] }),
    ).rejects.toThrow(/the broker refused the pacts of ciamis-dinkes-simpus: 401/);
    await expect(
      publishPacts({
        brokerUrl,
        token: 'broker-token',
        consumerVersion: '1',
        pacts: [
          { consumer: { name: 'refused-consumer' }, provider: { name: 'tukar-hub' }, interactions: [] },
        ],
      }),
    ).rejects.toThrow(/400 Bad Request — .*is refused/);
    await expect(
      publishPacts({ brokerUrl: 'http://127.0.0.1:1', consumerVersion: '1', pacts: [join(dir, 'pacts')] }),
    ).rejects.toThrow(/cannot be reached/);
    await expect(publishPacts({ brokerUrl, consumerVersion: ' ' } as never)).rejects.toThrow(
      /consumerVersion is missing/,
    );
    await expect(
      verifyHub({
        hubUrl: hub.url,
        adminKey: hub.adminKey,
        broker: { url: brokerUrl, publishResults: true },
      }),
    ).rejects.toThrow(/publishResults needs broker.providerVersion/);
  });
});
