import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  type Config,
  getLineColLocation,
  lint,
  lintFromString,
  loadConfig,
  type NormalizedProblem,
} from '@redocly/openapi-core';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const documentPath = `${packageDir}openapi.yaml`;

/** One line per problem: severity, rule, message and where (file:line:col and JSON pointer). */
function formatProblems(problems: NormalizedProblem[]): string {
  return problems
    .map((problem) => {
      const where = problem.location
        .map((loc) => {
          const { start } = getLineColLocation(loc);
          const pos = start ? `:${start.line}:${start.col}` : '';
          return `${loc.source.absoluteRef.replace(packageDir, '')}${pos} ${loc.pointer ?? ''}`;
        })
        .join(', ');
      return `${problem.severity} [${problem.ruleId}] ${problem.message}\n    at ${where}`;
    })
    .join('\n');
}

describe('openapi.yaml passes the Redocly linter (redocly.yaml: recommended + stricter rules)', () => {
  let config: Config;
  beforeAll(async () => {
    config = await loadConfig({ configPath: `${packageDir}redocly.yaml` });
  });

  it('has zero errors and zero warnings', async () => {
    const problems = await lint({ ref: documentPath, config });
    expect(problems, `\n${formatProblems(problems)}\n`).toHaveLength(0);
  });

  it('would report an example that breaks its schema and a 4xx that is not a problem document', async () => {
    // Guard against a linter that silently checks nothing: break a copy and expect the rules to fire.
    const source = (await readFile(documentPath, 'utf8'))
      .replace(
        'value: { status: ok, version: 0.1.0, store: sqlite',
        'value: { status: fine, version: 0.1.0, store: sqlite',
      )
      .replace(
        'application/problem+json:\n          schema: { $ref: "#/components/schemas/Problem" }',
        'application/json:\n          schema: { type: string }',
      );
    const problems = await lintFromString({ source, absoluteRef: documentPath, config });
    const rules = new Set(problems.map((p) => p.ruleId));
    expect(rules, formatProblems(problems)).toContain('no-invalid-media-type-examples');
    expect(rules, formatProblems(problems)).toContain('operation-4xx-problem-details-rfc7807');
    expect(formatProblems(problems)).toMatch(
      /openapi\.yaml:\d+:\d+ #\/components\/examples\/HealthOk\/value\/status/,
    );
  });
});
