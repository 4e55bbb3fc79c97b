import { formatProblem } from '@tukar/contracts';
import { loadProcedure, type Procedure } from '@tukar/contracts/procedure';

/**
 * The procedure definitions of `tukar-hub --procedure FILE`, in the order given; every problem of every
 * file at once, each as `file:line:column code message`.
 *
 * @example
 * ```ts
 * import { createHub, createMemoryStore } from '@tukar/hub';
 * import { loadProcedureFiles } from '@tukar/hub/node';
 *
 * const loaded = await loadProcedureFiles(['/etc/tukar/sop-sragen.yaml']);
 * if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
 * const hub = await createHub({ store: createMemoryStore(), procedures: loaded.procedures });
 * ```
 */
export async function loadProcedureFiles(
  files: readonly string[],
): Promise<{ ok: true; procedures: Procedure[] } | { ok: false; problems: string[] }> {
  const procedures: Procedure[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const loaded = await loadProcedure(file);
    if (loaded.ok) procedures.push(loaded.procedure);
    else problems.push(...loaded.problems.map(formatProblem));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, procedures };
}
