import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPacts, pactInteractions, type VerificationReport } from '../src/index';
import { summarize, toJUnit } from '../src/verification-report';
import { tempDir } from './helpers';

const report: VerificationReport = {
  ok: false,
  provider: 'tukar-hub',
  providerUrl: 'http://127.0.0.1:8080',
  sources: ['pacts/x.json'],
  startedAt: '2025-03-10T08:00:00.000Z',
  durationMs: 1234,
  interactions: [
    {
      consumer: 'simpus <dinkes> & "co"',
      provider: 'tukar-hub',
      description: 'a push with \u0007 a bell',
      states: ['dataset exists {"datasetId":"dinkes.puskesmas"}'],
      ok: false,
      pending: false,
      durationMs: 12,
      mismatches: [{ kind: 'body', path: '$.created', message: "Expected '1' (String) to be an integer" }],
    },
    {
      consumer: 'sipd',
      provider: 'tukar-hub',
      description: 'pending one',
      states: [],
      ok: false,
      pending: true,
      durationMs: 3,
      mismatches: [{ kind: 'status', message: 'expected 200 but was 404' }],
    },
    {
      consumer: 'sipd',
      provider: 'tukar-hub',
      description: 'fine',
      states: [],
      ok: true,
      pending: false,
      durationMs: 1,
      mismatches: [],
    },
  ],
  warnings: [],
  summary: '',
  output: '',
  files: {},
};

describe('verification results', () => {
  it('writes JUnit that CI parsers accept: escaped text, failures and pending as skipped', () => {
    const xml = toJUnit(report);
    expect(xml).toContain(
      '<testsuites name="pact verification of tukar-hub" tests="3" failures="1" time="1.234">',
    );
    expect(xml).toContain(
      '<testsuite name="simpus &lt;dinkes&gt; &amp; &quot;co&quot; → tukar-hub" tests="1" failures="1" skipped="0">',
    );
    expect(xml).toContain(
      'name="a push with  a bell (given dataset exists {&quot;datasetId&quot;:&quot;dinkes.puskesmas&quot;})"',
    );
    expect(xml).toContain(`<failure message="$.created: Expected '1' (String) to be an integer">`);
    expect(xml).toContain('<skipped message="pending: expected 200 but was 404"/>');
    expect(xml).not.toContain('\u0007');
  });

  it('summarizes failed interactions with their consumer, states and fields', () => {
    expect(summarize(report)).toBe(
      [
        '✖ tukar-hub at http://127.0.0.1:8080: 2 of 3 interactions failed',
        '  ✖ simpus <dinkes> & "co": "a push with \u0007 a bell" (given dataset exists {"datasetId":"dinkes.puskesmas"})',
        "      $.created: Expected '1' (String) to be an integer",
        '  ✖ sipd: "pending one" [pending: does not fail the run]',
        '      expected 200 but was 404',
      ].join('\n'),
    );
  });
});

describe('loadPacts and pactInteractions', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('files'));
  });
  afterAll(() => cleanup());

  it('reads pacts of specification 2, 3 and 4 into one shape, skipping non-pacts in directories', async () => {
    await mkdir(join(dir, 'pacts', 'results'), { recursive: true });
    await writeFile(join(dir, 'pacts', 'results', 'tukar-hub.verification.json'), '{"ok":true}');
    await writeFile(join(dir, 'pacts', 'notes.json'), 'not json at all');
    await writeFile(
      join(dir, 'pacts', 'v4.json'),
      JSON.stringify({
        consumer: { name: 'a' },
        provider: { name: 'tukar-hub' },
        interactions: [
          {
            type: 'Synchronous/HTTP',
            description: 'v4',
            providerStates: [{ name: 'dataset exists', params: { datasetId: 'x.y' } }],
            request: {
              method: 'POST',
              path: '/v1/x',
              query: { limit: ['5'] },
              headers: { 'Content-Type': ['application/json'] },
              body: { contentType: 'application/json', encoded: false, content: { a: 1 } },
            },
            response: {
              status: 200,
              body: {
                contentType: 'application/json',
                encoded: 'base64',
                content: Buffer.from('{"b":2}').toString('base64'),
              },
            },
          },
        ],
      }),
    );
    await writeFile(
      join(dir, 'pacts', 'v2.json'),
      JSON.stringify({
        consumer: { name: 'b' },
        provider: { name: 'tukar-hub' },
        interactions: [
          {
            description: 'v2',
            providerState: 'old state',
            request: { method: 'get', path: '/v1/y', query: 'a=1&a=2' },
            response: { status: 204 },
          },
        ],
      }),
    );
    const pacts = await loadPacts(['pacts'], dir);
    expect(pacts.map((p) => p.document.consumer.name).sort()).toEqual(['a', 'b']);
    const v4 = pactInteractions(pacts.find((p) => p.document.consumer.name === 'a')!.document)[0]!;
    expect(v4).toMatchObject({
      description: 'v4',
      states: [{ name: 'dataset exists', params: { datasetId: 'x.y' } }],
      request: {
        method: 'POST',
        query: { limit: ['5'] },
        headers: { 'content-type': ['application/json'] },
        body: { a: 1 },
        contentType: 'application/json',
      },
      response: { status: 200, body: { b: 2 } },
    });
    const v2 = pactInteractions(pacts.find((p) => p.document.consumer.name === 'b')!.document)[0]!;
    expect(v2).toMatchObject({
      states: [{ name: 'old state', params: {} }],
      request: { method: 'GET', query: { a: ['1', '2'] } },
    });
  });
});
