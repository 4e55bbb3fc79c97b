import { type Contract, diffContracts, diffSchemas } from '@tukar/contracts';
import { describe, expect, it } from 'vitest';
import { contractWith, edit, type Node, required } from './fixtures/diff/base-contract';

const rulesAt = (changes: { rule: string; path: string }[]) => changes.map((c) => `${c.rule} ${c.path}`);
const props = (c: Contract) => c.schema['properties'] as Record<string, Node>;

describe('diffContracts: overall bump', () => {
  it('an optional field added, a maxLength relaxed and a field removed demand major', () => {
    const next = contractWith(
      (c) => {
        props(c)['telepon'] = { type: 'string' };
      },
      edit('nama', (s) => {
        s['maxLength'] = 200;
      }),
      (c) => {
        delete props(c)['kepala'];
      },
    );
    const diff = diffContracts(contractWith(), next);
    expect(diff.changes.map((c) => c.rule).sort()).toEqual([
      'field-added-to-open-object',
      'field-removed',
      'max-length-relaxed',
    ]);
    expect(diff.bump).toBe('major');
    expect(diff.versions.minimum).toBe('2.0.0');
  });

  it('an optional field and a description demand minor; a description alone patch; status alone none', () => {
    const minor = contractWith(
      (c) => {
        // untyped: the open record object already accepted any value under this name
        props(c)['telepon'] = { description: 'Nomor telepon' };
      },
      edit('nama', (s) => {
        s['description'] = 'Nama resmi';
      }),
    );
    expect(diffContracts(contractWith(), minor).bump).toBe('minor');
    const patch = contractWith(
      edit('nama', (s) => {
        s['description'] = 'Nama resmi';
      }),
    );
    expect(diffContracts(contractWith(), patch).bump).toBe('patch');
    const status = contractWith((c) => {
      c.status = 'deprecated';
    });
    const diff = diffContracts(contractWith(), status);
    expect(diff.bump).toBe('none');
    expect(diff.changes).toHaveLength(1);
  });

  it('identical contracts have no changes and need no bump', () => {
    const diff = diffContracts(contractWith(), contractWith());
    expect(diff).toMatchObject({
      changes: [],
      bump: 'none',
      compatible: true,
      versionBump: 'none',
      versionOk: true,
    });
  });
});

describe('diffSchemas: nested objects, arrays and $ref', () => {
  it('reports a nested change at the precise path', () => {
    const next = contractWith(
      edit(['alamat', 'kode_pos'], (s) => {
        s['pattern'] = '^[1-9][0-9]{4}$';
      }),
    );
    const [change] = diffContracts(contractWith(), next).changes;
    expect(change).toMatchObject({ rule: 'pattern-changed', path: '/properties/alamat/properties/kode_pos' });
    expect(change?.message).toContain('alamat.kode_pos');
    expect(change?.message).toContain('^[1-9][0-9]{4}$');
  });

  it('follows $ref into $defs and reports at the path of the record, not of $defs', () => {
    const schema = (kodePos: Node) => ({
      type: 'object',
      $defs: { alamat: { type: 'object', properties: { kode_pos: kodePos } } },
      properties: { alamat: { $ref: '#/$defs/alamat' }, alamat_kantor: { $ref: '#/$defs/alamat' } },
    });
    const changes = diffSchemas(schema({ type: 'string' }), schema({ type: 'string', maxLength: 5 }));
    expect(rulesAt(changes)).toEqual([
      'max-length-tightened /properties/alamat/properties/kode_pos',
      'max-length-tightened /properties/alamat_kantor/properties/kode_pos',
    ]);
  });

  it('compares what refs point to even when the $defs are renamed', () => {
    const prev = { $defs: { a: { type: 'string' } }, properties: { x: { $ref: '#/$defs/a' } } };
    const next = { $defs: { b: { type: 'string' } }, properties: { x: { $ref: '#/$defs/b' } } };
    expect(diffSchemas(prev, next)).toEqual([]);
    const inlined = { properties: { x: { type: 'integer' } } };
    expect(rulesAt(diffSchemas(prev, inlined))).toEqual(['type-changed /properties/x']);
  });

  it('reports a $ref that does not resolve, naming it', () => {
    const prev = { properties: { x: { $ref: '#/$defs/a' } }, $defs: { a: { type: 'string' } } };
    const next = { properties: { x: { $ref: '#/$defs/missing' } } };
    const [change] = diffSchemas(prev, next);
    expect(change).toMatchObject({ rule: 'constraint-changed', path: '/properties/x' });
    expect(change?.message).toContain('#/$defs/missing');
    const remote = diffSchemas(prev, { properties: { x: { $ref: 'https://example.invalid/a.json' } } });
    expect(remote[0]?.message).toContain('only local references');
  });

  it('walks items and prefixItems', () => {
    const next = contractWith(
      edit('layanan', (s) => {
        s['items'] = { type: 'string', enum: ['umum', 'gigi'] };
      }),
    );
    expect(rulesAt(diffContracts(contractWith(), next).changes)).toEqual([
      'enum-added /properties/layanan/items',
    ]);
    const tuple = (second: Node) => ({ type: 'array', prefixItems: [{ type: 'number' }, second] });
    expect(rulesAt(diffSchemas(tuple({ type: 'number' }), tuple({ type: 'number', minimum: 0 })))).toEqual([
      'minimum-tightened /prefixItems/1',
    ]);
    expect(rulesAt(diffSchemas({ prefixItems: [{}] }, { prefixItems: [{}, { type: 'string' }] }))).toEqual([
      'type-narrowed /prefixItems/1',
    ]);
  });

  it('adding an optional field to a closed object breaks consumers; removing one from a closed object breaks producers', () => {
    const closed = contractWith(
      edit('', (s) => {
        s['additionalProperties'] = false;
      }),
    );
    const added = contractWith(
      edit('', (s) => {
        s['additionalProperties'] = false;
      }),
      (c) => {
        props(c)['telepon'] = { type: 'string' };
      },
    );
    const [add] = diffContracts(closed, added).changes;
    expect(add).toMatchObject({ rule: 'field-added-optional', breaks: ['consumers'], bump: 'major' });
    const [remove] = diffContracts(added, closed).changes;
    expect(remove).toMatchObject({ rule: 'field-removed', breaks: ['producers', 'consumers'] });
  });

  it('a required field removed says it was required', () => {
    const next = contractWith(
      (c) => {
        delete props(c)['nama'];
      },
      (c) => {
        required(c).pop();
      },
    );
    const changes = diffContracts(contractWith(), next).changes;
    expect(rulesAt(changes)).toEqual(['field-removed /properties/nama']);
    expect(changes[0]?.message).toContain('was required');
  });

  it('refines whom const, multipleOf and anyOf changes break', () => {
    const byRule = (prev: Node, next: Node) => diffSchemas(prev, next).map((c) => [c.rule, c.breaks]);
    expect(byRule({}, { const: 1 })).toEqual([['const-changed', ['producers']]]);
    expect(byRule({ const: 1 }, {})).toEqual([['const-changed', ['consumers']]]);
    expect(byRule({ multipleOf: 2 }, { multipleOf: 4 })).toEqual([['multiple-of-changed', ['producers']]]);
    expect(byRule({ multipleOf: 4 }, { multipleOf: 2 })).toEqual([['multiple-of-changed', ['consumers']]]);
    const a = { type: 'string' };
    const b = { type: 'integer' };
    expect(byRule({ anyOf: [a] }, { anyOf: [a, b] })).toEqual([['composition-changed', ['consumers']]]);
    expect(byRule({ allOf: [a] }, { allOf: [a, b] })).toEqual([['composition-changed', ['producers']]]);
    expect(byRule({ oneOf: [a] }, { oneOf: [a, b] })).toEqual([
      ['composition-changed', ['producers', 'consumers']],
    ]);
  });

  it('classifies changes inside anyOf / allOf branches at their own path', () => {
    const changes = diffSchemas(
      { anyOf: [{ type: 'string', maxLength: 5 }] },
      { anyOf: [{ type: 'string', maxLength: 9 }] },
    );
    expect(rulesAt(changes)).toEqual(['max-length-relaxed /anyOf/0']);
  });

  it('treats maximum → exclusiveMaximum at the same value as tightened', () => {
    const changes = diffSchemas({ maximum: 10 }, { exclusiveMaximum: 10 });
    expect(changes[0]).toMatchObject({
      rule: 'maximum-tightened',
      before: { maximum: 10 },
      after: { exclusiveMaximum: 10 },
    });
    expect(changes[0]?.message).toContain('≤ 10');
    expect(changes[0]?.message).toContain('< 10');
  });

  it('escapes property names in paths (RFC 6901)', () => {
    const changes = diffSchemas(
      { properties: { 'a/b~c': { type: 'string' } } },
      { properties: { 'a/b~c': {} } },
    );
    expect(changes[0]?.path).toBe('/properties/a~1b~0c');
  });
});

describe('diffSchemas: cycles and hostile input', () => {
  const tree = (leaf: Node) => ({
    $ref: '#/$defs/node',
    $defs: {
      node: {
        type: 'object',
        properties: {
          nama: leaf,
          anak: { type: 'array', items: { $ref: '#/$defs/node' } },
          induk: { $ref: '#' },
        },
      },
    },
  });

  it('a recursive schema does not hang and still reports the change', () => {
    const changes = diffSchemas(tree({ type: 'string' }), tree({ type: 'string', maxLength: 50 }));
    expect(rulesAt(changes)).toContain('max-length-tightened /properties/nama');
    expect(changes.length).toBeLessThan(10);
  });

  it('a $ref chain that loops without a subschema is reported, not followed forever', () => {
    const loop = {
      $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } },
      properties: { x: { $ref: '#/$defs/a' } },
    };
    const changes = diffSchemas({ properties: { x: { type: 'string' } } }, loop);
    expect(changes[0]?.rule).toBe('constraint-changed');
    expect(changes[0]?.message).toContain('leads back to itself');
    expect(diffSchemas(loop, loop)).toEqual([]);
  });

  it('a cyclic object graph (not JSON) and 10,000 levels of nesting end with a conservative change', () => {
    const cyclic: Node = { type: 'object', properties: {} };
    (cyclic['properties'] as Node)['self'] = cyclic;
    expect(() => diffSchemas(cyclic, { type: 'object' })).not.toThrow();
    let deep: Node = { type: 'string' };
    for (let i = 0; i < 10_000; i++) deep = { type: 'object', properties: { x: deep } };
    const changes = diffSchemas(deep, { ...deep, description: 'changed' });
    expect(rulesAt(changes)).toEqual(['description-changed ']);
    let deeper: Node = { type: 'integer' };
    for (let i = 0; i < 10_000; i++) deeper = { type: 'object', properties: { x: deeper } };
    const far = diffSchemas(deep, deeper);
    expect(far).toHaveLength(1);
    expect(far[0]?.rule).toBe('composition-changed');
    expect(far[0]?.message).toContain('review by hand');
  });

  it('shared $refs fanning out 2^30 ways end quickly with at most 1,000 changes and a note', () => {
    const fan = (leaf: Node) => {
      const defs: Record<string, Node> = { d30: leaf };
      for (let i = 29; i >= 0; i--) {
        defs[`d${i}`] = {
          type: 'object',
          properties: { a: { $ref: `#/$defs/d${i + 1}` }, b: { $ref: `#/$defs/d${i + 1}` } },
        };
      }
      return { $defs: defs, $ref: '#/$defs/d0' };
    };
    const changes = diffSchemas(fan({ type: 'string' }), fan({ type: 'integer' }));
    expect(changes).toHaveLength(1_001);
    expect(changes[0]?.rule).toBe('type-changed');
    expect(changes.at(-1)?.message).toContain('more than 1000 changes');
    const small = diffSchemas(fan({ type: 'string' }), fan({ type: 'string', description: 'x' }));
    expect(small.length).toBeLessThanOrEqual(1_001);
  }, 10_000);

  it('malformed keywords are reported as changes, not thrown', () => {
    const changes = diffSchemas(
      { properties: 'nope', required: 'nama', enum: 3, items: 5, maxLength: 'ten', anyOf: {} },
      { properties: 'other', required: 'x', enum: 4, items: 6, maxLength: 'eleven', anyOf: { a: 1 } },
    );
    expect(changes.map((c) => c.rule)).toContain('constraint-changed');
    expect(changes.map((c) => c.rule)).toContain('composition-changed');
  });
});
