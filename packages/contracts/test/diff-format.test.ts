import { type Contract, diffContracts, formatDiff } from '@tukar/contracts';
import { describe, expect, it } from 'vitest';
import { contractWith, edit, type Node } from './fixtures/diff/base-contract';

const props = (c: Contract) => c.schema['properties'] as Record<string, Node>;

describe('formatDiff', () => {
  const previous = contractWith();
  const next = contractWith(
    (c) => {
      c.version = '1.3.0';
      delete props(c)['kepala'];
      props(c)['telepon'] = { description: 'Nomor telepon' };
    },
    edit('nama', (s) => {
      s['maxLength'] = 80;
    }),
  );

  it('lists each change with rule, path, whom it breaks, bump and message, and ends with the verdict', () => {
    const text = formatDiff(diffContracts(previous, next));
    expect(text).toContain('dinkes.puskesmas 1.2.0 → 1.3.0 (compatibility: backward), 3 changes');
    expect(text).toMatch(/BUMP\s+RULE\s+PATH\s+BREAKS\s+MODE/);
    expect(text).toMatch(/major\s+field-removed\s+\/properties\/kepala\s+consumers\s+allowed/);
    expect(text).toMatch(/major\s+max-length-tightened\s+\/properties\/nama\s+producers\s+REFUSED/);
    expect(text).toMatch(/minor\s+field-added-optional\s+\/properties\/telepon\s+no one\s+allowed/);
    expect(text).toContain('`nama`: maxLength lowered from 120 to 80');
    const last = text.trimEnd().split('\n').at(-1);
    expect(last).toBe(
      'Demanded bump: major (minimum version 2.0.0); 1.3.0 is a minor bump: TOO SMALL. Compatibility backward: VIOLATED by 1 change.',
    );
    expect(text).not.toContain('\u001b[');
  });

  it('says so when there is nothing to report', () => {
    const text = formatDiff(diffContracts(previous, previous));
    expect(text).toContain('No changes.');
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'Demanded bump: none; 1.2.0 is unchanged: ok. Compatibility backward: satisfied.',
    );
  });

  it('reports a downgrade and colours only when asked', () => {
    const lower = contractWith((c) => {
      c.version = '1.1.0';
    });
    const text = formatDiff(diffContracts(previous, lower), { color: true });
    expect(text).toContain('\u001b[31m1.1.0 is a DOWNGRADE\u001b[0m');
    expect(text).toContain('\u001b[32mCompatibility backward: satisfied.\u001b[0m');
  });
});
