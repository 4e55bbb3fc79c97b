// Regression tests for what the spec-driven fuzzer (spec-fuzz.test.ts) found, each reproduced by hand.
import { HUB_LIMITS } from '@tukar/spec';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instanceOf } from '../src/hub-problem';
import { exampleContract, publishDataset, puskesmasRecords, startHub, type TestHub } from './hub-fixture';
import { checkAgainstSpec, specViolations } from './spec-checked-fetch';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
  await publishDataset(hub.admin, await exampleContract('dinkes.puskesmas'));
});
afterAll(async () => {
  await hub.close();
});

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

async function push(body: string, key: string): Promise<Response> {
  const url = `${hub.url}/v1/datasets/dinkes.puskesmas/records`;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${hub.adminKey}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body,
  });
  await checkAgainstSpec('POST', url, response);
  return response;
}

describe('deeply nested bodies (answered 500: stack overflow in canonical JSON and issue formatting)', () => {
  it('answers 400 naming the limit and writes nothing, for a whole body or one field nested too deep', async () => {
    const record = puskesmasRecords(1)[0] as Record<string, unknown>;
    const inField = (field: string, depth: number) =>
      JSON.stringify({ upsert: [{ ...record, [field]: '@deep@' }] }).replace('"@deep@"', nested(depth));
    const bodies = {
      'a body 100,000 levels deep': nested(100_000),
      'an unknown field 5,000 levels deep': inField('catatan', 5000),
      'a known field 5,000 levels deep': inField('koordinat', 5000),
      'an array 100,000 levels deep': JSON.stringify({ upsert: ['@deep@'] }).replace(
        '"@deep@"',
        `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      ),
    };
    for (const [what, body] of Object.entries(bodies)) {
      const answer = await push(body, `deep-${what.length}-${body.length}`);
      expect(answer.status, what).toBe(400);
      const problem = (await answer.json()) as { code: string; detail: string };
      expect(problem.code, what).toBe('bad_request');
      expect(problem.detail, what).toContain(`deeper than ${HUB_LIMITS.maxJsonDepth} levels`);
    }
    const dataset = await hub.admin.unwrap(
      hub.admin.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } }),
    );
    expect(dataset.recordCount).toBe(0);
  });

  it('still validates a record nested within the limit (a 422 for the wrong shape, not a 400)', async () => {
    const record = puskesmasRecords(1)[0] as Record<string, unknown>;
    const body = JSON.stringify({ upsert: [{ ...record, koordinat: '@deep@' }] }).replace(
      '"@deep@"',
      nested(HUB_LIMITS.maxJsonDepth - 3),
    );
    const answer = await push(body, 'deep-within-limit');
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as { code: string }).code).toBe('validation_failed');
  });

  it('does not count brackets inside strings', async () => {
    const record = { ...(puskesmasRecords(1)[0] as Record<string, unknown>), nama: `${'['.repeat(500)}{` };
    const answer = await push(JSON.stringify({ upsert: [record] }), 'brackets-in-strings');
    // `nama` is at most 120 characters: the record is refused by the contract, not by the depth check.
    expect(answer.status).toBe(422);
  });
});

describe('Problem.instance (was the raw path: `|`, `[`, `^` or a lone `%` broke its uri-reference format)', () => {
  it('percent-encodes what a URI reference may not hold', async () => {
    const url = `${hub.url}/v1/datasets/a|b[c]^%zz`;
    const answer = await fetch(url, { headers: { authorization: `Bearer ${hub.adminKey}` } });
    await checkAgainstSpec('GET', url, answer);
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { instance: string }).instance).toBe(
      '/v1/datasets/a%7Cb%5Bc%5D%5E%25zz',
    );
  });

  it('is a URI reference for any path, keeps a path that already is one, and encodes nothing twice', () => {
    const uriReference = fullFormats['uri-reference'] as RegExp;
    const segment = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('%', '%2', '%zz', '%2F', '|', '[]', '^', '`', '\\', '{}', ' ', '\ud800', '🙂', ''),
    );
    const path = fc.array(segment, { maxLength: 5 }).map((segments) => `/${segments.join('/')}`);
    fc.assert(
      fc.property(path, (raw) => {
        const instance = instanceOf(raw);
        expect(instance, JSON.stringify(raw)).toMatch(uriReference);
        expect(instanceOf(instance)).toBe(instance);
        expect(instance.startsWith('//')).toBe(false);
      }),
      { seed: 1313, numRuns: 5000 },
    );
    expect(instanceOf('/v1/datasets/dinkes.puskesmas/records/P3207010101')).toBe(
      '/v1/datasets/dinkes.puskesmas/records/P3207010101',
    );
  });
});

describe('an answer given before the body was read (a reused connection then failed the next request)', () => {
  it('closes the connection, and the next request succeeds', async () => {
    const answer = await fetch(`${hub.url}/dashboard/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: nested(100_000),
    });
    expect(answer.status).toBe(415);
    expect(answer.headers.get('connection')).toBe('close');
    await answer.body?.cancel();
    for (let i = 0; i < 5; i++) expect((await fetch(`${hub.url}/v1/health`)).status).toBe(200);
  });

  it('keeps the connection of an answer whose body was read', async () => {
    const answer = await push(JSON.stringify({ upsert: puskesmasRecords(1, 50) }), 'read-body-keeps-alive');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('connection')).not.toBe('close');
  });
});

describe('a 422 for records with over-long keys (named keys longer than the spec allows a RecordKey)', () => {
  it("names an over-long key cut to the spec's 512 characters, and a key of normal length whole", async () => {
    const record = puskesmasRecords(1)[0] as Record<string, unknown>;
    const long = { ...record, kode_puskesmas: 'x'.repeat(600) };
    const short = { ...record, kode_puskesmas: 'P12' };
    const answer = await push(JSON.stringify({ upsert: [long, short] }), 'long-keys-422');
    expect(answer.status).toBe(422);
    const { errors } = (await answer.json()) as { errors: Array<{ index: number; key?: string }> };
    const longKeys = errors.filter((e) => e.index === 0).map((e) => e.key);
    expect(longKeys.length).toBeGreaterThan(0);
    for (const key of longKeys) {
      expect(key).toHaveLength(512);
      expect(key?.endsWith('…')).toBe(true);
    }
    expect(errors.find((e) => e.index === 1)?.key).toBe('P12');
  });
});

describe('spec conformance of every answer above', () => {
  it('found no answer that differs from the spec', () => {
    expect(specViolations).toEqual([]);
  });
});
