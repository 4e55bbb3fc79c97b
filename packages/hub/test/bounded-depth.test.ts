// Regression: a record nested 100,000 levels deep (a 200 KB body), or 5,000 levels inside an open field,
// answered 500 (the stack overflowed in canonical JSON and in issue formatting). Any depth now answers a
// clear 400 naming the record, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical-json';
import { MAX_JSON_DEPTH, tooDeepAt } from '../src/json-depth';
import { publishDataset, startHub, type TestHub } from './hub-fixture';
import { SENTINEL_NIKS, WARGA, wargaContract, wargaRecord } from './pii-contract';

let hub: TestHub;
let pushes = 0;

beforeAll(async () => {
  hub = await startHub();
  await publishDataset(hub.admin, await wargaContract());
});
afterAll(() => hub?.close());

/** Sends a raw JSON text as a push body. */
async function pushText(text: string): Promise<{ status: number; problem: Record<string, unknown> }> {
  pushes++;
  const response = await fetch(`${hub.url}/v1/datasets/${WARGA}/records`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${hub.adminKey}`,
      'content-type': 'application/json',
      'idempotency-key': `depth-${String(pushes).padStart(4, '0')}`,
    },
    body: text,
  });
  return { status: response.status, problem: (await response.json()) as Record<string, unknown> };
}

/** `levels` nested arrays: `[[[…]]]`, two bytes a level. */
const nestedArrays = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
/** `levels` nested objects `{"x":{"x":…{}}}`. */
const nestedObjects = (levels: number) => `${'{"x":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;

async function stored(): Promise<{ recordCount: number; changes: number }> {
  const dataset = await hub.store.getDataset(WARGA);
  return {
    recordCount: dataset?.recordCount ?? -1,
    changes: (await hub.store.listChanges(WARGA, 0, 10)).length,
  };
}

describe('deeply nested request bodies', () => {
  it('answers 400 to a record nested 100,000 levels deep (a 200 KB body) and writes nothing', async () => {
    const before = await stored();
    const record = nestedArrays(100_000);
    const body = `{"upsert":[${record}]}`;
    expect(body.length).toBeGreaterThan(200_000);
    const { status, problem } = await pushText(body);
    expect({ status, code: problem.code }).toEqual({ status: 400, code: 'bad_request' });
    expect(problem.detail).toMatch(/nests deeper than 100 levels \(inside \/upsert\/0\)/);
    expect(await stored()).toEqual(before);
  });

  it('answers 400 to 100,000 levels inside an open field of an otherwise valid record', async () => {
    const before = await stored();
    const record = JSON.stringify(wargaRecord(SENTINEL_NIKS[0])).replace(
      /}$/,
      `,"lampiran":{"x":${nestedArrays(100_000)}}}`,
    );
    const { status, problem } = await pushText(`{"upsert":[${record}]}`);
    expect({ status, code: problem.code }).toEqual({ status: 400, code: 'bad_request' });
    expect(problem.detail).toMatch(/inside \/upsert\/0\)/);
    expect(JSON.stringify(problem)).not.toContain(SENTINEL_NIKS[0]);
    expect(await stored()).toEqual(before);
  });

  it('answers 400 to 5,000 levels in an open field, valid or not otherwise, and writes nothing', async () => {
    const before = await stored();
    for (const base of [wargaRecord(SENTINEL_NIKS[1]), { ...wargaRecord(SENTINEL_NIKS[1]), umur: -1 }]) {
      const record = JSON.stringify({ ...base, lampiran: {} }).replace(
        '"lampiran":{}',
        `"lampiran":${nestedObjects(5000)}`,
      );
      const { status, problem } = await pushText(`{"upsert":[${record}]}`);
      expect({ status, code: problem.code }).toEqual({ status: 400, code: 'bad_request' });
      expect(String(problem.detail)).not.toContain(SENTINEL_NIKS[1]);
    }
    expect(await stored()).toEqual(before);
  });

  it('accepts an open field nested up to the limit, and refuses one level more', async () => {
    // The body is level 1, `upsert` 2, the record 3, `lampiran` 4: lampiran's content may nest to the limit.
    const fits = MAX_JSON_DEPTH - 3;
    const record = (levels: number) =>
      JSON.stringify({ ...wargaRecord(SENTINEL_NIKS[2]), lampiran: {} }).replace(
        '"lampiran":{}',
        `"lampiran":${nestedObjects(levels)}`,
      );
    const accepted = await pushText(`{"upsert":[${record(fits)}]}`);
    expect(accepted.status).toBe(200);
    expect(accepted.problem).toMatchObject({ created: 1 });
    const refused = await pushText(`{"upsert":[${record(fits + 1)}]}`);
    expect(refused.status).toBe(400);
    expect((await stored()).recordCount).toBe(1);
  });

  it('refuses other deep bodies too (a contract document, a validation report) with 400', async () => {
    const deep = nestedObjects(20_000);
    for (const [method, path] of [
      ['PUT', '/v1/contracts/disdukcapil.dalam/versions/1.0.0'],
      ['POST', '/v1/validation-reports'],
      ['POST', '/v1/integrations'],
    ] as const) {
      const response = await fetch(`${hub.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${hub.adminKey}`, 'content-type': 'application/json' },
        body: deep,
      });
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(((await response.json()) as { detail: string }).detail).toMatch(/nests deeper than 100 levels/);
    }
  });
});

describe('bounded recursion in the helpers', () => {
  it('tooDeepAt checks 1,000,000 levels recursing no deeper than the limit, and names where it is passed', () => {
    const value: unknown = JSON.parse(nestedArrays(1_000_000));
    expect(tooDeepAt(value, 3)).toBe('/0/0/0');
    expect(tooDeepAt({ a: [{ b: {} }] }, 3)).toBe('/a/0/b');
    expect(tooDeepAt({ a: [{ b: {} }] }, 4)).toBeUndefined();
  });

  it('canonicalJson refuses a value deeper than the limit with a 400 problem instead of overflowing', () => {
    expect(() => canonicalJson(JSON.parse(nestedArrays(100_000)))).toThrow(
      expect.objectContaining({ status: 400, code: 'bad_request' }),
    );
    expect(canonicalJson(JSON.parse(nestedObjects(MAX_JSON_DEPTH)))).toBe(nestedObjects(MAX_JSON_DEPTH));
  });
});
