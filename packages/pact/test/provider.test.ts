import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PactError, pactFromContract, verifyProvider } from '../src/index';
import { exampleContract, tempDir } from './helpers';

const puskesmas = await exampleContract('dinkes.puskesmas');

/** The parts of a pact file's interaction these tests read. */
interface FileInteraction {
  request: unknown;
  response: {
    body: { content: { data: Array<Record<string, unknown>> } & unknown[] };
    matchingRules: { body: Record<string, { combine: string; matchers: unknown[] }> };
  };
}
const first = (pact: { interactions: unknown[] }) => pact.interactions[0] as FileInteraction;

describe('pactFromContract', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('from-contract'));
  });
  afterAll(() => cleanup());

  it("describes the contract's provider endpoint: path, content type, records and next link", async () => {
    const { pact, file } = await pactFromContract(puskesmas, { dir });
    expect(file).toBe(join(dir, 'tukar-hub-opd-dinkes-puskesmas.json'));
    expect(JSON.parse(await readFile(file!, 'utf8'))).toEqual(pact);
    expect(pact.consumer.name).toBe('tukar-hub');
    expect(pact.metadata).toMatchObject({
      pactSpecification: { version: '4.0' },
      tukar: { contract: 'dinkes.puskesmas', version: '1.0.0' },
    });
    const interaction = first(pact);
    expect(interaction.request).toEqual({
      method: 'GET',
      path: '/api/puskesmas',
      headers: { Accept: ['application/json'] },
    });
    const rules = interaction.response.matchingRules.body;
    expect(rules['$.data']).toEqual({ combine: 'AND', matchers: [{ match: 'type', min: 1 }] });
    expect(rules['$.data[*].kode_puskesmas']?.matchers).toEqual([{ match: 'regex', regex: '^P[0-9]{10}$' }]);
    expect(rules['$.data[*].koordinat.lat']?.matchers).toEqual([{ match: 'number' }]);
    expect(rules['$.data[*].telepon']).toBeUndefined();
    expect(rules['$.links.next']).toEqual({
      combine: 'OR',
      matchers: [{ match: 'null' }, { match: 'regex', regex: '^\\S+$' }],
    });
    expect(interaction.response.body.content.data[0]?.kode_puskesmas).toBe('P3207010101');
  });

  it('puts records at the root when the contract has no records path, and adds page/offset/cursor fields', async () => {
    const base = {
      ...puskesmas,
      provider: { ...puskesmas.provider!, records: undefined, pagination: { style: 'none' as const } },
    };
    const root = await pactFromContract(base, { dir: false });
    const rootRules = first(root.pact).response.matchingRules.body;
    expect(rootRules.$).toEqual({ combine: 'AND', matchers: [{ match: 'type', min: 1 }] });
    expect(Array.isArray(first(root.pact).response.body.content)).toBe(true);
    const paged = await pactFromContract(
      {
        ...puskesmas,
        provider: {
          ...puskesmas.provider!,
          records: 'result.items',
          pagination: {
            style: 'offset',
            offsetParam: 'o',
            limitParam: 'l',
            limit: 10,
            total: 'result.total',
          },
        },
      },
      { dir: false, consumer: 'disdik-sekolah', provider: 'simpus' },
    );
    const body = first(paged.pact).response;
    expect(body.matchingRules.body['$.result.total']).toEqual({
      combine: 'AND',
      matchers: [{ match: 'integer' }],
    });
    expect(body.matchingRules.body['$.result.items[*].nama']).toBeDefined();
    const cursor = await pactFromContract(
      {
        ...puskesmas,
        provider: {
          ...puskesmas.provider!,
          pagination: { style: 'cursor', cursorParam: 'c', nextCursor: 'meta.next-cursor' },
        },
      },
      { dir: false },
    );
    expect(first(cursor.pact).response.matchingRules.body["$.meta['next-cursor']"]?.combine).toBe('OR');
  });

  it('refuses a contract without a provider section and bad names', async () => {
    const { provider: _none, ...withoutProvider } = puskesmas;
    await expect(pactFromContract(withoutProvider as never, { dir: false })).rejects.toThrow(
      /has no `provider` section/,
    );
    await expect(pactFromContract(null as never)).rejects.toThrow(PactError);
    await expect(pactFromContract(puskesmas, { dir: false, provider: 'a/b' })).rejects.toThrow(
      /provider must be a name/,
    );
    await expect(
      pactFromContract(
        { ...puskesmas, examples: [{ ...puskesmas.examples![0]!, jenis: 'klinik' }] },
        { dir: false },
      ),
    ).rejects.toThrow(/pactFromContract \(dinkes.puskesmas\): example value at \/jenis is "klinik"/);
  });
});

describe('verifyProvider', () => {
  let server: Server;
  let url: string;
  let seen: Array<Record<string, string | string[] | undefined>>;
  let body: unknown;
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('verify-provider'));
    seen = [];
    server = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await cleanup();
  });

  it('sends the credentials and accepts any records like the contract’s, on any page', async () => {
    body = { data: puskesmas.examples, links: { next: `${url}/api/puskesmas?page=2` } };
    const report = await verifyProvider({
      contract: puskesmas,
      providerBaseUrl: url,
      auth: { basic: { username: 'hub', password: 'rahasia' } },
      pactDir: dir,
      resultsDir: join(dir, 'results'),
    });
    expect(report.summary).toBe(`✔ opd-dinkes-puskesmas at ${url}: 1 interaction verified`);
    expect(seen.at(-1)?.authorization).toBe(`Basic ${Buffer.from('hub:rahasia').toString('base64')}`);
    expect(seen.at(-1)?.accept).toBe('application/json');
    expect(await readFile(report.files.junit!, 'utf8')).toContain('failures="0"');
  });

  it('fails an empty page and a body without the records path, saying where', async () => {
    body = { data: [], links: { next: null } };
    const empty = await verifyProvider({
      contract: puskesmas,
      providerBaseUrl: url,
      pactDir: dir,
      resultsDir: false,
    });
    expect(empty.ok).toBe(false);
    expect(empty.summary).toMatch(/\$\.data: Expected \[\] \(size 0\) to have minimum size of 1/);
    body = [{ kode_puskesmas: 'P3207010101' }];
    const wrong = await verifyProvider({
      contract: puskesmas,
      providerBaseUrl: url,
      pactDir: dir,
      resultsDir: false,
    });
    expect(wrong.ok).toBe(false);
    expect(wrong.interactions[0]!.mismatches[0]!.message).toMatch(
      /Type mismatch: Expected \[.*\] \(Array\) to be the same type as \{"data"/,
    );
  });

  it('refuses bad options', async () => {
    const base = { contract: puskesmas, providerBaseUrl: url, pactDir: dir, resultsDir: false as const };
    await expect(verifyProvider(undefined as never)).rejects.toThrow(/pass \{ contract, providerBaseUrl \}/);
    await expect(verifyProvider({ ...base, providerBaseUrl: 'ftp://simpus' })).rejects.toThrow(
      /providerBaseUrl/,
    );
    await expect(verifyProvider({ ...base, auth: { bearer: 'two words' } })).rejects.toThrow(/auth.bearer/);
    await expect(verifyProvider({ ...base, auth: { header: 'Bad Header', value: 'x' } })).rejects.toThrow(
      /not a valid header name/,
    );
    await expect(verifyProvider({ ...base, auth: { header: 'X-Key', value: 'a\r\nb' } })).rejects.toThrow(
      /one line of text/,
    );
    await expect(verifyProvider({ ...base, auth: {} as never })).rejects.toThrow(/auth must be/);
    await expect(verifyProvider({ ...base, contract: join(dir, 'missing.yaml') })).rejects.toThrow(
      /missing.yaml does not load/,
    );
    await expect(verifyProvider({ ...base, contract: { nope: 1 } as never })).rejects.toThrow(
      /pass a contract file path or a loaded contract/,
    );
  });
});
