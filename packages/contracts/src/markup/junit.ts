import { escapeXml } from './escape';

/**
 * One test case of a JUnit report; `time` in milliseconds (absent: `time="0"`).
 *
 * @example
 * ```ts
 * import type { JunitCase } from '@tukar/contracts/markup';
 *
 * const failed: JunitCase = {
 *   classname: 'tukar.validate.dinkes.puskesmas',
 *   name: 'schema: do the records match the schema?',
 *   failure: { type: 'schema', message: '2 issues', body: 'type /jumlah: must be integer' },
 * };
 * ```
 */
export interface JunitCase {
  classname: string;
  name: string;
  time?: number;
  failure?: { type?: string; message: string; body?: string };
  skipped?: { message: string };
}

/**
 * One test suite; counts are given by the caller and written when present, times in milliseconds.
 *
 * @example
 * ```ts
 * import type { JunitSuite } from '@tukar/contracts/markup';
 *
 * const suite: JunitSuite = { name: 'simpus → tukar-hub', tests: 1, failures: 0, skipped: 0, cases: [{ classname: 'simpus.tukar-hub', name: 'a push', time: 12 }] };
 * ```
 */
export interface JunitSuite {
  name: string;
  tests: number;
  failures: number;
  errors?: number;
  skipped?: number;
  time?: number;
  timestamp?: string;
  properties?: Array<[string, string]>;
  cases: JunitCase[];
  systemOut?: string;
}

/**
 * A JUnit XML document: `<testsuites>` with its suites.
 *
 * @example
 * ```ts
 * import type { JunitReport } from '@tukar/contracts/markup';
 *
 * const report: JunitReport = { name: 'tukar validate', tests: 0, failures: 0, suites: [] };
 * ```
 */
export interface JunitReport {
  name: string;
  tests: number;
  failures: number;
  errors?: number;
  skipped?: number;
  time?: number;
  suites: JunitSuite[];
  /** Characters XML cannot carry become this (default U+FFFD; `''` drops them). */
  invalidCharacter?: string;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function attributes(
  pairs: Array<[string, string | number | undefined]>,
  x: (text: string) => string,
): string {
  return pairs
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === 'number' ? value : x(value)}"`)
    .join('');
}

/**
 * Writes JUnit XML that CI parsers accept (GitLab, Jenkins, GitHub test reporters): every text escaped,
 * characters XML cannot carry replaced, one line per element.
 *
 * @example
 * ```ts
 * import { renderJunitXml } from '@tukar/contracts/markup';
 *
 * const xml = renderJunitXml({
 *   name: 'tukar validate',
 *   tests: 1,
 *   failures: 1,
 *   suites: [{ name: 'dinkes.puskesmas@1.0.0', tests: 1, failures: 1, cases: [
 *     { classname: 'tukar.validate', name: 'schema', failure: { message: '1 issue', body: '/nama: too long' } },
 *   ] }],
 * });
 * ```
 */
export function renderJunitXml(report: JunitReport): string {
  const x = (text: string) => escapeXml(text, report.invalidCharacter);
  const time = (ms: number | undefined) => (ms === undefined ? undefined : seconds(ms));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes(
      [
        ['name', report.name],
        ['tests', report.tests],
        ['failures', report.failures],
        ['errors', report.errors],
        ['skipped', report.skipped],
        ['time', time(report.time)],
      ],
      x,
    )}>`,
  ];
  for (const suite of report.suites) {
    lines.push(
      `  <testsuite${attributes(
        [
          ['name', suite.name],
          ['tests', suite.tests],
          ['failures', suite.failures],
          ['errors', suite.errors],
          ['skipped', suite.skipped],
          ['time', time(suite.time)],
          ['timestamp', suite.timestamp],
        ],
        x,
      )}>`,
    );
    if (suite.properties) {
      lines.push('    <properties>');
      for (const [name, value] of suite.properties) {
        lines.push(`      <property name="${x(name)}" value="${x(value)}"/>`);
      }
      lines.push('    </properties>');
    }
    for (const test of suite.cases) {
      const open = `    <testcase classname="${x(test.classname)}" name="${x(test.name)}" time="${
        test.time === undefined ? '0' : seconds(test.time)
      }"`;
      if (test.failure) {
        const type = test.failure.type === undefined ? '' : ` type="${x(test.failure.type)}"`;
        lines.push(
          `${open}>`,
          `      <failure${type} message="${x(test.failure.message)}">${x(test.failure.body ?? '')}</failure>`,
          '    </testcase>',
        );
      } else if (test.skipped) {
        lines.push(`${open}>`, `      <skipped message="${x(test.skipped.message)}"/>`, '    </testcase>');
      } else {
        lines.push(`${open}/>`);
      }
    }
    if (suite.systemOut !== undefined) lines.push(`    <system-out>${x(suite.systemOut)}</system-out>`);
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
