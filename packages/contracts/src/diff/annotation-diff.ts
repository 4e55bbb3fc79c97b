import type { DiffContext, SchemaNode } from './context';
import { fieldLabel } from './context';
import { deepEqual, show } from './deep-equal';

/** Annotation keywords: they describe values but do not decide validity. */
export const ANNOTATION_KEYWORDS = new Set([
  'title',
  'description',
  'examples',
  'example',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  'x-pii',
  'contentMediaType',
  'contentEncoding',
  'contentSchema',
]);

const OTHER_ANNOTATIONS = [
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  'contentMediaType',
  'contentEncoding',
  'contentSchema',
];

/** `title`, `description`, `examples`, `x-pii` and the other annotations (`default`, `x-*`, …). */
export function diffAnnotations(ctx: DiffContext, prev: SchemaNode, next: SchemaNode, path: string): void {
  const field = fieldLabel(path);
  for (const keyword of ['title', 'description'] as const) {
    const before = prev[keyword];
    const after = next[keyword];
    if (deepEqual(before, after)) continue;
    ctx.emit(
      `${keyword}-changed`,
      path,
      `${field}: ${keyword} changed from ${show(before)} to ${show(after)}`,
      {
        before,
        after,
      },
    );
  }
  for (const keyword of ['examples', 'example'] as const) {
    if (deepEqual(prev[keyword], next[keyword])) continue;
    ctx.emit('example-changed', path, `${field}: ${keyword} changed`, {
      before: prev[keyword],
      after: next[keyword],
    });
  }
  const wasPii = prev['x-pii'] === true;
  const isPii = next['x-pii'] === true;
  if (!wasPii && isPii) {
    ctx.emit(
      'pii-marked',
      path,
      `${field}: now marked as personal data (x-pii); it is masked in reports and logs`,
      {
        before: prev['x-pii'],
        after: true,
      },
    );
  } else if (wasPii && !isPii) {
    ctx.emit(
      'pii-unmarked',
      path,
      `${field}: no longer marked as personal data (x-pii); it appears unmasked`,
      {
        before: true,
        after: next['x-pii'],
      },
    );
  }
  const others = new Set([...Object.keys(prev), ...Object.keys(next)]);
  for (const keyword of others) {
    const isOther = OTHER_ANNOTATIONS.includes(keyword);
    if (!isOther && !(keyword.startsWith('x-') && keyword !== 'x-pii')) continue;
    if (deepEqual(prev[keyword], next[keyword])) continue;
    ctx.emit(
      'annotation-changed',
      path,
      `${field}: ${keyword} changed from ${show(prev[keyword])} to ${show(next[keyword])}`,
      { before: prev[keyword], after: next[keyword] },
    );
  }
}
