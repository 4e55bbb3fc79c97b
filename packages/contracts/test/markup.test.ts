// The one HTML/XML escaper and JUnit writer that the validator, Pact results and the hub share.
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeXml, renderJunitXml } from '../src/markup'; // @tukar/contracts/markup

describe('@tukar/contracts/markup', () => {
  it('escapes markup and replaces (or drops) what XML cannot carry', () => {
    expect(escapeXml('a\u0007b & <c> "d"')).toBe('a\uFFFDb &amp; &lt;c&gt; &quot;d&quot;');
    expect(escapeXml('bell\u0007 \uD800x', '')).toBe('bell x');
    expect(escapeHtml(`<img src=x onerror='alert(1)'>`)).toBe('&lt;img src=x onerror=&#39;alert(1)&#39;&gt;');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });

  it('writes JUnit with the counts given, each case passed, failed or skipped, and every text escaped', () => {
    const xml = renderJunitXml({
      name: 'suite & co',
      tests: 3,
      failures: 1,
      errors: 0,
      skipped: 1,
      time: 1234,
      suites: [
        {
          name: 'dinkes.puskesmas@1.0.0',
          tests: 3,
          failures: 1,
          skipped: 1,
          timestamp: '2026-12-07T00:00:00Z',
          properties: [['verdict', 'invalid']],
          cases: [
            { classname: 'c', name: 'passes', time: 5 },
            {
              classname: 'c',
              name: 'fails <here>',
              failure: { type: 'schema', message: 'm "1"', body: 'a\nb' },
            },
            { classname: 'c', name: 'skipped', skipped: { message: 'not applicable' } },
          ],
          systemOut: 'note',
        },
      ],
    });
    expect(xml.split('\n')).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="suite &amp; co" tests="3" failures="1" errors="0" skipped="1" time="1.234">',
      '  <testsuite name="dinkes.puskesmas@1.0.0" tests="3" failures="1" skipped="1" timestamp="2026-12-07T00:00:00Z">',
      '    <properties>',
      '      <property name="verdict" value="invalid"/>',
      '    </properties>',
      '    <testcase classname="c" name="passes" time="0.005"/>',
      '    <testcase classname="c" name="fails &lt;here&gt;" time="0">',
      '      <failure type="schema" message="m &quot;1&quot;">a',
      'b</failure>',
      '    </testcase>',
      '    <testcase classname="c" name="skipped" time="0">',
      '      <skipped message="not applicable"/>',
      '    </testcase>',
      '    <system-out>note</system-out>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ]);
  });
});
