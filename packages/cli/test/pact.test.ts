import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../../hub/test/hub-fixture';
import { run, tempDir } from './helpers';

const contracts = fileURLToPath(new URL('../../../examples/kontrak-kabupaten/contracts/', import.meta.url));
const KEY = `Bearer tk_${'A'.repeat(43)}`;

function pact(consumer: string, interactions: unknown[]) {
  return JSON.stringify({
    consumer: { name: consumer },
    provider: { name: 'tukar-hub' },
    interactions,
    metadata: { pactSpecification: { version: '3.0.0' } },
  });
}

const goodInteraction = {
  description: 'a request for the puskesmas dataset',
  providerStates: [{ name: 'dataset exists', params: { datasetId: 'dinkes.puskesmas' } }],
  request: { method: 'GET', path: '/v1/datasets/dinkes.puskesmas', headers: { Authorization: KEY } },
  response: { status: 200, body: { id: 'dinkes.puskesmas', contractVersion: '1.0.0' } },
};

describe('tukar pact', () => {
  let hub: TestHub;
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    hub = await startHub();
    ({ dir, cleanup } = await tempDir('pact'));
    await mkdir(join(dir, 'pacts'));
    await mkdir(join(dir, 'bad'));
    await writeFile(join(dir, 'pacts', 'simpus-tukar-hub.json'), pact('simpus', [goodInteraction]));
    await writeFile(
      join(dir, 'bad', 'typo-tukar-hub.json'),
      pact('typo', [
        {
          description: 'a request with a typo in the path',
          request: { method: 'GET', path: '/v1/dataset/dinkes.puskesmas', headers: { Authorization: KEY } },
          response: { status: 200, body: { id: 'dinkes.puskesmas' } },
        },
        {
          ...goodInteraction,
          description: 'a dataset with a record total',
          response: { status: 200, body: { id: 'dinkes.puskesmas', total: 3 } },
        },
      ]),
    );
  });
  afterAll(async () => {
    await hub.close();
    await cleanup();
  });

  it('lists its commands', async () => {
    const result = await run(['pact', '--help']);
    expect(result.code).toBe(0);
    for (const name of ['verify-hub', 'verify-provider', 'check']) expect(result.stdout).toContain(name);
  });

  describe('check', () => {
    it('passes pacts that agree with the OpenAPI document (pacts/ by default)', async () => {
      const result = await run(['pact', 'check'], { cwd: dir });
      expect(result.stdout).toContain("✔ 1 interaction in 1 pact agrees with the hub's OpenAPI document");
      expect(result.code).toBe(0);
    });

    it('lists an unknown path and an undocumented field, and exits 1', async () => {
      const result = await run(['pact', 'check', 'bad'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        'bad/typo-tukar-hub.json  ✖ "a request with a typo in the path" (GET /v1/dataset/dinkes.puskesmas)',
      );
      expect(result.stdout).toContain(
        "path at /v1/dataset/dinkes.puskesmas: no path /v1/dataset/dinkes.puskesmas in the hub's OpenAPI document",
      );
      expect(result.stdout).toContain(
        `response-body at /: "total" is not documented here in the hub's OpenAPI document`,
      );
      const json = await run(['pact', 'check', '--json', 'bad'], { cwd: dir });
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, pacts: [{ consumer: 'typo' }] });
    });

    it('exits 2 for a missing pact file', async () => {
      const result = await run(['pact', 'check', 'nope.json'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('nope.json: no such pact file or directory');
    });
  });

  describe('verify-hub', () => {
    const env = () => ({ TUKAR_ADMIN_KEY: hub.adminKey });

    it('verifies the pacts against the hub and writes JSON and JUnit results', async () => {
      const result = await run(['pact', 'verify-hub', '--hub', hub.url, '--contracts', contracts], {
        cwd: dir,
        env: env(),
      });
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain(`✔ tukar-hub at ${hub.url}: 1 interaction verified`);
      expect(result.stdout).toContain(
        'results: pacts/results/tukar-hub.verification.json, pacts/results/tukar-hub.junit.xml',
      );
      expect(result.code).toBe(0);
      expect(await readFile(join(dir, 'pacts', 'results', 'tukar-hub.junit.xml'), 'utf8')).toContain(
        'failures="0"',
      );
    });

    it('exits 1 naming the interaction and the field the hub does not meet', async () => {
      await writeFile(
        join(dir, 'bad', 'typo-tukar-hub.json'),
        pact('typo', [
          {
            ...goodInteraction,
            description: 'a dataset with a total',
            response: { status: 200, body: { total: 3 } },
          },
        ]),
      );
      const result = await run(
        ['pact', 'verify-hub', '--hub', hub.url, '--contracts', contracts, '--results', 'out', 'bad'],
        {
          cwd: dir,
          env: env(),
        },
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        '✖ typo: "a dataset with a total" (given dataset exists {"datasetId":"dinkes.puskesmas"})',
      );
      expect(result.stdout).toContain('$: Actual map is missing the following keys: total');
      const json = await run(['pact', 'verify-hub', '--hub', hub.url, '--json', '--results', 'out', 'bad'], {
        cwd: dir,
        env: env(),
      });
      expect(JSON.parse(json.stdout)).toMatchObject({
        ok: false,
        interactions: [{ consumer: 'typo', ok: false }],
      });
    });

    it('exits 2 with a clear message for missing hub, key, pacts or an unreachable hub', async () => {
      expect((await run(['pact', 'verify-hub'], { cwd: dir, env: env() })).stderr).toContain(
        'no hub given: pass --hub <url> or set TUKAR_HUB_URL',
      );
      const noKey = await run(['pact', 'verify-hub', '--hub', hub.url], { cwd: dir });
      expect(noKey.code).toBe(2);
      expect(noKey.stderr).toContain("no admin key: set TUKAR_ADMIN_KEY to the hub's admin API key");
      const otherVar = await run(['pact', 'verify-hub', '--hub', hub.url, '--admin-key-env', 'MY KEY'], {
        cwd: dir,
      });
      expect(otherVar.stderr).toContain('--admin-key-env must name an environment variable');
      const noPacts = await run(['pact', 'verify-hub', '--hub', hub.url, 'nowhere'], {
        cwd: dir,
        env: env(),
      });
      expect(noPacts.code).toBe(2);
      expect(noPacts.stderr).toContain('nowhere: no such pact file or directory');
      const down = await run(['pact', 'verify-hub', '--hub', 'http://127.0.0.1:9'], { cwd: dir, env: env() });
      expect(down.code).toBe(2);
      expect(down.stderr).toContain('the hub at http://127.0.0.1:9 cannot be reached');
      expect(
        (await run(['pact', 'verify-hub', '--hub', hub.url, '--publish'], { cwd: dir, env: env() })).stderr,
      ).toContain('--publish needs --broker');
    });
  });

  describe('verify-provider', () => {
    it('exits 2 for missing or malformed options', async () => {
      const missing = await run(['pact', 'verify-provider', '--url', 'http://127.0.0.1:9'], { cwd: dir });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('pass --contract <file> and --url <base-url>');
      const header = await run(
        [
          'pact',
          'verify-provider',
          '-c',
          join(contracts, 'dinkes.puskesmas.yaml'),
          '-u',
          'http://127.0.0.1:9',
          '--header',
          'no colon',
        ],
        { cwd: dir },
      );
      expect(header.stderr).toContain('--header must look like "Name: value"');
      const noProvider = await run(
        [
          'pact',
          'verify-provider',
          '-c',
          join(dir, 'pacts', 'simpus-tukar-hub.json'),
          '-u',
          'http://127.0.0.1:9',
        ],
        {
          cwd: dir,
        },
      );
      expect(noProvider.code).toBe(2);
      expect(noProvider.stderr).toContain('does not load');
    });
  });
});
