import { isBooleanColumn } from '../column-schema';
import type { ColumnDescription, TableDescription } from '../table-description';

const NUMERIC = /^(DECIMAL|NUMERIC|DEC|FIXED|BIGINT|INT8|BIGSERIAL|SERIAL8|MONEY)$/;

function bytes(value: unknown): Uint8Array | undefined {
  return value instanceof Uint8Array ? value : undefined;
}

/** One database value as the contract's JSON record holds it. */
export function recordValue(value: unknown, column: ColumnDescription): unknown {
  if (value === null || value === undefined) return null;
  if (isBooleanColumn(column)) {
    const raw = bytes(value);
    if (raw) return raw[0] === 1;
    return value === true || value === 1 || value === '1' || value === 't';
  }
  if (NUMERIC.test(column.dataType) && (typeof value === 'string' || typeof value === 'bigint')) {
    const number = Number(value);
    return Number.isSafeInteger(number) || !Number.isInteger(number) ? number : String(value);
  }
  if (column.dataType === 'JSON' && typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  const raw = bytes(value);
  if (raw) return Buffer.from(raw).toString('base64');
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** A database row as the contract's JSON record. */
export function rowToRecord(row: Record<string, unknown>, table: TableDescription): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const column of table.columns) {
    if (column.name in row) record[column.name] = recordValue(row[column.name], column);
  }
  return record;
}
