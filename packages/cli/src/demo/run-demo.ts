// `tukar demo`: one kabupaten's SOP Integrasi dan Pertukaran Data (a procedure preset), end to end,
// with the real parts of Tukar: an embedded hub (SQLite in a temporary directory, on a free loopback
// port), the typed client, Pact, the validator against an OPD endpoint, the dashboard and the reports.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadPreset, type ProcedurePresetName } from '@tukar/contracts/procedure';
import { openSqliteStore, serveHub } from '@tukar/hub/node';
import type { Colors } from '../color';
import type { CliStream } from '../io';
import { createDemoOutput, seconds } from './output';
import { PUSKESMAS_CONTRACT_FILE, PUSKESMAS_CONTRACT_YAML } from './puskesmas-contract';
import { runSteps } from './steps';

/** How {@link runDemo} runs. */
export interface RunDemoOptions {
  /** Where the reports go (absolute). */
  outDir: string;
  /** Puskesmas records SIMPUS pushes and serves. */
  recordCount: number;
  /** The kabupaten whose SOP the demo walks (a procedure preset; default `ciamis`). */
  sop?: ProcedurePresetName;
  /** Working directory, for showing paths relative to it. */
  cwd: string;
  stdout: CliStream;
  stderr: CliStream;
  colors: { stdout: Colors; stderr: Colors };
  /** Resolves when the hub may stop; only called when the demo should stay up (a terminal, no --exit). */
  waitForStop?: () => Promise<void>;
  /** Print the cause's stack of a failure (TUKAR_DEBUG). */
  debug?: boolean;
}

/**
 * Runs the demo and resolves to its exit code: 0 when the SOP's steps are done, 1 when one failed
 * (the message names the step). Every server it starts is stopped before it resolves.
 *
 * @example
 * ```ts
 * const code = await runDemo({ outDir: '/tmp/demo', recordCount: 5000, cwd: process.cwd(),
 *   stdout: process.stdout, stderr: process.stderr, colors });
 * ```
 */
export async function runDemo(options: RunDemoOptions): Promise<number> {
  const { outDir, recordCount, cwd, stdout, stderr, colors } = options;
  const out = createDemoOutput(stdout, colors.stdout);
  const { bold, dim, green } = colors.stdout;
  const started = performance.now();
  const show = (path: string) => {
    const near = relative(cwd, path);
    return near.startsWith('..') ? path : near || '.';
  };
  /** Everything started, closed in reverse order on the way out. */
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse())
      await close().catch((e: unknown) =>
        stderr.write(`close: ${e instanceof Error ? e.message : String(e)}\n`),
      );
  };

  const main = async () => {
    try {
      await mkdir(outDir, { recursive: true });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`cannot write the reports to ${outDir}: ${message}`, { cause: error });
    }
    // Pacts of an earlier run would merge into this run's: start from an empty pacts folder.
    await rm(join(outDir, 'pacts'), { recursive: true, force: true });
    const work = await mkdtemp(join(tmpdir(), 'tukar-demo-'));
    closers.push(() => rm(work, { recursive: true, force: true }));
    const contractFile = join(work, PUSKESMAS_CONTRACT_FILE);
    await writeFile(contractFile, PUSKESMAS_CONTRACT_YAML);

    const procedure = loadPreset(options.sop ?? 'ciamis');
    let adminKey: string | undefined;
    const store = await openSqliteStore({ file: join(work, 'hub.db') });
    const hub = await serveHub({
      store,
      disposable: true, // a throwaway hub in a temp dir: verify-hub may set its provider states up
      port: 0,
      rateLimit: false,
      procedures: [procedure],
      handleSignals: false,
      shutdownTimeoutMs: 2000,
      onAdminKeyCreated: (key) => {
        adminKey = key;
      },
    });
    closers.push(() => hub.close());
    if (!adminKey) throw new Error('the hub did not create an admin key');
    out.line(
      `${bold('Tukar demo')} — SOP ${procedure.title.id}, ${procedure.kabupaten} (${procedure.procedure}@${procedure.version}, ${procedure.steps.length} steps)`,
    );
    out.line(`hub ${hub.url} (SQLite ${dim(join(work, 'hub.db'))}), reports in ${show(outDir)}/`);

    const { integrationId, artefacts, taken } = await runSteps({
      procedure,
      out,
      hubUrl: hub.url,
      adminKey,
      outDir,
      contractFile,
      recordCount,
      closers,
      show,
    });

    out.line(
      `\n${green('✔')} ${bold(`Integration ${integrationId} ended after ${taken} transitions through the ${procedure.steps.length} steps of ${procedure.kabupaten}, in ${seconds(started)}`)}`,
    );
    const rows: Array<[string, string]> = [
      ['validation report (HTML)', artefacts.validationHtml],
      ['integration report (HTML)', artefacts.integrationHtml],
      ['integration report (JSON)', artefacts.integrationJson],
      ['pact results (JSON)', artefacts.pactResults],
      ['pact results (JUnit)', artefacts.pactJunit],
      ['pacts', artefacts.pacts],
      ['interchange document', artefacts.interchange],
      ['dashboard snapshot', artefacts.dashboard],
    ];
    for (const [label, path] of rows) out.line(`   ${label.padEnd(27)} ${show(path)}`);
    out.line(`   ${'dashboard'.padEnd(27)} ${hub.url}/dashboard (sign in with the admin key ${adminKey})`);

    if (options.waitForStop) {
      out.line(`\nThe hub keeps running for the dashboard: ${bold('Ctrl-C')} to stop.`);
      await options.waitForStop();
      out.line('\nstopping…');
    }
  };

  try {
    await main();
    await closeAll();
    out.line('hub and OPD server stopped.');
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    stderr.write(`\n${colors.stderr.red('✖ demo failed:')} ${message}\n`);
    const cause = error instanceof Error ? error.cause : undefined;
    if (options.debug && cause instanceof Error && cause.stack) stderr.write(`${cause.stack}\n`);
    await closeAll();
    return 1;
  }
}
