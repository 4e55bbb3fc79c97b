/** Whether an insert, update or delete touched a row (`ON CONFLICT DO NOTHING` touches none). */
export function changed(result: {
  numInsertedOrUpdatedRows?: bigint;
  numUpdatedRows?: bigint;
  numDeletedRows?: bigint;
}): boolean {
  return (result.numInsertedOrUpdatedRows ?? result.numUpdatedRows ?? result.numDeletedRows ?? 0n) > 0n;
}

/** A SQL `LIMIT` for a page size, read as the memory store's `slice` reads it. */
export function limitOf(limit: number): number {
  return Number.isFinite(limit) ? Math.max(0, Math.trunc(limit)) : Number.MAX_SAFE_INTEGER;
}
