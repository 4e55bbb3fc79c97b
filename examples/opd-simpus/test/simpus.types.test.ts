// SIMPUS's record types come from the agreed contract through `tukar types`: the committed file is
// fresh (`--check`, as CI runs it), and when the contract changes a field's type, SIMPUS's own code
// stops compiling at the line that maps that field (checked with tsc on a copy in a temp dir).
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runCli } from '@tukar/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractsDir } from './contract';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

async function tukar(argv: string[], cwd: string): Promise<{ code: number; output: string }> {
  let output = '';
  const stream = { write: (text: string) => (output += text), isTTY: false };
  const code = await runCli(argv, { stdout: stream, stderr: stream, env: {}, cwd });
  return { code, output };
}

/** A copy of SIMPUS's sources whose types come from `contract` (YAML text), type-checked by tsc. */
async function compileCopy(dir: string, contract: string): Promise<string> {
  await cp(join(exampleDir, 'src'), join(dir, 'src'), { recursive: true });
  await writeFile(join(dir, 'dinkes.puskesmas.yaml'), contract);
  const generated = await tukar(
    ['types', 'dinkes.puskesmas.yaml', '--out', 'src/tukar-types.generated.ts'],
    dir,
  );
  expect(generated.code, generated.output).toBe(0);
  const paths = JSON.parse(await readFile(join(root, 'tsconfig.json'), 'utf8')).compilerOptions
    .paths as Record<string, string[]>;
  const tsconfig = {
    extends: join(root, 'tsconfig.base.json'),
    compilerOptions: {
      noEmit: true,
      baseUrl: root,
      paths,
      types: ['node'],
      typeRoots: [join(root, 'node_modules/@types')],
    },
    files: ['src/index.ts'],
  };
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  return promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir }).then(
    () => '',
    (error: { stdout: string }) => error.stdout,
  );
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tukar-simpus-types-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('SIMPUS record types from the contract', () => {
  it('the committed src/tukar-types.generated.ts is fresh (tukar types --check)', async () => {
    const result = await tukar(
      ['types', `${contractsDir}dinkes.puskesmas.yaml`, '--out', 'src/tukar-types.generated.ts', '--check'],
      exampleDir,
    );
    expect(result.output).toContain('is up to date');
    expect(result.code).toBe(0);
  }, 90_000);

  it('compiles against the agreed contract and stops compiling when the contract changes a field type', async () => {
    const agreed = await readFile(`${contractsDir}dinkes.puskesmas.yaml`, 'utf8');
    expect(await compileCopy(join(dir, 'agreed'), agreed)).toBe('');

    // jumlah_tenaga_kesehatan becomes text: SIMPUS still maps its number into it.
    const changed = agreed.replace(
      /jumlah_tenaga_kesehatan:\n {6}type: integer\n {6}minimum: 0\n {6}maximum: 1000/,
      'jumlah_tenaga_kesehatan:\n      type: string\n      pattern: "^[0-9]+$"',
    );
    expect(changed).not.toBe(agreed);
    const errors = await compileCopy(
      join(dir, 'changed'),
      changed.replace(/^ {4}jumlah_tenaga_kesehatan: \d+$/gm, '    jumlah_tenaga_kesehatan: "1"'),
    );
    expect(errors).toMatch(
      /src\/simpus-sync\.ts\(\d+,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/,
    );
  }, 180_000);
});
