import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ContractProblem, loadContract, parseContract } from '@tukar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tukar-contracts-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function onlyProblem(pathOrText: string, options?: { maxBytes?: number }): Promise<ContractProblem> {
  const result = await loadContract(pathOrText, options);
  if (result.ok) throw new Error('expected the contract to be rejected');
  expect(result.problems).toHaveLength(1);
  return result.problems[0] as ContractProblem;
}

describe('hostile and missing input: one clear problem, fast, never a throw', () => {
  it('a missing file names the path', async () => {
    const path = join(dir, 'tidak-ada.yaml');
    const problem = await onlyProblem(path);
    expect(problem).toMatchObject({ code: 'file_not_found', file: path });
    expect(problem.message).toContain(path);
  });

  it('a directory named like a contract', async () => {
    const path = join(dir, 'folder.yaml');
    await mkdir(path);
    expect(await onlyProblem(path)).toMatchObject({ code: 'file_unreadable', file: path });
  });

  it('a 50 MB file is refused from its size, without parsing', async () => {
    const path = join(dir, 'besar.yaml');
    await writeFile(path, `contract: dinkes.puskesmas\n${'# isian\n'.repeat((50 * 1024 * 1024) / 8)}`);
    const problem = await onlyProblem(path);
    expect(problem.code).toBe('file_too_large');
    expect(problem.message).toMatch(/more than the limit of 5242880 bytes/);
    expect((await onlyProblem(join(dir, 'besar.yaml'), { maxBytes: 100 })).code).toBe('file_too_large');
  });

  it('text over maxBytes is refused too', async () => {
    expect((await onlyProblem(`a: 1\n${'#'.repeat(200)}`, { maxBytes: 100 })).code).toBe('file_too_large');
  });

  it('a YAML alias bomb (billion laughs) is stopped quickly', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const p = String.fromCharCode(96 + i);
      const c = String.fromCharCode(97 + i);
      lines.push(`${c}: &${c} [*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p}]`);
    }
    const result = parseContract(lines.join('\n'));
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['yaml_alias_limit']);
  }, 2_000);

  it('a million nested brackets is refused before parsing, with its position', () => {
    const result = parseContract(`contract: a.b\nschema: ${'['.repeat(1_000_000)}`);
    expect(result.ok ? [] : result.problems).toMatchObject([{ code: 'too_deep', line: 2, column: 73 }]);
  }, 5_000);

  it('deep block nesting and deep compact sequences are refused', () => {
    let block = 'schema:\n';
    for (let i = 1; i < 600; i++) block += `${' '.repeat(i)}a:\n`;
    expect(parseContract(block)).toMatchObject({ ok: false, problems: [{ code: 'too_deep' }] });
    expect(parseContract(`schema:\n  ${'- '.repeat(200_000)}x`)).toMatchObject({
      ok: false,
      problems: [{ code: 'too_deep' }],
    });
  });

  it('nesting just over the limit inside the record schema names the place', () => {
    let schema = '{ "type": "string" }';
    for (let i = 0; i < 70; i++) schema = `{ "type": "object", "properties": { "a": ${schema} } }`;
    const result = parseContract(`{ "contract": "a.b", "schema": ${schema} }`);
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'too_deep' }] });
  });

  it('brackets inside quoted strings and plain scalars do not count as nesting', () => {
    const text = `title: "${'['.repeat(500)}"\npattern: a${'['.repeat(500)}\n`;
    const result = parseContract(text);
    expect(result.ok ? [] : result.problems.map((p) => p.code)).not.toContain('too_deep');
  });

  it('a binary file', async () => {
    const path = join(dir, 'gambar.yaml');
    await writeFile(
      path,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    );
    const problem = await onlyProblem(path);
    expect(problem).toMatchObject({ code: 'not_utf8', line: 3, column: 1 });
    expect(problem.message).toMatch(/binary/);
  });

  it('a Latin-1 file points at the bad byte', async () => {
    const path = join(dir, 'latin1.yaml');
    await writeFile(
      path,
      Buffer.concat([
        Buffer.from('contract: a.b\ntitle: Daftar Puskesmas Cisaga '),
        Buffer.from([0xe9]),
        Buffer.from('\n'),
      ]),
    );
    expect(await onlyProblem(path)).toMatchObject({
      code: 'not_utf8',
      line: 2,
      column: 32,
      hint: expect.stringMatching(/UTF-8/),
    });
  });

  it('a UTF-16 file', async () => {
    const path = join(dir, 'utf16.yaml');
    await writeFile(
      path,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('contract: a.b', 'utf16le')]),
    );
    expect(await onlyProblem(path)).toMatchObject({
      code: 'not_utf8',
      message: 'The file is UTF-16 encoded.',
    });
  });

  it('a UTF-8 BOM is accepted', async () => {
    const path = join(dir, 'bom.json');
    await writeFile(
      path,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"contract": "a.b"}')]),
    );
    const result = await loadContract(path);
    expect(result.ok ? [] : result.problems.map((p) => p.code)).not.toContain('not_utf8');
  });

  it('a NUL character in text', () => {
    expect(parseContract('contract: a\u0000b')).toMatchObject({
      ok: false,
      problems: [{ code: 'not_utf8', line: 1, column: 12 }],
    });
  });

  it('several YAML documents in one file', () => {
    expect(parseContract('contract: a.b\n---\ncontract: c.d\n')).toMatchObject({
      ok: false,
      problems: [{ code: 'yaml_syntax', line: 2 }],
    });
  });
});
