import { fileURLToPath } from 'node:url';
import {
  type ContractProblem,
  formatProblem,
  isContractPath,
  loadContract,
  parseContract,
} from '@tukar/contracts';
import { describe, expect, it } from 'vitest';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** The problems of a result that must have failed. */
function problemsOf(result: Awaited<ReturnType<typeof loadContract>>): ContractProblem[] {
  if (result.ok) throw new Error('expected the contract to be rejected');
  return result.problems;
}

const GOOD = `contract: dinkes.puskesmas
version: 1.0.0
status: draft
title: Daftar Puskesmas
owner: { opd: Dinas Kesehatan, contact: simpus@dinkes.ciamiskab.go.id }
steward: Diskominfo
classification: publik
updateFrequency: monthly
primaryKey: [kode_puskesmas]
schema:
  type: object
  required: [kode_puskesmas, kode_wilayah]
  properties:
    kode_puskesmas: { type: string }
    kode_wilayah: { type: string, format: kode-wilayah-desa }
`;

/** GOOD with one line replaced or appended. */
function variant(replace: string, by: string): string {
  if (!GOOD.includes(replace)) throw new Error(`fixture has no ${replace}`);
  return GOOD.replace(replace, by);
}

describe('loadContract: good files', () => {
  it('loads the YAML fixture with defaults applied', async () => {
    const result = await loadContract(fixture('dinkes.puskesmas.yaml'));
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(result.contract.contract).toBe('dinkes.puskesmas');
    expect(result.contract.provider?.method).toBe('GET');
    expect(result.contract.examples).toHaveLength(2);
    expect(result.warnings).toEqual([]);
  });

  it('loads the JSON fixture (YAML is a superset) and applies compatibility: backward', async () => {
    const result = await loadContract(fixture('dinkes.puskesmas.json'));
    expect(result.ok && result.contract.compatibility).toBe('backward');
  });

  it('treats a one-line string ending in .yaml/.yml/.json as a path, anything else as text', async () => {
    expect(isContractPath('contracts/a.yml')).toBe(true);
    expect(isContractPath('contracts/A.JSON')).toBe(true);
    expect(isContractPath('contract: a.b\nfile: x.yaml')).toBe(false);
    expect(isContractPath('{"contract":"a.b"}')).toBe(false);
    const result = await loadContract(GOOD, { filename: 'inline.yaml' });
    expect(result.ok).toBe(true);
  });
});

describe('parseContract: each bad input gives the expected problem, with its line and column', () => {
  const only = (text: string) => {
    const problems = problemsOf(parseContract(text, { filename: 'c.yaml' }));
    expect(problems, problems.map(formatProblem).join('\n')).toHaveLength(1);
    return problems[0] as ContractProblem;
  };

  it('a YAML syntax error', () => {
    const problem = only(variant('title: Daftar Puskesmas', 'title: Daftar: Puskesmas'));
    expect(problem).toMatchObject({ code: 'yaml_syntax', file: 'c.yaml', line: 4, column: 8 });
    expect(problem.message).toMatch(/Nested mappings/);
  });

  it('a duplicate key', () => {
    expect(only(`${GOOD}status: agreed\n`)).toMatchObject({ code: 'yaml_syntax', line: 16, column: 1 });
  });

  it('a wrong enum value lists the allowed values', () => {
    expect(only(variant('status: draft', 'status: drafted'))).toMatchObject({
      code: 'invalid_value',
      path: '/status',
      line: 3,
      column: 9,
      hint: 'One of: "draft", "agreed", "deprecated", "retired".',
    });
  });

  it('a missing field points at the parent key', () => {
    expect(
      only(
        variant(
          'owner: { opd: Dinas Kesehatan, contact: simpus@dinkes.ciamiskab.go.id }',
          'owner: { opd: Dinas Kesehatan }',
        ),
      ),
    ).toMatchObject({
      code: 'missing_field',
      path: '/owner/contact',
      line: 5,
      column: 1,
    });
  });

  it('an unknown field points at its key', () => {
    expect(only(variant('steward: Diskominfo', 'steward: Diskominfo\nstewart: Bappeda'))).toMatchObject({
      code: 'unknown_field',
      path: '/stewart',
      line: 7,
      column: 1,
    });
  });

  it('a version written as a number says to quote it', () => {
    const problem = only(variant('version: 1.0.0', 'version: 1.0'));
    expect(problem).toMatchObject({ code: 'invalid_type', path: '/version', line: 2, column: 10 });
    expect(problem.hint).toMatch(/Quote it/);
  });

  it('an unknown schema keyword suggests the right one', () => {
    const problem = only(
      variant('kode_puskesmas: { type: string }', 'kode_puskesmas: { type: string, maxLenght: 10 }'),
    );
    expect(problem).toMatchObject({
      code: 'schema_unknown_keyword',
      path: '/schema/properties/kode_puskesmas/maxLenght',
      line: 14,
      column: 37,
    });
    expect(problem.hint).toContain('"maxLength"');
  });

  it('x- annotations are allowed', () => {
    expect(
      parseContract(
        variant(
          'kode_puskesmas: { type: string }',
          'kode_puskesmas: { type: string, x-pii: false, x-label: Kode }',
        ),
      ).ok,
    ).toBe(true);
  });

  it('an unknown format lists the known formats', () => {
    const problem = only(variant('format: kode-wilayah-desa', 'format: kode-wilayah-dusun'));
    expect(problem).toMatchObject({
      code: 'schema_unknown_format',
      path: '/schema/properties/kode_wilayah/format',
      line: 15,
      column: 43,
    });
    expect(problem.hint).toMatch(/Did you mean "kode-wilayah-desa"\?.*nik, nip, npsn, npwp/);
  });

  it('a $ref that does not resolve', () => {
    expect(
      only(variant('kode_puskesmas: { type: string }', 'kode_puskesmas: { $ref: "#/$defs/kode" }')),
    ).toMatchObject({
      code: 'schema_unresolved_ref',
      path: '/schema/properties/kode_puskesmas/$ref',
      line: 14,
    });
  });

  it('a schema that breaks the JSON Schema meta-schema', () => {
    expect(
      only(variant('kode_puskesmas: { type: string }', 'kode_puskesmas: { type: strin }')),
    ).toMatchObject({
      code: 'schema_invalid',
      path: '/schema/properties/kode_puskesmas/type',
      line: 14,
    });
  });

  it('a strict-mode error ajv reports at compile time', () => {
    const problem = only(variant('kode_puskesmas: { type: string }', 'kode_puskesmas: { maxLength: 10 }'));
    expect(problem.code).toBe('schema_invalid');
    expect(problem.path).toBe('/schema/properties/kode_puskesmas');
    expect(problem.line).toBe(14);
  });

  it('a primary key that is not a property, and one that is not required', () => {
    expect(only(variant('primaryKey: [kode_puskesmas]', 'primaryKey: [kode]'))).toMatchObject({
      code: 'primary_key_unknown_field',
      path: '/primaryKey/0',
      line: 9,
      column: 14,
    });
    const problem = only(variant('required: [kode_puskesmas, kode_wilayah]', 'required: [kode_wilayah]'));
    expect(problem).toMatchObject({ code: 'primary_key_not_required', path: '/primaryKey/0', line: 9 });
  });

  it('an example that does not validate points into the example', () => {
    const text = `${GOOD}examples:\n  - { kode_puskesmas: P1, kode_wilayah: "32.07.01.9999" }\n`;
    const problem = only(text);
    expect(problem).toMatchObject({
      code: 'example_invalid',
      path: '/examples/0/kode_wilayah',
      line: 17,
      column: 41,
    });
    expect(problem.message).toMatch(/Example 0: .*kode-wilayah-desa/);
  });

  it('a document that is not a mapping', () => {
    expect(only('- a\n- b\n')).toMatchObject({ code: 'invalid_type', path: '', line: 1, column: 1 });
    expect(problemsOf(parseContract('')).map((p) => p.code)).toEqual(['invalid_type']);
  });
});

describe('every problem at once', () => {
  it('reports all problems of a file with many, each with file, line and column', async () => {
    const problems = problemsOf(await loadContract(fixture('bad-many.yaml')));
    expect(problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.path}`)).toEqual([
      '1:11 invalid_value /contract',
      '2:10 invalid_type /version',
      '3:9 invalid_value /status',
      '1:1 missing_field /title',
      '4:41 invalid_value /owner/contact',
      '9:1 unknown_field /colour',
      '14:37 schema_unknown_keyword /schema/properties/kode_puskesmas/maxLenght',
      '15:35 schema_unknown_format /schema/properties/nama/format',
      '16:27 schema_unresolved_ref /schema/properties/kode_wilayah/$ref',
      '8:14 primary_key_not_required /primaryKey/0',
      '8:30 primary_key_not_required /primaryKey/1',
    ]);
    for (const problem of problems) expect(problem.file).toBe(fixture('bad-many.yaml'));
  });

  it('validates examples even when the primary key is wrong', () => {
    const text = `${variant('primaryKey: [kode_puskesmas]', 'primaryKey: [kode]')}examples:\n  - { kode_puskesmas: 7 }\n`;
    const codes = problemsOf(parseContract(text)).map((p) => `${p.code} ${p.path}`);
    expect(codes).toEqual([
      'primary_key_unknown_field /primaryKey/0',
      'example_invalid /examples/0/kode_wilayah',
      'example_invalid /examples/0/kode_puskesmas',
    ]);
  });
});
