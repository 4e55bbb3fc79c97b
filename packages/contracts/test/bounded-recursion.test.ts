// Regression: issue messages and PII masking recursed once per level of the record, so a hostile record
// nested 100,000 levels overflowed the stack. Both now stop at a fixed depth and hide what lies deeper.
import { describe, expect, it } from 'vitest';
import { type Contract, compileContract, maskRecord, maskValue } from '../src/index';

const deepArrays = (levels: number): unknown =>
  JSON.parse(`${'['.repeat(levels)}"3207015203850002"${']'.repeat(levels)}`);

describe('bounded recursion over record values', () => {
  it('maskValue masks a 100,000-level value without overflowing, hiding what lies below 128 levels', () => {
    const masked = maskValue(deepArrays(100_000));
    const text = JSON.stringify(masked);
    expect(text).not.toContain('3207015203850002');
    expect(text).toContain('"…"');
    expect(maskValue({ a: [{ b: '3207015203850002' }] })).toEqual({ a: [{ b: '3207**********02' }] });
  });

  it('maskRecord copies a 100,000-level open field without overflowing and without showing it', () => {
    const schema = {
      type: 'object',
      properties: { nik: { type: 'string', 'x-pii': true }, lampiran: { type: 'object' } },
    };
    const masked = maskRecord(schema, { nik: '3207015203850002', lampiran: { x: deepArrays(100_000) } });
    expect(masked.nik).toBe('3207**********02');
    expect(JSON.stringify(masked)).not.toContain('3207015203850002');
    expect(JSON.stringify(masked)).toContain('"…"');
  });

  it('an issue message quoting a 100,000-level value stays short and names the field', () => {
    const contract = {
      contract: 'uji.dalam',
      version: '1.0.0',
      status: 'agreed',
      title: 'Uji',
      owner: { opd: 'Diskominfo', contact: 'uji@example.go.id' },
      steward: 'Diskominfo',
      classification: 'publik',
      compatibility: 'backward',
      updateFrequency: 'monthly',
      primaryKey: ['id'],
      schema: { type: 'object', properties: { id: { type: 'string' }, kode: { enum: ['a', 'b'] } } },
    } as unknown as Contract;
    const issues = compileContract(contract).validate({ id: '1', kode: deepArrays(100_000) });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/^Field "kode" \[+…\]+ must be one of: "a", "b"\.$/);
    expect(issues[0]?.message.length).toBeLessThan(140);
  });
});
