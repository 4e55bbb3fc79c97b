import { ImportError } from './import-error';

type Row = Record<string, unknown>;

const isRecord = (value: unknown): value is Row =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Reads sample records from text: a JSON array of objects, an object holding one (`{ "data": [...] }`),
 * or NDJSON (one object per line). A line or item that is not an object is an ImportError naming it.
 *
 * @example
 * ```ts
 * import { inferFromRecords, parseSampleText } from '@tukar/contracts';
 *
 * const records = parseSampleText('{"npsn":"20211111","nama":"SDN 1"}\n{"npsn":"20211112","nama":"SDN 2"}\n');
 * const result = inferFromRecords(records, { name: 'sekolah' });
 * ```
 */
export function parseSampleText(text: string, source = 'the sample'): Record<string, unknown>[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || (trimmed.startsWith('{') && !trimmed.includes('\n'))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (cause) {
      if (trimmed.startsWith('[')) {
        throw new ImportError('invalid_input', `${source} is not JSON: ${(cause as Error).message}`, {
          cause,
        });
      }
      parsed = undefined;
    }
    if (parsed !== undefined) {
      const list = Array.isArray(parsed)
        ? parsed
        : (Object.values(parsed as Row).find(Array.isArray) ?? [parsed]);
      const bad = (list as unknown[]).findIndex((item) => !isRecord(item));
      if (bad >= 0) throw new ImportError('invalid_input', `${source}: item ${bad} is not an object`);
      return list as Row[];
    }
  }
  const records: Row[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (cause) {
      throw new ImportError(
        'invalid_input',
        `${source} line ${index + 1} is not JSON: ${(cause as Error).message}`,
        { cause },
      );
    }
    if (!isRecord(parsed))
      throw new ImportError('invalid_input', `${source} line ${index + 1} is not a JSON object`);
    records.push(parsed);
  }
  return records;
}
