import {
  HUB_LIMITS,
  type IntegrationCondition,
  PROBLEM_CODES,
  type ProblemCode,
  type ProcedureRole,
} from '@tukar/spec';
import { openApiDocument } from '@tukar/spec/operations';
import { describe, expect, expectTypeOf, it } from 'vitest';

type Json = { readonly [key: string]: unknown };
const schemas = openApiDocument.components.schemas;
const parameters = openApiDocument.components.parameters;

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object')
      throw new Error(`no ${path.join('.')} in the document`);
    current = (current as Json)[key];
  }
  return current;
}

describe('PROBLEM_CODES', () => {
  it('equals the ProblemCode enum of the document, in order', () => {
    expect([...PROBLEM_CODES]).toEqual(at(schemas, 'ProblemCode', 'enum'));
  });
  it('covers the ProblemCode type exactly', () => {
    expectTypeOf<(typeof PROBLEM_CODES)[number]>().toEqualTypeOf<ProblemCode>();
  });
});

describe('HUB_LIMITS', () => {
  it('equals info.x-tukar-limits', () => {
    expect(openApiDocument.info['x-tukar-limits']).toEqual(HUB_LIMITS);
  });
  it('maxBatchSize is the maxItems of both arrays of a push batch', () => {
    expect(at(schemas, 'PushRequest', 'properties', 'upsert', 'maxItems')).toBe(HUB_LIMITS.maxBatchSize);
    expect(at(schemas, 'PushRequest', 'properties', 'delete', 'maxItems')).toBe(HUB_LIMITS.maxBatchSize);
  });
  it('the page sizes are the maximum and default of the Limit parameter', () => {
    expect(at(parameters, 'Limit', 'schema', 'maximum')).toBe(HUB_LIMITS.maxPageSize);
    expect(at(parameters, 'Limit', 'schema', 'default')).toBe(HUB_LIMITS.defaultPageSize);
  });
  it('the changes limits are the maximum and default of the ChangesLimit parameter', () => {
    expect(at(parameters, 'ChangesLimit', 'schema', 'maximum')).toBe(HUB_LIMITS.maxChangesLimit);
    expect(at(parameters, 'ChangesLimit', 'schema', 'default')).toBe(HUB_LIMITS.defaultChangesLimit);
  });
});

describe('the integration procedure types', () => {
  it('the conditions and roles are the ones procedure files use', () => {
    expect(at(schemas, 'IntegrationCondition', 'enum')).toEqual(['done', 'agree', 'return']);
    expectTypeOf<IntegrationCondition>().toEqualTypeOf<'done' | 'agree' | 'return'>();
    expect(at(schemas, 'ProcedureRole', 'enum')).toEqual([
      'opd-operator',
      'tim-teknis',
      'pengawas',
      'administrator',
    ]);
    expectTypeOf<ProcedureRole>().toEqualTypeOf<
      'opd-operator' | 'tim-teknis' | 'pengawas' | 'administrator'
    >();
  });
  it("marks a person's NIP as personal data", () => {
    expect(at(schemas, 'Person', 'properties', 'nip', 'x-pii')).toBe(true);
  });
  it('has no hard-coded step table: no IntegrationState or IntegrationAction schema', () => {
    expect(Object.keys(schemas)).not.toContain('IntegrationState');
    expect(Object.keys(schemas)).not.toContain('IntegrationAction');
  });
});
