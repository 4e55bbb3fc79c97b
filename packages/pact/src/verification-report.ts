import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type JunitCase, type JunitSuite, renderJunitXml } from '@tukar/contracts/markup';
import { maskVerificationTexts, type PiiContract } from './mask-verification';
import type { LoadedPact } from './pact-files';
import { pactInteractions } from './pact-files';
import type { CoreMismatchGroup, CoreVerifierJson, CoreVerifierRun } from './run-core-verifier';

/**
 * One reason an interaction failed.
 *
 * @example
 * ```ts
 * import { type VerificationMismatch, verifyHub } from '@tukar/pact';
 *
 * const describe = (m: VerificationMismatch): string =>
 *   m.kind === 'state'
 *     ? `the hub could not be prepared: ${m.message}`
 *     : `${m.path ?? m.kind}: expected ${m.expected ?? '?'}, got ${m.actual ?? '?'} (${m.message})`;
 * const report = await verifyHub({ hubUrl: 'http://127.0.0.1:8080', adminKey: process.env.TUKAR_ADMIN_KEY!, pacts: ['pacts'] });
 * for (const i of report.interactions) i.mismatches.forEach((m) => console.error(describe(m)));
 * ```
 */
export interface VerificationMismatch {
  /** `body`, `status`, `header`, `query`, `path`, `method`, `state` (provider state setup) or `error`. */
  kind: string;
  /** JSON path of the field (`$.items[0].record.kode_puskesmas`), or the header/query name; absent for whole-response problems. */
  path?: string;
  /** What is wrong, in the verifier's words. */
  message: string;
  expected?: string;
  actual?: string;
}

/**
 * The outcome of one interaction.
 *
 * @example
 * ```ts
 * import { type InteractionVerification, verifyHub } from '@tukar/pact';
 *
 * const report = await verifyHub({ hubUrl: 'http://127.0.0.1:8080', adminKey: process.env.TUKAR_ADMIN_KEY!, pacts: ['pacts'] });
 * const blocking: InteractionVerification[] = report.interactions.filter((i) => !i.ok && !i.pending);
 * for (const i of blocking) {
 *   console.error(`${i.consumer}: "${i.description}" given ${i.states.join(' and ')}: ${i.mismatches.length} mismatch(es)`);
 * }
 * ```
 */
export interface InteractionVerification {
  consumer: string;
  provider: string;
  description: string;
  /** Provider states, as `name` or `name {params}`. */
  states: string[];
  ok: boolean;
  /** `true` for a pending pact (its failure does not fail the run). */
  pending: boolean;
  durationMs: number | undefined;
  mismatches: VerificationMismatch[];
}

/**
 * What a verification found, for people (`summary`), CI (JUnit) and the integration record (JSON).
 * Values of the contracts' `x-pii` fields that the verifier quotes (a mismatch's value, a provider
 * state's records or key) are masked throughout, as `3207**********01`.
 *
 * @example
 * ```ts
 * import { type VerificationReport, verifyProvider } from '@tukar/pact';
 *
 * const report: VerificationReport = await verifyProvider({
 *   contract: 'contracts/dinkes.puskesmas.yaml',
 *   providerBaseUrl: 'http://127.0.0.1:8090',
 * });
 * if (report.failure) console.error(`the verifier could not run: ${report.failure}\n${report.output}`);
 * else console.log(report.summary, report.files.junit);
 * process.exitCode = report.ok ? 0 : 1;
 * ```
 */
export interface VerificationReport {
  /** `true` when every (non-pending) interaction was verified. */
  ok: boolean;
  provider: string;
  /** The provider's base URL that was verified. */
  providerUrl: string;
  /** Pact files or broker URL the pacts came from. */
  sources: string[];
  startedAt: string;
  durationMs: number;
  interactions: InteractionVerification[];
  /** Set when the verifier could not run at all (no interaction results then). */
  failure?: string;
  /** Problems the verifier logged besides the interactions, e.g. results it could not publish to the broker. */
  warnings: string[];
  /** A readable summary: one line per failed interaction with its fields. */
  summary: string;
  /** The verifier's own printed output, without colours. */
  output: string;
  /** Result files written (absent when writing was turned off). */
  files: { json?: string; junit?: string };
}

/** A provider state that could not be set up, and why. */
export interface StateError {
  state: string;
  message: string;
}

const INTERACTION_LINE = /^Verifying a pact between (.+?) and (.+?)(?: Given (.+?))? - (.+)$/s;

function durationOf(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const match = /^([\d.]+)\s*(ms|s|µs|us|ns)?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2] ?? 'ms';
  return unit === 's' ? value * 1000 : unit === 'ms' ? value : value / 1000;
}

function show(value: unknown): string | undefined {
  if (value === undefined || value === null) return value === null ? 'null' : undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function kindOf(type: string | undefined): string {
  const lower = (type ?? '').toLowerCase();
  for (const kind of ['body', 'status', 'header', 'query', 'path', 'method']) {
    if (lower.startsWith(kind)) return kind;
  }
  return lower.includes('state') ? 'state' : 'error';
}

function mismatchesOf(group: CoreMismatchGroup | undefined): VerificationMismatch[] {
  if (!group) return [{ kind: 'error', message: 'failed without details' }];
  if (Array.isArray(group.mismatches) && group.mismatches.length > 0) {
    return group.mismatches.map((m) => {
      const mismatch: VerificationMismatch = { kind: kindOf(m.type), message: m.mismatch ?? String(m.type) };
      if (m.path) mismatch.path = m.path;
      const expected = show(m.expected);
      const actual = show(m.actual);
      if (expected !== undefined) mismatch.expected = expected;
      if (actual !== undefined) mismatch.actual = actual;
      return mismatch;
    });
  }
  const message = group.message ?? 'failed';
  return [{ kind: /state change/i.test(message) ? 'state' : 'error', message }];
}

/**
 * Turns the Pact core's result into a {@link VerificationReport}, with consumer and states taken from
 * the pact files when they are known.
 */
export function buildReport(input: {
  run: CoreVerifierRun;
  provider: string;
  providerUrl: string;
  sources: string[];
  pacts: LoadedPact[];
  startedAt: Date;
  /** Reasons of failed provider states, in the order they failed. */
  stateErrors?: StateError[];
  /** Contracts whose `x-pii` values are masked wherever the verifier quotes them. */
  contracts?: readonly PiiContract[];
}): VerificationReport {
  const { run, provider, pacts } = input;
  const json: CoreVerifierJson = run.json ?? { result: false };
  const known = new Map<string, { consumer: string; states: string[] }>();
  for (const pact of pacts) {
    for (const interaction of pactInteractions(pact.document)) {
      known.set(interaction.description, {
        consumer: pact.document.consumer.name,
        states: interaction.states.map((s) =>
          Object.keys(s.params).length > 0 ? `${s.name} ${JSON.stringify(s.params)}` : s.name,
        ),
      });
    }
  }
  const failures = new Map<
    string,
    { consumer: string; states: string[]; group: CoreMismatchGroup | undefined; pending: boolean }
  >();
  const collect = (list: CoreVerifierJson['errors'], pending: boolean) => {
    for (const error of list ?? []) {
      const match = INTERACTION_LINE.exec(error.interaction ?? '');
      const description = match?.[4] ?? error.interaction ?? '(unknown interaction)';
      failures.set(description, {
        consumer: match?.[1] ?? known.get(description)?.consumer ?? '(unknown consumer)',
        states: known.get(description)?.states ?? (match?.[3] ? match[3].split(/ And /) : []),
        group: error.mismatch,
        pending,
      });
    }
  };
  collect(json.errors, false);
  collect(json.pendingErrors, true);

  const interactions: InteractionVerification[] = [];
  const seen = new Set<string>();
  for (const result of json.interactionResults ?? []) {
    const description = result.description ?? '(unknown interaction)';
    seen.add(description);
    const failure = failures.get(description);
    const ok = failure === undefined && (result.result === undefined || /^ok$/i.test(result.result));
    interactions.push({
      consumer: failure?.consumer ?? known.get(description)?.consumer ?? '(unknown consumer)',
      provider,
      description,
      states: failure?.states ?? known.get(description)?.states ?? [],
      ok,
      pending: failure?.pending ?? result.pending === true,
      durationMs: durationOf(result.duration),
      mismatches: ok ? [] : mismatchesOf(failure?.group),
    });
  }
  for (const [description, failure] of failures) {
    if (seen.has(description)) continue;
    interactions.push({
      consumer: failure.consumer,
      provider,
      description,
      states: failure.states,
      ok: false,
      pending: failure.pending,
      durationMs: undefined,
      mismatches: mismatchesOf(failure.group),
    });
  }
  attachStateErrors(interactions, [...(input.stateErrors ?? [])]);
  const blocking = interactions.filter((i) => !i.ok && !i.pending);
  const ok =
    run.json !== undefined &&
    run.failure === undefined &&
    blocking.length === 0 &&
    (json.result || interactions.length > 0);
  const texts: Parameters<typeof maskVerificationTexts>[0] = {
    interactions,
    output: run.output,
    warnings: warningsOf(run.output),
  };
  if (run.failure !== undefined) texts.failure = run.failure;
  const masked = maskVerificationTexts(texts, input.contracts ?? []);
  const report: VerificationReport = {
    ok,
    provider,
    providerUrl: input.providerUrl,
    sources: input.sources,
    startedAt: input.startedAt.toISOString(),
    durationMs: Date.now() - input.startedAt.getTime(),
    interactions: masked.interactions,
    summary: '',
    output: masked.output,
    files: {},
    warnings: masked.warnings,
  };
  if (masked.failure !== undefined) report.failure = masked.failure;
  report.summary = summarize(report);
  return report;
}

/** ERROR lines of the Pact core that no interaction result carries (state failures are in the interactions). */
function warningsOf(output: string): string[] {
  const warnings: string[] = [];
  for (const line of output.split('\n')) {
    const match = /\bERROR\b.*?\bpact_verifier(?:::[\w:]+)?: (.+)$/.exec(line);
    if (match?.[1] && !/state change/i.test(match[1])) warnings.push(match[1].trim());
  }
  return [...new Set(warnings)];
}

/** Puts the reason of each failed provider state in place of the verifier's "state change failed". */
function attachStateErrors(interactions: InteractionVerification[], errors: StateError[]): void {
  for (const interaction of interactions) {
    if (!interaction.mismatches.some((m) => m.kind === 'state')) continue;
    const reasons: VerificationMismatch[] = [];
    for (const state of interaction.states) {
      const index = errors.findIndex(
        (error) => state === error.state || state.startsWith(`${error.state} {`),
      );
      if (index === -1) continue;
      reasons.push({ kind: 'state', message: errors[index]!.message });
      errors.splice(index, 1);
    }
    if (reasons.length > 0) interaction.mismatches = reasons;
  }
}

/**
 * The readable summary of a report: a headline, then each failed interaction with its consumer, states
 * and every field that did not match.
 *
 * @example
 * ```ts
 * import { summarize, verifyHub } from '@tukar/pact';
 *
 * const report = await verifyHub({ hubUrl: 'http://127.0.0.1:8080', adminKey: process.env.TUKAR_ADMIN_KEY!, pacts: ['pacts'] });
 * // A summary of the pending interactions only, for a separate notice to their consumers:
 * const pending = { ...report, interactions: report.interactions.filter((i) => i.pending) };
 * console.log(summarize(pending));
 * // ✖ tukar-hub at http://127.0.0.1:8080: 1 of 1 interaction failed
 * //   ✖ ciamis-dinkes-simpus: "a batch of dinkes.puskesmas records to upsert" (given dataset exists …) [pending: does not fail the run]
 * //       $.created: Expected 'created' …
 * ```
 */
export function summarize(report: Omit<VerificationReport, 'summary'>): string {
  const lines: string[] = [];
  const total = report.interactions.length;
  const failed = report.interactions.filter((i) => !i.ok);
  if (report.failure !== undefined) {
    lines.push(
      `✖ ${report.provider} at ${report.providerUrl}: the verification could not run: ${report.failure}`,
    );
  } else if (failed.length === 0) {
    lines.push(
      `✔ ${report.provider} at ${report.providerUrl}: ${total} interaction${total === 1 ? '' : 's'} verified`,
    );
  } else {
    lines.push(
      `✖ ${report.provider} at ${report.providerUrl}: ${failed.length} of ${total} interaction${total === 1 ? '' : 's'} failed`,
    );
  }
  for (const warning of report.warnings) lines.push(`  ! ${warning}`);
  for (const interaction of failed) {
    const given = interaction.states.length > 0 ? ` (given ${interaction.states.join(' and ')})` : '';
    const pending = interaction.pending ? ' [pending: does not fail the run]' : '';
    lines.push(`  ✖ ${interaction.consumer}: "${interaction.description}"${given}${pending}`);
    for (const mismatch of interaction.mismatches) {
      const where = mismatch.path ? `${mismatch.path}: ` : '';
      lines.push(`      ${where}${mismatch.message}`);
    }
  }
  return lines.join('\n');
}

/**
 * The report as JUnit XML: one test suite per consumer, one test case per interaction.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { toJUnit, verifyHub } from '@tukar/pact';
 *
 * const report = await verifyHub({ hubUrl: 'http://127.0.0.1:8080', adminKey: process.env.TUKAR_ADMIN_KEY!, resultsDir: false });
 * await writeFile('reports/junit/tukar-hub.xml', toJUnit(report));
 * ```
 */
export function toJUnit(report: VerificationReport): string {
  const byConsumer = new Map<string, InteractionVerification[]>();
  for (const interaction of report.interactions) {
    byConsumer.set(interaction.consumer, [...(byConsumer.get(interaction.consumer) ?? []), interaction]);
  }
  const suites: JunitSuite[] = [];
  if (report.failure) {
    suites.push({
      name: report.provider,
      tests: 1,
      failures: 1,
      cases: [
        {
          classname: report.provider,
          name: 'verification',
          failure: { message: report.failure, body: report.failure },
        },
      ],
    });
  }
  for (const [consumer, list] of byConsumer) {
    suites.push({
      name: `${consumer} → ${report.provider}`,
      tests: list.length,
      failures: list.filter((i) => !i.ok && !i.pending).length,
      skipped: list.filter((i) => !i.ok && i.pending).length,
      cases: list.map((interaction): JunitCase => {
        const name =
          interaction.states.length > 0
            ? `${interaction.description} (given ${interaction.states.join(' and ')})`
            : interaction.description;
        const test: JunitCase = {
          classname: `${consumer}.${report.provider}`,
          name,
          time: interaction.durationMs ?? 0,
        };
        if (interaction.ok) return test;
        const first = interaction.mismatches[0];
        const message = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'failed';
        if (interaction.pending) return { ...test, skipped: { message: `pending: ${message}` } };
        const body = interaction.mismatches
          .map((m) => `${m.path ? `${m.path}: ` : ''}${m.message}`)
          .join('\n');
        return { ...test, failure: { message, body } };
      }),
    });
  }
  return renderJunitXml({
    name: `pact verification of ${report.provider}`,
    tests: report.interactions.length + (report.failure ? 1 : 0),
    failures: report.interactions.filter((i) => !i.ok && !i.pending).length + (report.failure ? 1 : 0),
    time: report.durationMs,
    suites,
    invalidCharacter: '',
  });
}

/**
 * Writes `<name>.verification.json` (the report without the verifier's raw output) and
 * `<name>.junit.xml` into `dir`; returns the paths.
 *
 * @example
 * ```ts
 * import { verifyProvider, writeVerificationResults } from '@tukar/pact';
 *
 * const report = await verifyProvider({
 *   contract: 'contracts/dinkes.puskesmas.yaml',
 *   providerBaseUrl: 'http://127.0.0.1:8090',
 *   resultsDir: false,
 * });
 * const files = await writeVerificationResults(report, 'reports/pact', 'ciamis-dinkes-simpus');
 * ```
 */
export async function writeVerificationResults(
  report: VerificationReport,
  dir: string,
  name: string,
): Promise<{ json: string; junit: string }> {
  const folder = resolve(dir);
  await mkdir(folder, { recursive: true });
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_');
  const json = join(folder, `${safe}.verification.json`);
  const junit = join(folder, `${safe}.junit.xml`);
  const files = { json, junit };
  const { output: _output, ...rest } = report;
  await writeFile(json, `${JSON.stringify({ ...rest, files }, null, 2)}\n`);
  await writeFile(junit, toJUnit(report));
  return files;
}
