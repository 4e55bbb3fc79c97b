// biome-ignore-all assist/source/organizeImports: the exports are grouped by concept
/**
 * `@tukar/contracts/markup` — the one HTML/XML escaper and the one JUnit XML writer of Tukar, shared by
 * the validator's reports, the Pact verification results, the hub's dashboard and the CLI. Internal:
 * for the `@tukar/*` packages; not part of the contract API.
 *
 * @example
 * ```ts
 * import { escapeHtml, renderJunitXml } from '@tukar/contracts/markup';
 *
 * const cell = `<td>${escapeHtml('Puskesmas <Cisaga> & "Pustu"')}</td>`;
 * const xml = renderJunitXml({ name: 'tukar validate', tests: 0, failures: 0, suites: [] });
 * ```
 * @packageDocumentation
 */

export { escapeHtml, escapeXml } from './markup/escape';
export { renderJunitXml } from './markup/junit';
export type { JunitCase, JunitReport, JunitSuite } from './markup/junit';
