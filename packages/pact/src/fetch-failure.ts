/**
 * Why a `fetch` failed, in a few words: undici puts the network error (`ECONNREFUSED …`) in the
 * `cause` of its generic "fetch failed".
 */
export function fetchFailureReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}
