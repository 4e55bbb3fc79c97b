import { readContractFile } from '../read-source';
import { parseYamlSource } from '../yaml-source';
import { zodIssuesToProblems } from '../zod-problems';
import { checkProcedure } from './check-procedure';
import type { Procedure } from './procedure';
import type { ProcedureLoadResult, ProcedureProblem } from './procedure-problem';
import { procedureSchema } from './procedure-schema';

/** Largest procedure file accepted: 1 MB (an SOP has a few dozen steps). */
const MAX_PROCEDURE_BYTES = 1024 * 1024;

/**
 * Options of {@link loadProcedure} and {@link parseProcedure}.
 *
 * @example
 * ```ts
 * import { type ProcedureLoadOptions, parseProcedure } from '@tukar/contracts/procedure';
 * const options: ProcedureLoadOptions = { filename: 'procedure.yaml' };
 * parseProcedure('procedure: ciamis', options);
 * ```
 */
export interface ProcedureLoadOptions {
  /** Name reported in problems (defaults to the path for {@link loadProcedure}). */
  filename?: string;
}

/**
 * Loads a procedure file (YAML or JSON) and checks it completely, returning the procedure or every
 * problem at once, each with file, line and column. Never throws for bad input.
 *
 * @example
 * ```ts
 * import { formatProblem } from '@tukar/contracts';
 * import { loadProcedure } from '@tukar/contracts/procedure';
 *
 * const loaded = await loadProcedure('procedure.yaml');
 * if (!loaded.ok) for (const p of loaded.problems) console.error(formatProblem(p));
 * else console.log(`${loaded.procedure.kabupaten}: ${loaded.procedure.steps.length} steps`);
 * ```
 */
export async function loadProcedure(
  path: string,
  options: ProcedureLoadOptions = {},
): Promise<ProcedureLoadResult> {
  const filename = options.filename ?? path;
  const read = await readContractFile(path, MAX_PROCEDURE_BYTES);
  if (!read.ok) {
    const message = read.problem.message
      .replace(/^Contract file/, 'Procedure file')
      .replace(/contract file/, 'procedure file');
    return { ok: false, problems: [{ ...(read.problem as ProcedureProblem), message, file: filename }] };
  }
  return parseProcedure(read.text, { filename });
}

/**
 * Parses and checks procedure text (YAML or JSON), synchronously; same checks and result as
 * {@link loadProcedure}.
 *
 * @example
 * ```ts
 * import { parseProcedure, procedurePresetText } from '@tukar/contracts/procedure';
 * const result = parseProcedure(procedurePresetText('nganjuk'), { filename: 'nganjuk.yaml' });
 * if (result.ok) result.procedure.steps.length; // 12
 * ```
 */
export function parseProcedure(text: string, options: ProcedureLoadOptions = {}): ProcedureLoadResult {
  const file = options.filename;
  const withFile = (p: ProcedureProblem): ProcedureProblem => (file === undefined ? p : { ...p, file });
  const source = parseYamlSource(text, {
    noun: 'procedure',
    maxBytes: MAX_PROCEDURE_BYTES,
    sizeHint: 'A procedure lists the steps of one SOP; it does not need this size.',
  });
  if (!source.ok) return { ok: false, problems: (source.problems as ProcedureProblem[]).map(withFile) };
  const { data, positions } = source;
  const parsed = procedureSchema.safeParse(data);
  const problems: ProcedureProblem[] = parsed.success
    ? []
    : (zodIssuesToProblems(parsed.error.issues, data, [], {
        noun: 'procedure',
        startHint: 'Start with `procedure: <kabupaten>` and `version: 1.0.0`, or begin from a preset.',
      }) as ProcedureProblem[]);
  let procedure: Procedure | undefined;
  if (parsed.success) {
    const checked = checkProcedure(parsed.data);
    problems.push(...checked.problems);
    procedure = {
      ...parsed.data,
      steps: parsed.data.steps.map((s) => ({ ...s, timeLimit: checked.timeLimits.get(s.number) ?? null })),
    };
  }
  if (problems.length > 0 || procedure === undefined) {
    return {
      ok: false,
      problems: problems.map((p) => {
        const pos = positions.locate(p.path, { key: p.code === 'unknown_field' });
        return withFile(pos ? { ...p, line: pos.line, column: pos.column } : p);
      }),
    };
  }
  return { ok: true, procedure, warnings: (source.warnings as ProcedureProblem[]).map(withFile) };
}
