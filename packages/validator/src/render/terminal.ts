import type { ValidationReport } from '../report';
import { CHECK_LABELS, formatCount, formatDuration, issuePlace, ruleLabel, sourceLabel } from './labels';

/**
 * Options of {@link renderTerminal}.
 *
 * @example
 * ```ts
 * import { renderTerminal, type TerminalOptions, validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 * const options: TerminalOptions = { color: process.stdout.isTTY, maxIssues: 25, maxRules: 5 };
 * process.stdout.write(renderTerminal(report, options));
 * ```
 */
export interface TerminalOptions {
  /** ANSI colours (default false: decide with the stream, e.g. `useColor` of `@tukar/cli`). */
  color?: boolean;
  /** Issues listed after the rules (default 10). */
  maxIssues?: number;
  /** Rules listed (default 10). */
  maxRules?: number;
}

const ansi = (enabled: boolean) => {
  const wrap = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    bold: wrap(1, 22),
    dim: wrap(2, 22),
  };
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: measuring text without its ANSI codes
const ANSI_CODES = /\u001b\[\d+m/g;
const visible = (text: string) => text.replace(ANSI_CODES, '').length;
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - visible(text)));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - visible(text))) + text;

function table(rows: string[][], rightAligned: ReadonlySet<number> = new Set()): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => visible(row[column] ?? ''))));
  return rows
    .map((row) =>
      `  ${row.map((cell, column) => (rightAligned.has(column) ? padStart(cell, widths[column]!) : pad(cell, widths[column]!))).join('  ')}`.trimEnd(),
    )
    .join('\n');
}

/**
 * The report as a terminal summary: verdict, counts, a table of checks, the most frequent rules, the
 * first issues, HTTP timings and notes. Colours only when asked.
 *
 * @example
 * ```ts
 * process.stdout.write(renderTerminal(report, { color: process.stdout.isTTY }));
 * ```
 */
export function renderTerminal(report: ValidationReport, options: TerminalOptions = {}): string {
  const c = ansi(options.color ?? false);
  const maxIssues = options.maxIssues ?? 10;
  const maxRules = options.maxRules ?? 10;
  const lines: string[] = [];
  const contract = report.contract;
  lines.push(`${c.bold(`${contract.id} ${contract.version}`)} — ${contract.title} (${contract.opd})`);
  lines.push(c.dim(`${sourceLabel(report.source.kind).en}: ${report.source.location}`));
  lines.push('');
  const counts = report.counts;
  const verdict = report.verdict === 'valid' ? c.green('✔ VALID') : c.red('✖ INVALID');
  const incomplete = report.complete ? '' : ` ${c.yellow('(incomplete)')}`;
  lines.push(
    `${c.bold(verdict)}${incomplete}  ${formatCount(counts.records)} records: ${formatCount(counts.valid)} valid, ` +
      `${formatCount(counts.invalid)} invalid · ${formatCount(counts.issues)} issues · ${formatDuration(report.durationMs)}`,
  );
  lines.push('');
  const checkRows = [['Check', 'Result', 'Issues']];
  for (const check of report.checks) {
    const result =
      check.status === 'passed'
        ? c.green('passed')
        : check.status === 'failed'
          ? c.red('failed')
          : c.dim('n/a');
    checkRows.push([CHECK_LABELS[check.id].en, result, formatCount(check.issues)]);
  }
  lines.push(table(checkRows, new Set([2])));
  if (report.rules.length > 0) {
    lines.push('', c.bold('Issues by rule:'));
    const ruleRows = [['Count', 'Rule', 'Field', 'Example']];
    for (const rule of report.rules.slice(0, maxRules)) {
      const example = rule.examples[0];
      ruleRows.push([
        formatCount(rule.count),
        `${rule.code} (${ruleLabel(rule.code).en})`,
        rule.path || '—',
        example ? issuePlace(example) || '—' : '—',
      ]);
    }
    lines.push(table(ruleRows, new Set([0])));
    if (report.rules.length > maxRules)
      lines.push(c.dim(`  … and ${report.rules.length - maxRules} more rules`));
  }
  if (report.issues.length > 0) {
    lines.push('', c.bold(`First issues${report.detailsPartial ? ' (details are partial)' : ''}:`));
    for (const issue of report.issues.slice(0, maxIssues)) {
      const place = issuePlace(issue);
      lines.push(
        `  ${c.yellow(issue.code)}${issue.path ? ` ${issue.path}` : ''}${place ? c.dim(` [${place}]`) : ''}`,
      );
      lines.push(`    ${issue.message}`);
    }
    const more = counts.issues - Math.min(maxIssues, report.issues.length);
    if (more > 0) lines.push(c.dim(`  … and ${formatCount(more)} more issues (see the JSON or HTML report)`));
  }
  if (report.http) {
    const h = report.http;
    lines.push(
      '',
      `HTTP: ${formatCount(h.requests)} requests (${formatCount(h.retries)} retries, ${formatCount(h.errors)} failed), ` +
        `${formatCount(h.pages)} pages, p50 ${Math.round(h.p50Ms)} ms, p95 ${Math.round(h.p95Ms)} ms, ` +
        `max ${Math.round(h.maxMs)} ms (budget ${formatCount(h.latencyBudgetMs)} ms)`,
    );
  }
  for (const note of report.notes) lines.push('', c.yellow(`note: ${note.en}`));
  return `${lines.join('\n')}\n`;
}
