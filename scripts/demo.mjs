#!/usr/bin/env node
// `pnpm demo` — the twelve steps of the SOP Integrasi dan Pertukaran Data Sistem Informasi, end to end,
// with the real parts of Tukar (built by `pnpm build`): an embedded hub (SQLite in a temporary
// directory, on a free loopback port), the typed client, Pact, the validator against an OPD endpoint,
// the dashboard and the reports. Reports go to ./.tukar/demo/ (or --out DIR).
//
//   node scripts/demo.mjs [--exit] [--out DIR] [--records N]
//
// On a terminal the hub stays up for the dashboard until Ctrl-C (unless --exit); otherwise it exits.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bold, dim, green, isTty, red, seconds } from './demo/output.mjs';
import { loadPackages, root } from './demo/packages.mjs';
import { runSteps } from './demo/steps.mjs';

const USAGE = 'usage: node scripts/demo.mjs [--exit] [--out DIR] [--records N]';

let args;
try {
  args = parseArgs({
    options: {
      exit: { type: 'boolean', default: false },
      out: { type: 'string', default: '.tukar/demo' },
      records: { type: 'string', default: '5000' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const recordCount = Number(args.records);
if (!Number.isInteger(recordCount) || recordCount < 10 || recordCount > 100_000) {
  console.error(`--records must be a whole number from 10 to 100000, got "${args.records}"\n${USAGE}`);
  process.exit(2);
}

const started = performance.now();
const outDir = resolve(args.out);
const contractFile = join(root, 'examples/kontrak-kabupaten/contracts/dinkes.puskesmas.yaml');
const show = (path) => {
  const near = relative(process.cwd(), path);
  return near.startsWith('..') ? path : near || '.';
};
/** Everything started, closed in reverse order on the way out. */
const closers = [];
let closing;
const closeAll = () => {
  closing ??= (async () => {
    for (const close of closers.reverse()) await close().catch((e) => console.error(`close: ${e.message}`));
  })();
  return closing;
};

async function main() {
  const pkgs = await loadPackages();
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw new Error(`cannot write the reports to ${outDir}: ${error.message}`, { cause: error });
  }
  // Pacts of an earlier run would merge into this run's: start from an empty pacts folder.
  await rm(join(outDir, 'pacts'), { recursive: true, force: true });
  const work = await mkdtemp(join(tmpdir(), 'tukar-demo-'));
  closers.push(() => rm(work, { recursive: true, force: true }));

  let adminKey;
  const store = await pkgs.hubNode.openSqliteStore({ file: join(work, 'hub.db') });
  const hub = await pkgs.hubNode.serveHub({
    store,
    port: 0,
    rateLimit: false,
    handleSignals: false,
    shutdownTimeoutMs: 2000,
    onAdminKeyCreated: (key) => {
      adminKey = key;
    },
  });
  closers.push(() => hub.close());
  if (!adminKey) throw new Error('the hub did not create an admin key');
  console.log(`${bold('Tukar demo')} — SOP Integrasi dan Pertukaran Data Sistem Informasi, Kabupaten Ciamis`);
  console.log(`hub ${hub.url} (SQLite ${dim(join(work, 'hub.db'))}), reports in ${show(outDir)}/`);

  const { integrationId, artefacts } = await runSteps({
    pkgs,
    hubUrl: hub.url,
    adminKey,
    outDir,
    contractFile,
    recordCount,
    closers,
  });

  console.log(
    `\n${green('✔')} ${bold(`Integration ${integrationId} completed: 12 steps in ${seconds(started)}`)}`,
  );
  const rows = [
    ['validation report (HTML)', artefacts.validationHtml],
    ['integration report (HTML)', artefacts.integrationHtml],
    ['integration report (JSON)', artefacts.integrationJson],
    ['pact results (JSON)', artefacts.pactResults],
    ['pact results (JUnit)', artefacts.pactJunit],
    ['pacts', artefacts.pacts],
    ['interchange document', artefacts.interchange],
    ['dashboard snapshot', artefacts.dashboard],
  ];
  for (const [label, path] of rows) console.log(`   ${label.padEnd(27)} ${show(path)}`);
  console.log(`   ${'dashboard'.padEnd(27)} ${hub.url}/dashboard (sign in with the admin key ${adminKey})`);

  if (isTty && !args.exit) {
    console.log(`\nThe hub keeps running for the dashboard: ${bold('Ctrl-C')} to stop.`);
    await new Promise((resolveSignal) => {
      process.once('SIGINT', resolveSignal);
      process.once('SIGTERM', resolveSignal);
    });
    console.log('\nstopping…');
  }
}

try {
  await main();
  await closeAll();
  console.log('hub and OPD server stopped.');
} catch (error) {
  console.error(`\n${red('✖ demo failed:')} ${error.message}`);
  if (process.env.TUKAR_DEBUG && error.cause?.stack) console.error(error.cause.stack);
  await closeAll();
  process.exitCode = 1;
}
