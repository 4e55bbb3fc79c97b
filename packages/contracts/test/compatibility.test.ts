import { fileURLToPath } from 'node:url';
import {
  type ChangeRule,
  type CompatibilityMode,
  type Contract,
  checkCompatibility,
  diffContracts,
  loadContract,
} from '@tukar/contracts';
import { describe, expect, it } from 'vitest';
import { contractWith, type Edit, edit, type Node, required } from './fixtures/diff/base-contract';

const props = (c: Contract) => c.schema['properties'] as Record<string, Node>;

/** One change of each kind of breakage. */
const CHANGES: Record<string, { rule: ChangeRule; edit: Edit }> = {
  producers: {
    rule: 'field-added-required',
    edit: (c) => {
      props(c)['telepon'] = { type: 'string' };
      required(c).push('telepon');
    },
  },
  consumers: {
    rule: 'enum-value-added',
    edit: edit('jenis', (s) => {
      s['enum'] = ['rawat-inap', 'non-rawat-inap', 'keliling'];
    }),
  },
  both: { rule: 'type-changed', edit: edit('nama', (s) => void Object.assign(s, { type: 'integer' })) },
  nobody: {
    rule: 'field-added-optional',
    // The record object is open: it already accepted any value under `telepon`, so only an untyped field adds nothing.
    edit: (c) => void Object.assign(props(c), { telepon: { description: 'Nomor telepon' } }),
  },
};

const ACCEPTS: Record<CompatibilityMode, string[]> = {
  backward: ['consumers', 'nobody'],
  forward: ['producers', 'nobody'],
  full: ['nobody'],
  none: ['producers', 'consumers', 'both', 'nobody'],
  // against one earlier version, a transitive mode refuses what its plain mode refuses
  backward_transitive: ['consumers', 'nobody'],
  forward_transitive: ['producers', 'nobody'],
  full_transitive: ['nobody'],
};

describe('checkCompatibility: each mode accepts and refuses the right changes', () => {
  const cases = Object.entries(ACCEPTS).flatMap(([mode, accepted]) =>
    Object.entries(CHANGES).map(([breaks, change]) => ({
      mode: mode as CompatibilityMode,
      breaks,
      change,
      ok: accepted.includes(breaks),
    })),
  );
  it.each(cases)('$mode with a change breaking $breaks → compatible: $ok', ({ mode, change, ok }) => {
    const result = checkCompatibility(contractWith(), contractWith(change.edit), mode);
    expect(result.compatible).toBe(ok);
    expect(result.violations.map((v) => v.rule)).toEqual(ok ? [] : [change.rule]);
  });

  it("defaults to the next contract's mode and diffContracts agrees", () => {
    const next = contractWith(CHANGES['producers']!.edit, (c) => {
      c.compatibility = 'forward';
    });
    expect(checkCompatibility(contractWith(), next).compatible).toBe(true);
    const diff = diffContracts(contractWith(), next);
    expect(diff).toMatchObject({ mode: 'forward', compatible: true, breaking: [] });
    expect(diffContracts(contractWith(), contractWith(CHANGES['producers']!.edit)).compatible).toBe(false);
  });

  it('refuses an unknown mode with a message naming the modes', () => {
    expect(() => checkCompatibility(contractWith(), contractWith(), 'strict' as CompatibilityMode)).toThrow(
      /unknown compatibility mode "strict": use backward, forward, full or none/,
    );
  });
});

describe('diffContracts: version fields', () => {
  const at = (version: string, ...edits: Edit[]) =>
    contractWith(...edits, (c) => {
      c.version = version;
    });
  const removal: Edit = (c) => void delete props(c)['kepala'];

  it.each([
    ['1.2.0', '2.0.0', [removal], 'major', true],
    ['1.2.0', '1.3.0', [removal], 'minor', false],
    ['1.2.0', '2.0.0-rc.1', [removal], 'major', true],
    ['2.0.0-rc.1', '2.0.0-rc.2', [removal], 'major', true],
    ['1.2.0', '1.1.9', [], 'downgrade', false],
    ['1.2.0', '1.2.0', [], 'none', true],
    ['1.2.0', '1.2.0', [edit('nama', (s) => void Object.assign(s, { description: 'x' }))], 'none', false],
    ['1.2.0', '1.2.1', [edit('nama', (s) => void Object.assign(s, { description: 'x' }))], 'patch', true],
  ] as const)('%s → %s: versionBump %s, ok %s', (from, to, edits, bump, ok) => {
    const diff = diffContracts(at(from), at(to, ...edits));
    expect(diff.versionBump).toBe(bump);
    expect(diff.versionOk).toBe(ok);
  });

  it('gives the minimum version the changes demand', () => {
    expect(diffContracts(at('1.2.0'), at('1.2.0', removal)).versions.minimum).toBe('2.0.0');
    const optional: Edit = (c) => void Object.assign(props(c), { telepon: {} });
    expect(diffContracts(at('1.2.0'), at('1.2.0', optional)).versions.minimum).toBe('1.3.0');
  });
});

describe('contract files from disk', () => {
  it('diffs two YAML versions loaded by loadContract, with $ref, enum and nested paths', async () => {
    const load = async (name: string) => {
      const loaded = await loadContract(fileURLToPath(new URL(`./fixtures/diff/${name}`, import.meta.url)));
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
      return loaded.contract;
    };
    const diff = diffContracts(await load('puskesmas-1.2.0.yaml'), await load('puskesmas-1.3.0.yaml'));
    expect(diff.changes.map((c) => `${c.rule} ${c.path} ${c.breaks.join('+')}`)).toEqual([
      'max-length-relaxed /properties/nama consumers',
      'enum-value-added /properties/jenis consumers',
      'field-added-to-open-object /properties/telepon producers',
      'max-length-tightened /properties/alamat/properties/kode_pos producers',
    ]);
    expect(diff).toMatchObject({ bump: 'major', compatible: false, versionBump: 'minor', versionOk: false });
    expect(diff.breaking.map((c) => c.rule)).toEqual(['field-added-to-open-object', 'max-length-tightened']);
  });
});

describe('checkCompatibility(next, earlier[], mode): plain and transitive modes', () => {
  const at = (version: string, ...edits: Edit[]) =>
    contractWith(...edits, (c) => {
      c.version = version;
    });
  // 1.1.0 agreed under `none` lowers nama's maxLength; 1.2.0 changes only a description.
  const v1 = at('1.0.0');
  const v2 = at(
    '1.1.0',
    edit('nama', (s) => void Object.assign(s, { maxLength: 60 })),
  );
  const v3 = at(
    '1.2.0',
    edit('nama', (s) => void Object.assign(s, { maxLength: 60, description: 'Nama resmi' })),
  );

  it('a plain mode judges against the latest earlier version only', () => {
    const result = checkCompatibility(v3, [v2, v1], 'backward');
    expect(result).toMatchObject({ compatible: true, violations: [], checked: ['1.1.0'] });
  });

  it('a transitive mode judges against every earlier version, naming the one each change breaks', () => {
    const result = checkCompatibility(v3, [v2, v1], 'backward_transitive');
    expect(result.checked).toEqual(['1.0.0', '1.1.0']);
    expect(result.compatible).toBe(false);
    expect(result.violations.map((v) => `${v.against} ${v.rule} ${v.path}`)).toEqual([
      '1.0.0 max-length-tightened /properties/nama',
    ]);
    expect(checkCompatibility(v3, [v2, v1], 'forward_transitive').compatible).toBe(true);
    expect(checkCompatibility(v3, [v2, v1], 'full_transitive').violations).toHaveLength(1);
  });

  it("defaults to the next contract's mode and ignores versions not below it", () => {
    const transitive = at('1.2.0', (c) => {
      c.compatibility = 'backward_transitive';
    });
    const result = checkCompatibility(transitive, [v1, v2, at('1.2.0'), at('2.0.0')]);
    expect(result.checked).toEqual(['1.0.0', '1.1.0']);
    expect(result.violations.map((v) => v.against)).toEqual([]);
    expect(checkCompatibility(transitive, []).checked).toEqual([]);
  });

  it('the pairwise form names the previous version in each violation', () => {
    const removal: Edit = (c) => void delete props(c)['kepala'];
    const result = checkCompatibility(v1, at('2.0.0', removal), 'forward');
    expect(result.checked).toEqual(['1.0.0']);
    expect(result.violations.map((v) => `${v.against} ${v.rule}`)).toEqual(['1.0.0 field-removed']);
  });
});
