// Reads the file of `tukar audit verify --export`: an audit evidence bundle, checked against the spec.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Schemas } from '@tukar/spec';
import { createSpecAjv } from '@tukar/spec/operations';
import { UsageError } from '../command';
import { displayPath } from '../format-problem';

/**
 * The bundle in a file, its shape checked against the spec's `AuditEvidenceBundle`: a file that is not
 * JSON, or not a bundle, is refused with the place named (a JSON position, or the field's path).
 */
export async function readAuditBundle(path: string, cwd: string): Promise<Schemas['AuditEvidenceBundle']> {
  const file = resolve(cwd, path);
  const shown = displayPath(file, cwd);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message;
    throw new UsageError('missing_path', `cannot read the bundle ${shown}: ${reason}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError('bad_config', `${shown} is not JSON: ${(error as Error).message}`);
  }
  const validate = createSpecAjv().compile({ $ref: '#/components/schemas/AuditEvidenceBundle' });
  if (!validate(parsed)) {
    const first = validate.errors?.[0];
    const where = first?.instancePath || '/';
    throw new UsageError(
      'bad_config',
      `${shown} is not an audit evidence bundle: at ${where}, ${first?.message ?? 'invalid'}`,
    );
  }
  return parsed as Schemas['AuditEvidenceBundle'];
}
