import { type JunitCase, renderJunitXml } from '@tukar/contracts/markup';
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
  const classname = `tukar.validate.${c.id}`;
  const cases = report.checks.map((check): JunitCase => {
    const label = CHECK_LABELS[check.id];
    const test: JunitCase = { classname, name: `${check.id}: ${label.asks}` };
    if (check.status === 'passed') return test;
    if (check.status === 'not-applicable')
      return { ...test, skipped: { message: check.note ?? 'not applicable' } };
    const issues = report.issues.filter((issue) => checkOfCode(issue.code) === check.id);
    const listed = issues.slice(0, max).map((issue) => {
      const place = issuePlace(issue);
      return `${issue.code}${issue.path ? ` ${issue.path}` : ''}${place ? ` [${place}]` : ''}: ${issue.message}`;
    });
    const unlisted = check.issues - listed.length;
    if (unlisted > 0) listed.push(`… and ${unlisted} more`);
    const message = `${check.issues} issue${check.issues === 1 ? '' : 's'}: ${label.asks} fails`;
    return { ...test, failure: { type: check.id, message, body: listed.join('\n') } };
  });
  const notes = report.notes.map((note) => note.en);
  return renderJunitXml({
    name: 'tukar validate',
    tests,
    failures,
    errors: 0,
    skipped,
    time: report.durationMs,
    suites: [
      {
        name: `${c.id}@${c.version} ${report.source.kind} ${report.source.location}`,
        tests,
        failures,
        errors: 0,
        skipped,
        time: report.durationMs,
        timestamp: report.startedAt,
        properties: [
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
        ],
        cases,
        ...(notes.length > 0 ? { systemOut: notes.join('\n') } : {}),
      },
    ],
  });
}
