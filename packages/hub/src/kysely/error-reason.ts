/**
 * The message of a thrown value, for "Cannot open … : <reason>". Node reports a refused connection to a
 * name with several addresses as an `AggregateError` without a message; its errors say what happened.
 */
export function errorReason(error: unknown): string {
  if (error instanceof AggregateError && !error.message) {
    const reasons = error.errors.map(errorReason).filter(Boolean);
    if (reasons.length > 0) return [...new Set(reasons)].join('; ');
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return error.message || (typeof code === 'string' ? code : error.name);
  }
  return String(error);
}
