import { resolve } from 'node:path';
import { defineCommand, EXIT, UsageError } from '../command';

/** The procedure presets the demo walks (checked here, so that `tukar --help` loads no procedure code). */
const SOPS = ['ciamis', 'sragen', 'nganjuk', 'karanganyar'] as const;
const isSop = (value: string): value is (typeof SOPS)[number] => (SOPS as readonly string[]).includes(value);

const USAGE =
  'usage: tukar demo [--sop ciamis|sragen|nganjuk|karanganyar] [--exit] [--out DIR] [--records N]';

/** `tukar demo [--sop NAME] [--exit] [--out DIR] [--records N]` */
export const demoCommand = defineCommand({
  name: 'demo',
  summary: "walk a kabupaten's SOP end to end on an embedded hub and write the reports",
  usage: '[--sop <name>] [--exit] [--out <dir>] [--records <n>]',
  description: `
The steps of a kabupaten's SOP "Integrasi dan Pertukaran Data" (--sop: ciamis, the default, with nine
steps; sragen; nganjuk and karanganyar with twelve), each done by a person in the step's role, with
the real parts of Tukar: an embedded hub (SQLite in a temporary directory, on a free loopback port), an integration
request whose structure is returned and fixed, the agreed contract dinkes.puskesmas 1.0.0, API keys
and grants, puskesmas records pushed and read through the changes feed, Pact consumer tests verified
against the hub, the validator against an OPD endpoint, the dashboard and the final integration report.

Reports go to --out (default .tukar/demo). On a terminal the hub stays up for the dashboard until
Ctrl-C; with --exit, or when stdout is not a terminal, it stops as soon as the steps are done.`,
  options: {
    sop: {
      type: 'string',
      valueName: 'name',
      description: 'the SOP to walk: ciamis (default), sragen, nganjuk or karanganyar',
    },
    exit: { type: 'boolean', description: 'stop the hub when the steps are done, also on a terminal' },
    out: { type: 'string', valueName: 'dir', description: 'where the reports go (default .tukar/demo)' },
    records: {
      type: 'string',
      valueName: 'n',
      description: 'puskesmas records to push and validate, 10 to 100000 (default 5000)',
    },
  },
  examples: [
    'tukar demo',
    'tukar demo --sop nganjuk',
    'tukar demo --exit --out reports/demo',
    'tukar demo --records 500',
  ],
  exitCodes: [
    [EXIT.ok, "the SOP's steps are done"],
    [EXIT.failure, 'a step failed (the message names it)'],
    [EXIT.usage, 'bad arguments'],
  ],
  async run({ io, values, positionals, colors }) {
    if (positionals.length > 0)
      throw new UsageError('bad_arguments', `unexpected argument '${positionals[0]}'\n${USAGE}`);
    const records = typeof values.records === 'string' ? values.records : '5000';
    const recordCount = Number(records);
    if (
      !/^\d+$/.test(records.trim()) ||
      !Number.isInteger(recordCount) ||
      recordCount < 10 ||
      recordCount > 100_000
    )
      throw new UsageError(
        'bad_arguments',
        `--records must be a whole number from 10 to 100000, got "${records}"\n${USAGE}`,
      );
    const sop = typeof values.sop === 'string' ? values.sop : 'ciamis';
    if (!isSop(sop))
      throw new UsageError(
        'bad_arguments',
        `--sop must be ciamis, sragen, nganjuk or karanganyar, got "${sop}"\n${USAGE}`,
      );
    const outDir = resolve(io.cwd, typeof values.out === 'string' ? values.out : '.tukar/demo');
    const stayUp = io.stdout.isTTY === true && values.exit !== true;
    // Loaded here, not at the top: the hub (SQLite, Pact) is only needed by this command.
    const { runDemo } = await import('../demo/run-demo');
    return runDemo({
      outDir,
      recordCount,
      sop,
      cwd: io.cwd,
      stdout: io.stdout,
      stderr: io.stderr,
      colors,
      debug: Boolean(io.env.TUKAR_DEBUG),
      ...(stayUp ? { waitForStop: waitForSignal } : {}),
    });
  },
});

/** Resolves on the first Ctrl-C (SIGINT) or SIGTERM. */
function waitForSignal(): Promise<void> {
  return new Promise((resolveSignal) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveSignal();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
