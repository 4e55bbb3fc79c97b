import { checkOfCode } from '../checks';
import type { ValidationReport } from '../report';
import { CHECK_LABELS, issuePlace } from './labels';

/**
 * Options of {@link renderJunit}.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { type JunitOptions, renderJunit, validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 * const options: JunitOptions = { maxIssuesPerCheck: 20 };
 * await writeFile('reports/validate-puskesmas.xml', renderJunit(report, options));
 * ```
 */
export interface JunitOptions {
  /** Issues listed in each failed testcase (default 50). */
  maxIssuesPerCheck?: number;
}

// Characters XML 1.0 does not allow at all, even escaped.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe in XML content and attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * The report as JUnit XML: one testsuite for the run and one testcase per check (schema, reference codes,
 * primary key, and for endpoints HTTP status, content type, latency, envelope), so CI lists each check;
 * a failed check lists its first issues, a check that does not apply is `skipped`.
 *
 * @example
 * ```ts
 * await writeFile('reports/validate.xml', renderJunit(report));
 * ```
 */
export function renderJunit(report: ValidationReport, options: JunitOptions = {}): string {
  const max = options.maxIssuesPerCheck ?? 50;
  const c = report.contract;
  const failures = report.checks.filter((check) => check.status === 'failed').length;
  const skipped = report.checks.filter((check) => check.status === 'not-applicable').length;
  const tests = report.checks.length;
  const suite = `${c.id}@${c.version} ${report.source.kind} ${report.source.location}`;
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tukar validate" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(report.durationMs)}">`,
    `  <testsuite name="${escapeXml(suite)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(report.durationMs)}" timestamp="${escapeXml(report.startedAt)}">`,
    '    <properties>',
  ];
  const properties: Array<[string, string]> = [
    ['contract', c.id],
    ['contract.version', c.version],
    ['opd', c.opd],
    ['source.kind', report.source.kind],
    ['source.location', report.source.location],
    ['verdict', report.verdict],
    ['complete', String(report.complete)],
    ['records', String(report.counts.records)],
    ['valid', String(report.counts.valid)],
    ['invalid', String(report.counts.invalid)],
    ['issues', String(report.counts.issues)],
  ];
  for (const [name, value] of properties) {
    lines.push(`      <property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`);
  }
  lines.push('    </properties>');
  const classname = `tukar.validate.${c.id}`;
  for (const check of report.checks) {
    const label = CHECK_LABELS[check.id];
    const name = `${check.id}: ${label.asks}`;
    const open = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(name)}" time="0"`;
    if (check.status === 'passed') {
      lines.push(`${open}/>`);
      continue;
    }
    if (check.status === 'not-applicable') {
      lines.push(
        `${open}>`,
        `      <skipped message="${escapeXml(check.note ?? 'not applicable')}"/>`,
        '    </testcase>',
      );
      continue;
    }
    const issues = report.issues.filter((issue) => checkOfCode(issue.code) === check.id);
    const listed = issues.slice(0, max).map((issue) => {
      const place = issuePlace(issue);
      return `${issue.code}${issue.path ? ` ${issue.path}` : ''}${place ? ` [${place}]` : ''}: ${issue.message}`;
    });
    const unlisted = check.issues - listed.length;
    if (unlisted > 0) listed.push(`… and ${unlisted} more`);
    const message = `${check.issues} issue${check.issues === 1 ? '' : 's'}: ${label.asks} fails`;
    lines.push(
      `${open}>`,
      `      <failure type="${escapeXml(check.id)}" message="${escapeXml(message)}">${escapeXml(listed.join('\n'))}</failure>`,
      '    </testcase>',
    );
  }
  const notes = report.notes.map((note) => note.en);
  if (notes.length > 0) lines.push(`    <system-out>${escapeXml(notes.join('\n'))}</system-out>`);
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
