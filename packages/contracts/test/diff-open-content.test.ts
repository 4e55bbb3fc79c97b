import { type ChangeRule, diffSchemas } from '@tukar/contracts';
import { describe, expect, it } from 'vitest';

type Node = Record<string, unknown>;

/** Puts an object schema at one of the places a record schema can hold one. */
const PLACES: Record<string, { wrap: (object: Node) => Node; at: string }> = {
  'the record': { wrap: (o) => o, at: '' },
  'a nested object': {
    wrap: (o) => ({ type: 'object', properties: { alamat: o } }),
    at: '/properties/alamat',
  },
  'array items': {
    wrap: (o) => ({ type: 'object', properties: { anggota: { type: 'array', items: o } } }),
    at: '/properties/anggota/items',
  },
  'a $ref target': {
    wrap: (o) => ({
      type: 'object',
      properties: { alamat: { $ref: '#/$defs/alamat' } },
      $defs: { alamat: o },
    }),
    at: '/properties/alamat',
  },
};

const object = (extra: Node, properties: Node = {}): Node => ({
  type: 'object',
  properties: { jalan: { type: 'string' }, ...properties },
  ...extra,
});
const TELEPON = { telepon: { type: 'string' } };

interface Case {
  name: string;
  before: Node;
  after: Node;
  rule: ChangeRule;
  breaks: string[];
}

const CASES: Case[] = [
  {
    name: 'a typed optional field added to an open object narrows it',
    before: object({}),
    after: object({}, TELEPON),
    rule: 'field-added-to-open-object',
    breaks: ['producers'],
  },
  {
    name: 'a typed optional field added to a closed object widens it',
    before: object({ additionalProperties: false }),
    after: object({ additionalProperties: false }, TELEPON),
    rule: 'field-added-optional',
    breaks: ['consumers'],
  },
  {
    name: 'an untyped optional field added to an open object changes nothing it accepts',
    before: object({}),
    after: object({}, { telepon: { description: 'Nomor telepon' } }),
    rule: 'field-added-optional',
    breaks: [],
  },
  {
    name: 'a field added where additionalProperties already asked for the same schema',
    before: object({ additionalProperties: { type: 'string' } }),
    after: object({ additionalProperties: { type: 'string' } }, TELEPON),
    rule: 'field-added-optional',
    breaks: [],
  },
  {
    name: 'a field added where a patternProperties entry asked for another type',
    before: object({ patternProperties: { '^tel': { type: 'integer' } } }),
    after: object({ patternProperties: { '^tel': { type: 'integer' } } }, TELEPON),
    rule: 'field-added-to-open-object',
    breaks: ['producers', 'consumers'],
  },
  {
    name: 'a field removed from an open object widens it',
    before: object({}, TELEPON),
    after: object({}),
    rule: 'field-removed',
    breaks: ['consumers'],
  },
  {
    name: 'a field removed from a closed object refuses old records carrying it',
    before: object({ additionalProperties: false }, TELEPON),
    after: object({ additionalProperties: false }),
    rule: 'field-removed',
    breaks: ['producers', 'consumers'],
  },
  {
    name: 'a field removed from an object that refuses unevaluated properties',
    before: object({ unevaluatedProperties: false }, TELEPON),
    after: object({ unevaluatedProperties: false }),
    rule: 'field-removed',
    breaks: ['producers', 'consumers'],
  },
];

describe('fields added and removed, open and closed objects, at every depth', () => {
  const rows = Object.entries(PLACES).flatMap(([place, { wrap, at }]) =>
    CASES.map((c) => ({ ...c, place, wrap, at })),
  );
  it.each(rows)('$place: $name', ({ before, after, rule, breaks, wrap, at }) => {
    const changes = diffSchemas(wrap(before), wrap(after));
    expect(changes.map((c) => `${c.rule} ${c.path} ${c.breaks.join('+')}`)).toEqual([
      `${rule} ${at}/properties/telepon ${breaks.join('+')}`,
    ]);
  });
});

describe('patternProperties', () => {
  it('an entry added to an open object restricts the names it matches (producers)', () => {
    const changes = diffSchemas(object({}), object({ patternProperties: { '^rt_': { type: 'string' } } }));
    expect(changes).toEqual([
      expect.objectContaining({
        rule: 'pattern-property-added',
        path: '/patternProperties/^rt_',
        breaks: ['producers'],
      }),
    ]);
  });

  it('an entry added to a closed object lets the names it matches in (consumers)', () => {
    const changes = diffSchemas(
      object({ additionalProperties: false }),
      object({ additionalProperties: false, patternProperties: { '^rt_': { type: 'string' } } }),
    );
    expect(changes.map((c) => `${c.rule} ${c.breaks.join('+')}`)).toEqual([
      'pattern-property-added consumers',
    ]);
  });

  it('an entry that also covers a listed field adds its schema on top of the field (producers)', () => {
    const changes = diffSchemas(
      object({ additionalProperties: false }),
      object({ additionalProperties: false, patternProperties: { '^jal': { maxLength: 10 } } }),
    );
    expect(changes.map((c) => `${c.rule} ${c.breaks.join('+')}`)).toEqual([
      'pattern-property-added producers+consumers',
    ]);
  });

  it('an entry kept on both sides is compared as a subschema', () => {
    const changes = diffSchemas(
      object({ patternProperties: { '^rt_': { type: 'string', maxLength: 3 } } }),
      object({ patternProperties: { '^rt_': { type: 'string', maxLength: 5 } } }),
    );
    expect(changes.map((c) => `${c.rule} ${c.path}`)).toEqual(['max-length-relaxed /patternProperties/^rt_']);
    expect(changes[0]?.message).toContain('`/^rt_/`');
  });
});

describe('regression: one $ref compared with different subschemas', () => {
  it('is judged against each of them, not against the first one met', () => {
    // `a` is added twice: to the closed record (where no value was accepted: consumers) and to the open
    // object `b` (where any value was accepted: producers). The cache of `$ref` pairs used to key the
    // pair by its `$ref`s only and gave `b.a` the verdict of the record's `a`.
    const ref = { $ref: '#/$defs/kode' };
    const before = {
      type: 'object',
      additionalProperties: false,
      properties: { b: { type: 'object' } },
      $defs: { kode: { type: 'integer' } },
    };
    const after = {
      type: 'object',
      additionalProperties: false,
      properties: { a: ref, b: { type: 'object', properties: { a: ref } } },
      $defs: { kode: { type: 'integer' } },
    };
    expect(diffSchemas(before, after).map((c) => `${c.rule} ${c.path} ${c.breaks.join('+')}`)).toEqual([
      'field-added-optional /properties/a consumers',
      'field-added-to-open-object /properties/b/properties/a producers',
    ]);
  });
});
