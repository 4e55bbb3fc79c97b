import { describe, expect, expectTypeOf, it } from 'vitest';
import { checkOfCode, checkOfValidatorCode } from '../src/checks';
import type { FindingCode, SourceEvent, ValidatorCode } from '../src/engine/source-event';
import type { CheckId } from '../src/report';

describe('issue codes: a closed union, each with its check', () => {
  it('gives every code of the validator its check', () => {
    const expected: Record<string, CheckId> = {
      network_error: 'http-status',
      body_too_large: 'envelope',
      pagination_loop: 'envelope',
      hub_error: 'readable',
      duplicate_key: 'primary-key',
      schema: 'schema',
    };
    for (const [code, check] of Object.entries(expected)) {
      expect(checkOfValidatorCode(code as ValidatorCode)).toBe(check);
    }
    // Codes read back from a report: reference formats and JSON Schema keywords.
    expect(checkOfCode('nik')).toBe('reference-codes');
    expect(checkOfCode('required')).toBe('schema');
  });

  it('refuses, at compile time, a finding code that has no check', () => {
    const known: SourceEvent = { type: 'finding', code: 'http_status', message: 'answered 500' };
    // @ts-expect-error: 'http_500' is not a finding code, so no source can report it
    const unknown: SourceEvent = { type: 'finding', code: 'http_500', message: 'answered 500' };
    expect([known.type, unknown.type]).toEqual(['finding', 'finding']);
    expectTypeOf<'schema'>().not.toMatchTypeOf<FindingCode>();
    expectTypeOf<FindingCode>().toMatchTypeOf<ValidatorCode>();
  });
});
