// Pact end to end: an OPD application's consumer tests write a pact with @tukar/pact; the pact is
// checked against the hub's OpenAPI document, verified against the real hub (SQLite store on a
// loopback port) and the results attached to the integration request. A pact the hub does not meet
// fails naming the interaction and the field; a pact naming an unknown path fails the spec check.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Contract } from '@tukar/contracts';
import { openSqliteStore } from '@tukar/hub/node';
import {
  attachVerificationResults,
  checkPactsAgainstSpec,
  hubPact,
  pushRecordsInteraction,
  verifyHub,
  withHubClient,
} from '@tukar/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleContract, registerClient, startHub, type TestHub } from '../packages/hub/test/hub-fixture';
import { tempDir } from '../packages/pact/test/helpers';
import { runSipdConsumerTests } from './support/sipd-consumer-tests';

const contractsDir = fileURLToPath(new URL('../examples/kontrak-kabupaten/contracts/', import.meta.url));
const CONSUMER = 'ciamis-bappeda-sipd';

describe('Pact: an OPD pact checked, verified against the real hub and recorded on the integration', () => {
  let hub: TestHub;
  let dir: string;
  let cleanup: () => Promise<void>;
  let pactFile: string;
  let contract: Contract;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('e2e'));
    // A throwaway test hub: verify-hub sets its provider states up only on a disposable hub.
    hub = await startHub({ store: await openSqliteStore({ file: join(dir, 'hub.db') }), disposable: true });
    contract = (await exampleContract('dinkes.puskesmas')) as unknown as Contract;
    pactFile = join(dir, 'pacts', `${CONSUMER}-tukar-hub.json`);
    // SIPD (Bappeda) reads puskesmas and writes nothing: its consumer tests, against the Pact mock.
    const pact = hubPact({ consumer: CONSUMER, dir: join(dir, 'pacts') });
    await runSipdConsumerTests(pact, contract);
    await pushRecordsInteraction(pact, {
      contract,
      clientId: 'ciamis/dinkes/simpus',
      example: contract.examples![1]!,
    }).executeTest(
      withHubClient((client) => client.pushRecords('dinkes.puskesmas', [contract.examples![1]!])),
    );
  });
  afterAll(async () => {
    await hub.close();
    await cleanup();
  });

  it('agrees with the OpenAPI document, is verified by the hub, and its results join the integration', async () => {
    expect((await checkPactsAgainstSpec([pactFile])).lines).toEqual([]);
    const report = await verifyHub({
      hubUrl: hub.url,
      adminKey: hub.adminKey,
      pacts: [pactFile],
      contracts: [contractsDir],
      resultsDir: join(dir, 'results'),
    });
    expect(report.summary).toBe(`✔ tukar-hub at ${hub.url}: 3 interactions verified`);
    const opd = (await registerClient(hub, 'ciamis/bappeda/perencanaan')).client;
    const integration = await opd.unwrap(
      opd.POST('/v1/integrations', {
        body: {
          title: 'Data puskesmas untuk SIPD',
          opd: 'Bappeda',
          requester: { name: 'Rina', contact: 'sipd@bappeda.example.go.id' },
          purpose: 'Perencanaan fasilitas kesehatan',
          datasetId: 'dinkes.puskesmas',
        },
      }),
    );
    const attachment = await attachVerificationResults(hub.admin, integration.id, report);
    expect(attachment).toMatchObject({
      kind: 'pact-results',
      name: 'tukar-hub.verification.json',
      mediaType: 'application/json',
    });
    const stored = await fetch(`${hub.url}/v1/integrations/${integration.id}/attachments/${attachment.id}`, {
      headers: { authorization: `Bearer ${hub.adminKey}` },
    });
    expect(JSON.parse(await stored.text())).toMatchObject({
      ok: true,
      interactions: [{ ok: true }, { ok: true }, { ok: true }],
    });
  });

  it('fails verification of an expectation the hub does not meet, naming the interaction and the field', async () => {
    const pact = JSON.parse(await readFile(pactFile, 'utf8'));
    const changes = pact.interactions.find((i: { description: string }) => i.description.includes('changes'));
    // SIPD now also expects each change to say which OPD made it: a field the hub does not send.
    changes.response.body.content.items[0].opd = 'Dinas Kesehatan';
    changes.response.matchingRules.body['$.items[*].opd'] = { combine: 'AND', matchers: [{ match: 'type' }] };
    const broken = join(dir, 'broken.json');
    await writeFile(broken, JSON.stringify(pact));
    const report = await verifyHub({
      hubUrl: hub.url,
      adminKey: hub.adminKey,
      pacts: [broken],
      contracts: [contractsDir],
      resultsDir: false,
    });
    expect(report.ok).toBe(false);
    const failed = report.interactions.filter((i) => !i.ok);
    expect(failed.map((i) => i.description)).toEqual(['a request for the changes of dinkes.puskesmas']);
    // One mismatch per change in the feed, each naming the item and the missing field.
    expect(
      failed[0]!.mismatches.every((m) => m.message === 'Actual map is missing the following keys: opd'),
    ).toBe(true);
    expect(failed[0]!.mismatches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'body',
          path: '$.items[0]',
          message: 'Actual map is missing the following keys: opd',
          actual: '["at","key","op","record","seq"]',
        }),
      ]),
    );
    expect(report.summary).toContain(`✖ ${CONSUMER}: "a request for the changes of dinkes.puskesmas"`);
    // The spec check finds it too, without the hub.
    const spec = await checkPactsAgainstSpec([broken]);
    expect(spec.lines).toEqual([
      `${broken}: "a request for the changes of dinkes.puskesmas" (GET /v1/datasets/dinkes.puskesmas/changes): response-body at /items/0: "opd" is not documented here in the hub's OpenAPI document`,
    ]);
  });

  it('fails the spec check of a pact naming an unknown path', async () => {
    const pact = JSON.parse(await readFile(pactFile, 'utf8'));
    const push = pact.interactions.find((i: { request: { method: string } }) => i.request.method === 'POST');
    push.request.path = '/v1/datasets/dinkes.puskesmas/rows';
    const report = await checkPactsAgainstSpec([pact]);
    expect(report.ok).toBe(false);
    expect(report.lines).toEqual([
      expect.stringMatching(
        /\(POST \/v1\/datasets\/dinkes.puskesmas\/rows\): path at \/v1\/datasets\/dinkes.puskesmas\/rows: no path \/v1\/datasets\/dinkes.puskesmas\/rows in the hub's OpenAPI document$/,
      ),
    ]);
  });
});
