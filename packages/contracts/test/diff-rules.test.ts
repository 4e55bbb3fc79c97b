import { CHANGE_RULE_IDS, CHANGE_RULES, type ChangeRule, diffContracts } from '@tukar/contracts';
import { describe, expect, it } from 'vitest';
import { contractWith, type Edit, edit, type Node, required } from './fixtures/diff/base-contract';

/**
 * For every rule: a pair of contracts that must trigger it, and a near pair that must not.
 * `before` / `nearBefore` default to the base contract.
 */
interface Row {
  rule: ChangeRule;
  before?: Edit;
  after: Edit;
  path?: string;
  nearBefore?: Edit;
  nearAfter: Edit;
}

const nothing: Edit = () => {};
const set = (name: string | string[], key: string, value: unknown): Edit =>
  edit(name, (s) => {
    s[key] = value;
  });
const unset = (name: string | string[], key: string): Edit =>
  edit(name, (s) => {
    delete s[key];
  });
const props = (c: Parameters<Edit>[0]) => c.schema['properties'] as Record<string, Node>;

const ROWS: Row[] = [
  {
    rule: 'field-added-optional',
    after: (c) => {
      props(c)['telepon'] = { description: 'Nomor telepon' };
    },
    path: '/properties/telepon',
    nearAfter: (c) => {
      props(c)['telepon'] = { description: 'Nomor telepon' };
      required(c).push('telepon');
    },
  },
  {
    rule: 'field-added-to-open-object',
    after: (c) => {
      props(c)['telepon'] = { type: 'string' };
    },
    path: '/properties/telepon',
    nearAfter: (c) => {
      props(c)['telepon'] = {};
    },
  },
  {
    rule: 'field-added-required',
    after: (c) => {
      props(c)['telepon'] = { type: 'string' };
      required(c).push('telepon');
    },
    path: '/properties/telepon',
    nearAfter: (c) => {
      props(c)['telepon'] = { type: 'string' };
    },
  },
  {
    rule: 'field-removed',
    after: (c) => void delete props(c)['kode_wilayah'],
    path: '/properties/kode_wilayah',
    nearAfter: set('kode_wilayah', 'description', 'Kode desa'),
  },
  {
    rule: 'field-made-required',
    after: (c) => void required(c).push('kode_wilayah'),
    path: '/properties/kode_wilayah',
    nearAfter: (c) => void required(c).reverse(),
  },
  {
    rule: 'field-made-optional',
    after: (c) => void required(c).pop(),
    path: '/properties/nama',
    nearAfter: (c) => void required(c).reverse(),
  },
  {
    rule: 'type-narrowed',
    before: set('jumlah_dokter', 'type', 'number'),
    after: nothing,
    path: '/properties/jumlah_dokter',
    nearBefore: set('jumlah_dokter', 'type', ['integer', 'number']),
    nearAfter: set('jumlah_dokter', 'type', 'number'),
  },
  {
    rule: 'type-widened',
    after: set('jumlah_dokter', 'type', 'number'),
    nearAfter: set('jumlah_dokter', 'type', ['integer']),
  },
  {
    rule: 'type-changed',
    after: set('nama', 'type', 'integer'),
    nearAfter: set('nama', 'type', ['string', 'null']),
  },
  {
    rule: 'nullable-added',
    after: set('nama', 'type', ['string', 'null']),
    path: '/properties/nama',
    nearBefore: set('nama', 'type', ['string', 'null']),
    nearAfter: set('nama', 'type', ['null', 'string']),
  },
  {
    rule: 'nullable-removed',
    before: set('nama', 'type', ['string', 'null']),
    after: nothing,
    nearBefore: set('nama', 'type', ['string', 'null']),
    nearAfter: set('nama', 'type', ['null', 'string']),
  },
  {
    rule: 'enum-added',
    after: set('kepala', 'enum', ['dr. A', 'dr. B']),
    path: '/properties/kepala',
    nearAfter: set('jenis', 'enum', ['non-rawat-inap', 'rawat-inap']),
  },
  {
    rule: 'enum-removed',
    after: unset('jenis', 'enum'),
    nearAfter: set('jenis', 'enum', ['non-rawat-inap', 'rawat-inap']),
  },
  {
    rule: 'enum-value-added',
    after: set('jenis', 'enum', ['rawat-inap', 'non-rawat-inap', 'keliling']),
    path: '/properties/jenis',
    nearAfter: set('jenis', 'enum', ['rawat-inap']),
  },
  {
    rule: 'enum-value-removed',
    after: set('jenis', 'enum', ['rawat-inap']),
    nearAfter: set('jenis', 'enum', ['rawat-inap', 'non-rawat-inap', 'keliling']),
  },
  {
    rule: 'const-changed',
    before: set('kepala', 'const', 'dr. A'),
    after: set('kepala', 'const', 'dr. B'),
    nearBefore: set('kepala', 'const', 'dr. A'),
    nearAfter: set('kepala', 'const', 'dr. A'),
  },
  {
    rule: 'pattern-added',
    after: set('kepala', 'pattern', '^dr\\. '),
    nearAfter: set('kepala', 'description', 'Kepala'),
  },
  {
    rule: 'pattern-removed',
    after: unset('kode_puskesmas', 'pattern'),
    path: '/properties/kode_puskesmas',
    nearAfter: set('kode_puskesmas', 'pattern', '^P[0-9]{10}$'),
  },
  {
    rule: 'pattern-changed',
    after: set('kode_puskesmas', 'pattern', '^P[0-9]{12}$'),
    nearAfter: unset('kode_puskesmas', 'pattern'),
  },
  {
    rule: 'format-added',
    after: set('kepala', 'format', 'nik'),
    nearAfter: set('kepala', 'pattern', '^[0-9]{16}$'),
  },
  {
    rule: 'format-removed',
    after: unset('kode_wilayah', 'format'),
    nearAfter: set('kode_wilayah', 'format', 'kode-wilayah-desa'),
  },
  {
    rule: 'format-changed',
    after: set('kode_wilayah', 'format', 'kode-wilayah-kecamatan'),
    nearAfter: unset('kode_wilayah', 'format'),
  },
  {
    rule: 'max-length-tightened',
    after: set('nama', 'maxLength', 80),
    nearAfter: set('nama', 'maxLength', 200),
  },
  { rule: 'max-length-relaxed', after: unset('nama', 'maxLength'), nearAfter: set('nama', 'maxLength', 80) },
  {
    rule: 'min-length-tightened',
    after: set('nama', 'minLength', 5),
    nearAfter: set('nama', 'minLength', 1),
  },
  { rule: 'min-length-relaxed', after: set('nama', 'minLength', 1), nearAfter: set('nama', 'minLength', 5) },
  {
    rule: 'maximum-tightened',
    after: (c) => {
      unset('jumlah_dokter', 'maximum')(c);
      set('jumlah_dokter', 'exclusiveMaximum', 500)(c);
    },
    nearAfter: set('jumlah_dokter', 'maximum', 600),
  },
  {
    rule: 'maximum-relaxed',
    after: set('jumlah_dokter', 'maximum', 600),
    nearAfter: set('jumlah_dokter', 'maximum', 400),
  },
  {
    rule: 'minimum-tightened',
    after: set('jumlah_dokter', 'exclusiveMinimum', 0),
    nearAfter: set('jumlah_dokter', 'minimum', -1),
  },
  {
    rule: 'minimum-relaxed',
    after: unset('jumlah_dokter', 'minimum'),
    nearAfter: set('jumlah_dokter', 'minimum', 1),
  },
  {
    rule: 'max-items-tightened',
    after: set('layanan', 'maxItems', 10),
    nearAfter: set('layanan', 'maxItems', 30),
  },
  {
    rule: 'max-items-relaxed',
    after: set('layanan', 'maxItems', 30),
    nearAfter: set('layanan', 'maxItems', 10),
  },
  {
    rule: 'min-items-tightened',
    after: set('layanan', 'minItems', 2),
    nearAfter: set('layanan', 'minItems', 0),
  },
  {
    rule: 'min-items-relaxed',
    after: unset('layanan', 'minItems'),
    nearAfter: set('layanan', 'minItems', 2),
  },
  {
    rule: 'multiple-of-changed',
    before: set('jumlah_dokter', 'multipleOf', 2),
    after: set('jumlah_dokter', 'multipleOf', 3),
    nearBefore: set('jumlah_dokter', 'multipleOf', 2),
    nearAfter: set('jumlah_dokter', 'multipleOf', 2),
  },
  {
    rule: 'unique-items-added',
    after: set('layanan', 'uniqueItems', true),
    nearAfter: set('layanan', 'uniqueItems', false),
  },
  {
    rule: 'unique-items-removed',
    before: set('layanan', 'uniqueItems', true),
    after: nothing,
    nearBefore: set('layanan', 'uniqueItems', true),
    nearAfter: set('layanan', 'uniqueItems', true),
  },
  {
    rule: 'additional-properties-restricted',
    after: set('', 'additionalProperties', false),
    path: '/additionalProperties',
    nearAfter: set('', 'additionalProperties', true),
  },
  {
    rule: 'additional-properties-allowed',
    before: set('alamat', 'additionalProperties', false),
    after: nothing,
    path: '/properties/alamat/additionalProperties',
    nearBefore: set('alamat', 'additionalProperties', false),
    nearAfter: set('alamat', 'additionalProperties', false),
  },
  {
    rule: 'pattern-property-added',
    after: set('alamat', 'patternProperties', { '^rt_': { type: 'string' } }),
    path: '/properties/alamat/patternProperties/^rt_',
    nearBefore: set('alamat', 'patternProperties', { '^rt_': { type: 'string' } }),
    nearAfter: set('alamat', 'patternProperties', { '^rt_': { type: 'string', description: 'RT' } }),
  },
  {
    rule: 'pattern-property-removed',
    before: set('alamat', 'patternProperties', { '^rt_': { type: 'string' } }),
    after: nothing,
    path: '/properties/alamat/patternProperties/^rt_',
    nearBefore: set('alamat', 'patternProperties', { '^rt_': { type: 'string' } }),
    nearAfter: set('alamat', 'patternProperties', { '^rt_': { type: 'string', maxLength: 9 } }),
  },
  {
    rule: 'composition-changed',
    before: set('kepala', 'oneOf', [{ maxLength: 50 }, { pattern: '^dr' }]),
    after: set('kepala', 'oneOf', [{ maxLength: 40 }, { pattern: '^dr' }]),
    path: '/properties/kepala/oneOf',
    nearBefore: set('kepala', 'oneOf', [{ maxLength: 50 }, { pattern: '^dr' }]),
    nearAfter: set('kepala', 'oneOf', [{ pattern: '^dr' }, { maxLength: 50 }]),
  },
  {
    rule: 'constraint-changed',
    after: set('alamat', 'maxProperties', 5),
    path: '/properties/alamat',
    nearAfter: set('alamat', 'x-ui-order', 5),
  },
  {
    rule: 'description-changed',
    after: set('nama', 'description', 'Nama resmi puskesmas'),
    path: '/properties/nama',
    nearAfter: set('nama', 'title', 'Nama'),
  },
  {
    rule: 'title-changed',
    after: (c) => {
      c.title = 'Daftar Puskesmas Kabupaten';
    },
    path: '/title',
    nearAfter: (c) => {
      c.description = 'Semua puskesmas';
    },
  },
  {
    rule: 'example-changed',
    after: (c) => void c.examples?.push({ kode_puskesmas: 'P3207010102', nama: 'Puskesmas Baregbeg' }),
    path: '/examples',
    nearAfter: (c) => void c.tags?.push('faskes'),
  },
  {
    rule: 'annotation-changed',
    after: set('jenis', 'default', 'rawat-inap'),
    nearAfter: set('jenis', 'description', 'Jenis'),
  },
  {
    rule: 'pii-marked',
    after: set('kepala', 'x-pii', true),
    path: '/properties/kepala',
    nearAfter: set('kepala', 'x-pii', false),
  },
  {
    rule: 'pii-unmarked',
    before: set('kepala', 'x-pii', true),
    after: nothing,
    nearBefore: set('kepala', 'x-pii', true),
    nearAfter: set('kepala', 'x-pii', true),
  },
  {
    rule: 'contract-id-changed',
    after: (c) => {
      c.contract = 'dinkes.puskesmas-lama';
    },
    path: '/contract',
    nearAfter: (c) => {
      c.title = 'Puskesmas';
    },
  },
  {
    rule: 'primary-key-changed',
    after: (c) => {
      c.primaryKey = ['kode_puskesmas', 'nama'];
    },
    path: '/primaryKey',
    nearAfter: (c) => {
      c.primaryKey = ['kode_puskesmas'];
    },
  },
  {
    rule: 'classification-raised',
    after: (c) => {
      c.classification = 'terbatas';
    },
    nearBefore: (c) => {
      c.classification = 'terbatas';
    },
    nearAfter: (c) => {
      c.classification = 'publik';
    },
  },
  {
    rule: 'classification-lowered',
    before: (c) => {
      c.classification = 'rahasia';
    },
    after: nothing,
    nearAfter: (c) => {
      c.classification = 'rahasia';
    },
  },
  {
    rule: 'compatibility-mode-changed',
    after: (c) => {
      c.compatibility = 'full';
    },
    path: '/compatibility',
    nearAfter: (c) => {
      c.compatibility = 'backward';
    },
  },
  {
    rule: 'provider-changed',
    after: (c) => {
      c.provider!.path = '/api/v2/puskesmas';
    },
    path: '/provider/path',
    nearAfter: (c) => {
      c.examples = [];
    },
  },
  {
    rule: 'owner-changed',
    after: (c) => {
      c.owner.contact = 'data@dinkes.example.go.id';
    },
    path: '/owner',
    nearAfter: (c) => {
      c.steward = 'Diskominfo Kabupaten Ciamis';
    },
  },
  {
    rule: 'steward-changed',
    after: (c) => {
      c.steward = 'Diskominfo Kabupaten Ciamis';
    },
    nearAfter: (c) => {
      c.owner.unit = 'Seksi SIK';
    },
  },
  {
    rule: 'tags-changed',
    after: (c) => void c.tags?.push('faskes'),
    nearAfter: (c) => void c.tags?.reverse(),
  },
  {
    rule: 'update-frequency-changed',
    after: (c) => {
      c.updateFrequency = 'weekly';
    },
    nearAfter: (c) => {
      c.updateFrequency = 'monthly';
    },
  },
  {
    rule: 'status-changed',
    after: (c) => {
      c.status = 'deprecated';
    },
    path: '/status',
    nearAfter: (c) => {
      c.version = '1.2.1';
    },
  },
];

describe('every change rule', () => {
  it('has a triggering pair and a near pair in this table', () => {
    expect(ROWS.map((row) => row.rule).sort()).toEqual([...CHANGE_RULE_IDS].sort());
  });

  it.each(ROWS)('$rule: triggered by its pair, not by the near pair', (row) => {
    const diff = diffContracts(contractWith(row.before ?? nothing), contractWith(row.after));
    const found = diff.changes.filter((change) => change.rule === row.rule);
    expect(found, `changes: ${diff.changes.map((c) => `${c.rule} ${c.path}`).join(', ')}`).toHaveLength(1);
    const change = found[0]!;
    if (row.path !== undefined) expect(change.path).toBe(row.path);
    expect(change.message.length).toBeGreaterThan(10);
    expect(change.bump).toBe(CHANGE_RULES[row.rule].bump);
    expect(change.breaks).toEqual([...CHANGE_RULES[row.rule].breaks]);

    const near = diffContracts(contractWith(row.nearBefore ?? nothing), contractWith(row.nearAfter));
    expect(near.changes.map((c) => c.rule)).not.toContain(row.rule);
  });
});
