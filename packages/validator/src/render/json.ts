import type { ValidationReport } from '../report';

/**
 * The report as JSON text (two-space indented, with a final newline): the whole {@link ValidationReport}.
 *
 * @example
 * ```ts
 * await writeFile('laporan.json', renderJson(report));
 * const again = JSON.parse(renderJson(report)) as ValidationReport;
 * ```
 */
export function renderJson(report: ValidationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
