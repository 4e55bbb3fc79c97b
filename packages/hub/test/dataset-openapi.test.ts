// GET /v1/datasets/{id}/openapi on the real hub (loopback port): for each of the five example contracts,
// the document lints clean with the linter and rules of the hub's own document, and openapi-typescript
// generates types from it that take the contract's example records and refuse a wrong one.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Config, createConfig, lintFromString, loadConfig } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleContract, publishDataset, registerClient, startHub, type TestHub } from './hub-fixture';

const DATASETS = [
  'bpkad.realisasi-apbd',
  'dinkes.puskesmas',
  'disdik.sekolah',
  'disdukcapil.penduduk-desa',
  'diskumdag.umkm',
] as const;
const redoclyConfig = fileURLToPath(new URL('../../spec/redocly.yaml', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

let hub: TestHub;
let reader: Awaited<ReturnType<typeof registerClient>>;
let config: Config;
let dir: string;

beforeAll(async () => {
  hub = await startHub();
  for (const id of DATASETS) await publishDataset(hub.admin, await exampleContract(id));
  reader = await registerClient(
    hub,
    'ciamis/bappeda/satudata',
    Object.fromEntries(DATASETS.map((id) => [id, ['read' as const]])),
  );
  config = await loadConfig({ configPath: redoclyConfig });
  dir = await mkdtemp(join(tmpdir(), 'tukar-dataset-openapi-'));
});
afterAll(async () => {
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

async function documentOf(id: string): Promise<Record<string, unknown>> {
  const { data, response } = await reader.client.GET('/v1/datasets/{datasetId}/openapi', {
    params: { path: { datasetId: id } },
  });
  expect(response.status).toBe(200);
  return data as Record<string, unknown>;
}

describe('GET /v1/datasets/{datasetId}/openapi', () => {
  it.each(DATASETS)('%s: lints clean with the rules of the hub’s own document', async (id) => {
    const document = await documentOf(id);
    const contract = await exampleContract(id);
    expect((document.info as { version: string }).version).toBe(contract.version);
    expect(Object.keys(document.paths as object).sort()).toEqual([
      `/v1/datasets/${id}/changes`,
      `/v1/datasets/${id}/records`,
      `/v1/datasets/${id}/records/{key}`,
    ]);
    const problems = await lintFromString({
      source: JSON.stringify(document, null, 2),
      absoluteRef: join(dir, `${id}.json`),
      config,
    });
    expect(
      problems.map((p) => `${p.severity} [${p.ruleId}] ${p.message} ${p.location[0]?.pointer ?? ''}`),
    ).toEqual([]);
  });

  it('the linter would report a broken copy (it checks something)', async () => {
    const document = await documentOf('dinkes.puskesmas');
    const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
    schemas.Unused = { type: 'object' };
    const problems = await lintFromString({
      source: JSON.stringify(document),
      absoluteRef: join(dir, 'broken.json'),
      config: await createConfig({ rules: { 'no-unused-components': 'error' } }),
    });
    expect(problems.map((p) => p.ruleId)).toContain('no-unused-components');
  });

  it('openapi-typescript types from it take the example records and refuse a wrong field type', async () => {
    const checks: string[] = [];
    for (const id of DATASETS) {
      const name = id.replace(/[^a-z]/g, '_');
      const source = astToString(await openapiTS((await documentOf(id)) as never));
      await writeFile(join(dir, `${name}.ts`), source);
      const contract = await exampleContract(id);
      const upsert = `import type { paths } from './${name}';\ntype Upsert = NonNullable<paths['/v1/datasets/${id}/records']['post']['requestBody']>['content']['application/json']['upsert'];\n`;
      await writeFile(
        join(dir, `${name}.check.ts`),
        `${upsert}export const ok: Upsert = ${JSON.stringify(contract.examples)};\n`,
      );
      checks.push(`${name}.check.ts`);
    }
    // A wrong type: the first required integer-or-number field of dinkes.puskesmas as text.
    await writeFile(
      join(dir, 'wrong.check.ts'),
      "import type { paths } from './dinkes_puskesmas';\ntype Upsert = NonNullable<paths['/v1/datasets/dinkes.puskesmas/records']['post']['requestBody']>['content']['application/json']['upsert'];\nexport const wrong: Upsert = [{ kode_puskesmas: 'P3207010101', nama: 'Puskesmas Ciamis', alamat: 'x', kode_wilayah: '32.07.01.1001', jenis: 'rawat inap', koordinat: { lat: -7.3, lon: 108.35 }, jumlah_tenaga_kesehatan: '12' }];\n",
    );
    const run = (files: string[]) =>
      promisify(execFile)(
        process.execPath,
        [tsc, '--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', ...files],
        { cwd: dir },
      ).then(
        () => '',
        (error: { stdout: string }) => error.stdout,
      );
    expect(await run(checks)).toBe('');
    expect(await run(['wrong.check.ts'])).toMatch(/wrong\.check\.ts.*error TS2322.*string.*number/s);
  }, 120_000);

  it('answers 404 for a dataset that does not exist and 403 without a grant', async () => {
    const missing = await reader.client.GET('/v1/datasets/{datasetId}/openapi', {
      params: { path: { datasetId: 'dinkes.tidak-ada' } },
    });
    expect(missing.response.status).toBe(404);
    const stranger = await registerClient(hub, 'ciamis/dishub/simlalin');
    const denied = await stranger.client.GET('/v1/datasets/{datasetId}/openapi', {
      params: { path: { datasetId: 'diskumdag.umkm' } },
    });
    expect(denied.response.status).toBe(403);
  });
});
