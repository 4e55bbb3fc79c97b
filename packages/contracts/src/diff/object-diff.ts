import { joinPointer } from '../json-pointer';
import type { DiffContext, SchemaNode } from './context';
import { fieldLabel, isObject } from './context';
import { deepEqual, show } from './deep-equal';
import type { BreakSide } from './rules';

const EXTRA_KEYWORDS = ['additionalProperties', 'unevaluatedProperties'] as const;

/** `true`, `{}` and absent accept any undeclared property. */
function isOpenSchema(value: unknown): boolean {
  return value === undefined || value === true || (isObject(value) && Object.keys(value).length === 0);
}

/** Whether an object schema accepts undeclared properties of any value. */
function isOpen(node: SchemaNode): boolean {
  return EXTRA_KEYWORDS.every((k) => isOpenSchema(node[k]));
}

function names(value: unknown): Set<string> {
  return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
}

function props(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

/**
 * `properties` and `required`: fields added, removed, made required or optional, and each kept field's
 * own schema (recursively).
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
    if (inNext && !inPrev && !wasRequired) {
      const breaks: BreakSide[] = isRequired ? ['producers'] : [];
      if (!isOpen(prev)) breaks.push('consumers');
      const closed = isOpen(prev) ? '' : ' (the previous object refused undeclared properties)';
      ctx.emit(
        isRequired ? 'field-added-required' : 'field-added-optional',
        fieldPath,
        `${field}: ${isRequired ? 'required' : 'optional'} field added${closed}`,
        { after: nProps[name], breaks },
      );
      continue;
    }
    if (inPrev && !inNext) {
      const breaks: BreakSide[] = ['consumers'];
      if (!isOpen(next)) breaks.push('producers');
      const was = wasRequired ? 'required' : 'optional';
      const closed = isOpen(next) ? '' : '; undeclared properties are refused now';
      ctx.emit('field-removed', fieldPath, `${field}: field removed (was ${was})${closed}`, {
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
    if (inPrev || inNext) ctx.walk(inPrev ? pProps[name] : true, inNext ? nProps[name] : true, fieldPath);
  }
}

type Extra = { kind: 'open' } | { kind: 'closed' } | { kind: 'schema'; schema: unknown };

function extra(value: unknown): Extra {
  if (isOpenSchema(value)) return { kind: 'open' };
  if (value === false) return { kind: 'closed' };
  return { kind: 'schema', schema: value };
}

const RANK = { open: 2, schema: 1, closed: 0 } as const;

/** `additionalProperties` and `unevaluatedProperties`: open (absent/true) ⊃ a schema ⊃ closed (false). */
export function diffExtraProperties(
  ctx: DiffContext,
  prev: SchemaNode,
  next: SchemaNode,
  path: string,
): void {
  for (const keyword of EXTRA_KEYWORDS) {
    const before = prev[keyword];
    const after = next[keyword];
    if (deepEqual(before, after)) continue;
    const p = extra(before);
    const n = extra(after);
    const subPath = joinPointer(path, keyword);
    if (p.kind === 'schema' && n.kind === 'schema') {
      ctx.walk(p.schema, n.schema, subPath);
      continue;
    }
    if (p.kind === n.kind) continue;
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
}
