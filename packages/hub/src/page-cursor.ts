import { HubProblem } from './hub-problem';

/**
 * Opaque page cursors: base64url of a small JSON value. A cursor that does not decode answers 400
 * naming the `cursor` parameter, never a 500.
 */
export function encodeCursor(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes a cursor made by {@link encodeCursor} and checks its shape with `isShape`. */
export function decodeCursor<T>(
  cursor: string | undefined,
  isShape: (value: unknown) => value is T,
): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const padded = cursor.replace(/-/g, '+').replace(/_/g, '/');
    const value: unknown = JSON.parse(atob(padded));
    if (isShape(value)) return value;
  } catch {
    // fall through
  }
  throw new HubProblem(
    400,
    'bad_request',
    'Query parameter "cursor" is not a cursor this hub made; pass the nextCursor of the previous page unchanged, or omit it for the first page.',
  );
}

/** `{ k: string }`: the last key (or id) of the previous page. */
export const isAfterCursor = (value: unknown): value is { k: string } =>
  typeof value === 'object' && value !== null && typeof (value as { k?: unknown }).k === 'string';

/** `{ a: string, i: string }`: the `(at, id)` of the last item of a newest-first page. */
export const isBeforeCursor = (value: unknown): value is { a: string; i: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { a?: unknown }).a === 'string' &&
  typeof (value as { i?: unknown }).i === 'string';
