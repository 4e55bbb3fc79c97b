import { relative } from 'node:path';
import type { Colors } from './color';

/** The parts of a problem the CLI prints (a `ContractProblem` from `@tukar/contracts` fits). */
export interface PrintableProblem {
  code: string;
  message: string;
  path?: string | ReadonlyArray<string | number>;
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
}

/** A path shown relative to the working directory when it lies below it. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

function pathText(path: PrintableProblem['path']): string {
  if (path === undefined) return '';
  return typeof path === 'string' ? path : path.join('.');
}

/**
 * One problem as `file:line:column  code  message`, then the location in the document and the hint
 * on indented lines.
 *
 * @example
 * ```ts
 * formatProblem({ code: 'invalid_type', message: 'expected a string', line: 3, column: 10 }, 'a.yaml', c);
 * // 'a.yaml:3:10  invalid_type  expected a string\n'
 * ```
 */
export function formatProblem(
  problem: PrintableProblem,
  file: string,
  c: Colors,
  severity?: 'warning',
): string {
  const where = problem.line ? `${file}:${problem.line}:${problem.column ?? 1}` : file;
  const code = severity === 'warning' ? c.yellow(problem.code) : c.red(problem.code);
  let text = `${c.bold(where)}  ${code}  ${problem.message}\n`;
  const at = pathText(problem.path);
  if (at !== '' && !problem.message.includes(at)) text += `    ${c.dim(`at ${at}`)}\n`;
  if (problem.hint) text += `    ${c.cyan('hint:')} ${problem.hint}\n`;
  return text;
}
