// Reads the files of `tukar evidence verify`: receipts (as the hub or pushRecords gave them) and a key set.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../command';
import { displayPath } from '../format-problem';

/** A receipt found in a file, with where it was (`receipt.json`, `receipt.json receipts[2]`). */
export interface FoundReceipt {
  where: string;
  receipt: string;
}

async function readText(path: string, cwd: string, what: string): Promise<{ text: string; shown: string }> {
  const file = resolve(cwd, path);
  const shown = displayPath(file, cwd);
  try {
    return { text: await readFile(file, 'utf8'), shown };
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message;
    throw new UsageError('missing_path', `cannot read the ${what} ${shown}: ${reason}`);
  }
}

/**
 * The receipts of a file: the compact JWS itself, a JSON string, the hub's answer to a push or delete
 * (`{"receipt": …}`), the result of `pushRecords` (`{"receipts": […]}`) or an array of receipts.
 */
export async function readReceipts(path: string, cwd: string): Promise<FoundReceipt[]> {
  const { text, shown } = await readText(path, cwd, 'receipt file');
  const trimmed = text.trim();
  if (!/^[[{"]/.test(trimmed)) return [{ where: shown, receipt: trimmed }];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    throw new UsageError('bad_config', `${shown} is not JSON: ${(error as Error).message}`);
  }
  const object = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const list = Array.isArray(parsed)
    ? parsed
    : Array.isArray(object['receipts'])
      ? object['receipts']
      : undefined;
  if (list) {
    const label = Array.isArray(parsed) ? '' : 'receipts';
    const found = list.map((receipt: unknown, i) => ({ where: `${shown} ${label}[${i}]`, receipt }));
    const bad = found.find((f) => typeof f.receipt !== 'string');
    if (bad) throw new UsageError('bad_config', `${bad.where} is not a receipt (a compact JWS string)`);
    if (found.length === 0) throw new UsageError('bad_config', `${shown} holds no receipt`);
    return found as FoundReceipt[];
  }
  const single = typeof parsed === 'string' ? parsed : object['receipt'];
  if (typeof single !== 'string') {
    throw new UsageError(
      'bad_config',
      `${shown} holds no receipt: expected the JWS, {"receipt": "…"} or {"receipts": ["…"]}`,
    );
  }
  return [{ where: shown, receipt: single }];
}

/** The key set of a file (`GET /.well-known/jwks.json`, saved). */
export async function readKeySet(path: string, cwd: string): Promise<unknown> {
  const { text, shown } = await readText(path, cwd, 'key set');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError('bad_config', `the key set ${shown} is not JSON: ${(error as Error).message}`);
  }
}
