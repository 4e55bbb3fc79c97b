import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findStaleOutputs, generateOutputs, PACKAGE_DIR } from '../scripts/generate-outputs';

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of the package's source and generated files in a fresh temp dir. */
async function copyPackage(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tukar-spec-'));
  tempDirs.push(dir);
  for (const file of ['openapi.yaml', 'openapi.json', 'src/schema.generated.ts']) {
    await cp(join(PACKAGE_DIR, file), join(dir, file), { recursive: true });
  }
  return dir;
}

describe('generated files', () => {
  it('openapi.json and src/schema.generated.ts are up to date with openapi.yaml', async () => {
    const stale = await findStaleOutputs();
    expect(stale, `\n${stale.join('\n')}\n`).toEqual([]);
  }, 30_000);

  it('names the stale file and the command to run when openapi.yaml changed', async () => {
    const dir = await copyPackage();
    const yamlPath = join(dir, 'openapi.yaml');
    const source = await readFile(yamlPath, 'utf8');
    await writeFile(yamlPath, source.replace('summary: Check that the hub is up', 'summary: Check the hub'));
    const stale = await findStaleOutputs(dir);
    expect(stale).toEqual([
      'openapi.json is stale (it does not match openapi.yaml); run `pnpm --filter @tukar/spec generate` and commit it.',
      'src/schema.generated.ts is stale (it does not match openapi.yaml); run `pnpm --filter @tukar/spec generate` and commit it.',
    ]);
  }, 30_000);

  it('says a generated file is missing', async () => {
    const dir = await copyPackage();
    await rm(join(dir, 'openapi.json'));
    expect(await findStaleOutputs(dir)).toEqual([
      'openapi.json is missing; run `pnpm --filter @tukar/spec generate` and commit it.',
    ]);
  }, 30_000);

  it('refuses a source that is not a YAML mapping, naming the file', async () => {
    const dir = await copyPackage();
    await writeFile(join(dir, 'openapi.yaml'), '- just\n- a list\n');
    await expect(generateOutputs(dir)).rejects.toThrow(/openapi\.yaml does not hold a YAML mapping/);
  });

  it('openapi.json is pretty-printed with 2 spaces and ends with a newline', async () => {
    const json = await readFile(join(PACKAGE_DIR, 'openapi.json'), 'utf8');
    expect(json.startsWith('{\n  "openapi": "3.1.0",\n')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('the generated types start with a header saying how to regenerate', async () => {
    const types = await readFile(join(PACKAGE_DIR, 'src/schema.generated.ts'), 'utf8');
    expect(types.slice(0, 400)).toContain('GENERATED from `openapi.yaml`');
    expect(types.slice(0, 400)).toContain('pnpm --filter @tukar/spec generate');
  });
});
