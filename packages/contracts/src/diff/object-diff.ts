import { joinPointer } from '../json-pointer';
import type { ContractChange } from './change';
import { acceptsAnything, fallbackKeyword, fallbackSchema, unlistedSchema } from './content-model';
import type { DiffContext, SchemaNode } from './context';
import { FALSE_SCHEMA, fieldLabel, isObject } from './context';
import { deepEqual, show } from './deep-equal';
import type { BreakSide } from './rules';

function names(value: unknown): Set<string> {
  return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
}

function props(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

/** Every side any of `changes` breaks, and the `also` sides, in the usual order. */
export function sidesOf(changes: readonly ContractChange[], ...also: BreakSide[]): BreakSide[] {
  const sides = new Set([...changes.flatMap((c) => c.breaks), ...also]);
  return (['producers', 'consumers'] as const).filter((side) => sides.has(side));
}

/** A short list of the rules behind a summarised change: `type-narrowed, max-length-tightened`. */
function because(changes: readonly ContractChange[]): string {
  const rules = [...new Set(changes.filter((c) => c.breaks.length > 0).map((c) => c.rule))];
  return rules.length === 0 ? '' : ` (${rules.join(', ')})`;
}

function refusesAnything(schema: unknown): boolean {
  return schema === false;
}

/**
 * `properties` and `required`: fields added, removed, made required or optional, and each kept field's
 * own schema (recursively). A field added or removed is compared with what the object said about that
 * name before or after (its `patternProperties`, else `additionalProperties` / `unevaluatedProperties`,
 * else any value): adding a typed field to an open object narrows what it accepts under that name.
 */
export function diffProperties(ctx: DiffContext, prev: SchemaNode, next: SchemaNode, path: string): void {
  const pProps = props(prev['properties']);
  const nProps = props(next['properties']);
  const pReq = names(prev['required']);
  const nReq = names(next['required']);
  const all = new Set([...Object.keys(nProps), ...Object.keys(pProps), ...nReq, ...pReq]);
  for (const name of all) {
    const fieldPath = joinPointer(path, 'properties', name);
    const field = fieldLabel(fieldPath);
    const inPrev = Object.hasOwn(pProps, name);
    const inNext = Object.hasOwn(nProps, name);
    const wasRequired = pReq.has(name);
    const isRequired = nReq.has(name);
    if (inNext && !inPrev) {
      const before = unlistedSchema(prev, name);
      const inner = ctx.collect(() => ctx.walk(before, nProps[name], fieldPath));
      if (!wasRequired) {
        addedField(ctx, { field, fieldPath, before, after: nProps[name], inner, isRequired });
        continue;
      }
      ctx.keep(inner);
    } else if (inPrev && !inNext) {
      const after = unlistedSchema(next, name);
      const inner = ctx.collect(() => ctx.walk(pProps[name], after, fieldPath));
      const breaks = sidesOf(inner, 'consumers');
      const was = wasRequired ? 'required' : 'optional';
      const now = refusesAnything(after)
        ? '; undeclared properties are refused now'
        : acceptsAnything(after)
          ? '; any value is accepted under its name now'
          : `; its name now falls under ${show(after)}`;
      ctx.emit('field-removed', fieldPath, `${field}: field removed (was ${was})${now}`, {
        before: pProps[name],
        breaks,
      });
      if (!wasRequired && isRequired) {
        ctx.emit('field-made-required', fieldPath, `${field}: still listed in required`, {
          before: false,
          after: true,
        });
      }
      continue;
    }
    if (!wasRequired && isRequired) {
      ctx.emit('field-made-required', fieldPath, `${field}: optional → required`, {
        before: false,
        after: true,
      });
    } else if (wasRequired && !isRequired) {
      ctx.emit('field-made-optional', fieldPath, `${field}: required → optional`, {
        before: true,
        after: false,
      });
    }
    if (inPrev && inNext) ctx.walk(pProps[name], nProps[name], fieldPath);
  }
}

interface Added {
  field: string;
  fieldPath: string;
  /** What the previous object said about this name (a pattern's schema, the fallback, or `true`). */
  before: unknown;
  after: unknown;
  inner: ContractChange[];
  isRequired: boolean;
}

/**
 * A field listed in the next object only: required (`field-added-required`), optional where the previous
 * object refused the name (`field-added-optional`, breaks consumers), optional and accepting every value
 * the previous object accepted there (`field-added-optional`, breaks no one), or optional and narrowing
 * what the previous object accepted under that name (`field-added-to-open-object`).
 */
function addedField(ctx: DiffContext, a: Added): void {
  const innerSides = sidesOf(a.inner);
  const closedBefore = refusesAnything(a.before);
  const closedNote = closedBefore ? ' (the previous object refused undeclared properties)' : '';
  if (a.isRequired) {
    const breaks = sidesOf(a.inner, 'producers');
    ctx.emit('field-added-required', a.fieldPath, `${a.field}: required field added${closedNote}`, {
      after: a.after,
      breaks,
    });
    return;
  }
  if (closedBefore || innerSides.length === 0) {
    ctx.emit('field-added-optional', a.fieldPath, `${a.field}: optional field added${closedNote}`, {
      after: a.after,
      breaks: innerSides,
    });
    return;
  }
  const was = acceptsAnything(a.before) ? 'any value' : `values matching ${show(a.before)}`;
  ctx.emit(
    'field-added-to-open-object',
    a.fieldPath,
    `${a.field}: optional field added to an object that accepted ${was} under this name; records carrying another value there are refused now${because(a.inner)}`,
    { before: a.before === true ? undefined : a.before, after: a.after, breaks: innerSides },
  );
}

type Extra = { kind: 'open' } | { kind: 'closed' } | { kind: 'schema'; schema: unknown };

function extra(value: unknown): Extra {
  if (acceptsAnything(value)) return { kind: 'open' };
  if (value === false || value === FALSE_SCHEMA) return { kind: 'closed' };
  return { kind: 'schema', schema: value };
}

const RANK = { open: 2, schema: 1, closed: 0 } as const;
const COMPOSITION = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas'];

/**
 * `additionalProperties` and `unevaluatedProperties`: what undeclared properties must match, open
 * (absent/true) ⊃ a schema ⊃ closed (false). The two are compared as the one schema that decides
 * (`additionalProperties` when present, else `unevaluatedProperties`); `unevaluatedProperties` beside
 * composition keywords is compared on its own too, conservatively.
 */
export function diffExtraProperties(
  ctx: DiffContext,
  prev: SchemaNode,
  next: SchemaNode,
  path: string,
): void {
  const additionalSame = deepEqual(prev['additionalProperties'], next['additionalProperties']);
  const unevaluatedSame = deepEqual(prev['unevaluatedProperties'], next['unevaluatedProperties']);
  if (additionalSame && unevaluatedSame) return;
  const before = fallbackSchema(prev);
  const after = fallbackSchema(next);
  if (!deepEqual(before, after)) {
    const keyword = !additionalSame ? 'additionalProperties' : fallbackKeyword(next);
    const shown = (node: SchemaNode) =>
      node[keyword] ?? (keyword === 'additionalProperties' ? node['unevaluatedProperties'] : undefined);
    compareFallbacks(ctx, keyword, { before, after }, { before: shown(prev), after: shown(next) }, path);
  }
  const composed = COMPOSITION.some((k) => prev[k] !== undefined || next[k] !== undefined);
  if (!unevaluatedSame && composed && fallbackKeyword(next) !== 'unevaluatedProperties') {
    const u = (node: SchemaNode) => node['unevaluatedProperties'] ?? true;
    const raw = { before: prev['unevaluatedProperties'], after: next['unevaluatedProperties'] };
    compareFallbacks(ctx, 'unevaluatedProperties', { before: u(prev), after: u(next) }, raw, path);
  }
}

function compareFallbacks(
  ctx: DiffContext,
  keyword: 'additionalProperties' | 'unevaluatedProperties',
  effective: { before: unknown; after: unknown },
  raw: { before: unknown; after: unknown },
  path: string,
): void {
  const p = extra(effective.before);
  const n = extra(effective.after);
  const { before, after } = raw;
  const subPath = joinPointer(path, keyword);
  if (p.kind === 'schema' && n.kind === 'schema') {
    ctx.walk(p.schema, n.schema, subPath);
    return;
  }
  if (p.kind === n.kind) return;
  const restricted = RANK[n.kind] < RANK[p.kind];
  ctx.emit(
    restricted ? 'additional-properties-restricted' : 'additional-properties-allowed',
    subPath,
    `${fieldLabel(path)}: ${keyword} changed from ${show(before)} to ${show(after)} (undeclared properties ${
      restricted ? 'more restricted' : 'more allowed'
    })`,
    { before, after },
  );
}
