import { stringify } from 'yaml';
import type { ImportResult } from './import-result';
import type { ImportSuggestion } from './suggest';

/**
 * One line per suggestion, saying what was applied or proposed and why (no sample value is printed).
 *
 * @example
 * ```ts
 * import { formatSuggestion, type ImportResult } from '@tukar/contracts';
 *
 * declare const result: ImportResult;
 * for (const s of result.suggestions) console.log(formatSuggestion(s));
 * // applied  nik: format nik — the name says a NIK (Nomor Induk Kependudukan)
 * ```
 */
export function formatSuggestion(suggestion: ImportSuggestion): string {
  const what =
    suggestion.keyword === 'x-pii' ? 'x-pii: true' : `${suggestion.keyword} ${String(suggestion.value)}`;
  return `${suggestion.applied ? 'applied ' : 'proposed'} ${suggestion.field ?? 'contract'}: ${what} — ${suggestion.reason}`;
}

/**
 * The imported contract as YAML, with the suggestions and the decisions left to the author as comments
 * on top, ready to be saved, edited and linted.
 *
 * @example
 * ```ts
 * import { renderImportYaml, tableToContract } from '@tukar/contracts';
 *
 * const result = tableToContract({
 *   name: 'sekolah', dialect: 'postgresql', primaryKey: ['npsn'], uniqueKeys: [], otherChecks: [],
 *   columns: [{ name: 'npsn', dataType: 'CHAR', length: 8, nullable: false, rules: [] }],
 * });
 * console.log(renderImportYaml(result));
 * ```
 */
export function renderImportYaml(result: ImportResult): string {
  const lines: string[] = [];
  if (result.decisions.length > 0) {
    lines.push('# Still to decide (tukar contract init):');
    for (const d of result.decisions) lines.push(`#   - ${d.field ? `${d.field}: ` : ''}${d.message}`);
  }
  if (result.suggestions.length > 0) {
    lines.push('# Suggestions:');
    for (const s of result.suggestions) lines.push(`#   - ${formatSuggestion(s)}`);
  }
  const body = stringify(result.contract, { lineWidth: 0 });
  return lines.length > 0 ? `${lines.join('\n')}\n${body}` : body;
}
