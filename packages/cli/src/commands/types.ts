import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Contract, loadContract } from '@tukar/contracts';
import { generateRecordTypes } from '@tukar/contracts/types';
import type { Colors } from '../color';
import { type CommandContext, defineCommand, EXIT, type OptionValues, UsageError } from '../command';
import { findContractFiles } from '../contract-files';
import { displayPath, formatProblem } from '../format-problem';
import { pinnedContracts } from '../types/hub-contracts';

const DEFAULT_OUT = 'src/tukar-types.generated.ts';

/** `tukar types <file|dir>... [--out FILE] [--check]` */
export const typesCommand = defineCommand({
  name: 'types',
  summary: 'generate TypeScript record types and zod schemas from contracts',
  usage: '[options] (<file|dir>... | --hub URL --datasets ID,…)',
  description: `
Writes one TypeScript file for an OPD application: per contract the record type (required and
optional fields, enums as unions, nested objects, reference codes such as KodeWilayahDesa and Nik,
descriptions as TSDoc), its key type and its zod schema (the hub's rules, reference codes checked
against the Kemendagri list), then the Datasets map for createHubClient<Datasets>() and mockHub,
and the validators for pushRecords(…, { validate: validators }). Each contract is the dataset of
the same id. With --hub the contracts are the versions the datasets are pinned to on that hub
(API key from TUKAR_API_KEY or the variable --api-key-env names). With --check nothing is written:
the run fails when the file is not what the contracts give (for CI).`,
  options: {
    out: {
      type: 'string',
      short: 'o',
      valueName: 'FILE',
      description: `file to write (default ${DEFAULT_OUT})`,
    },
    check: { type: 'boolean', description: 'write nothing; exit 1 when FILE is stale' },
    hub: {
      type: 'string',
      valueName: 'URL',
      description: 'read the pinned contracts of --datasets from this hub',
    },
    datasets: {
      type: 'string',
      valueName: 'ID,…',
      description: 'with --hub: the dataset ids, comma-separated',
    },
    'api-key-env': {
      type: 'string',
      valueName: 'NAME',
      description: 'with --hub: the variable holding the API key (default TUKAR_API_KEY)',
    },
  },
  examples: [
    'tukar types contracts',
    'tukar types ../kontrak-kabupaten/contracts/dinkes.puskesmas.yaml --out src/tukar-types.generated.ts',
    'tukar types contracts --check',
    'TUKAR_API_KEY=tk_… tukar types --hub https://hub.ciamiskab.example.go.id --datasets dinkes.puskesmas,disdik.sekolah',
  ],
  exitCodes: [
    [EXIT.ok, 'the file was written (or, with --check, is up to date)'],
    [EXIT.failure, 'a contract has problems, or with --check the file is stale or missing'],
    [EXIT.usage, 'usage error: no path given, a path that does not exist, no contract found'],
  ],
  async run({ io, values, positionals, colors, commandPath }) {
    const contracts =
      typeof values.hub === 'string'
        ? await fromHub(values.hub, values.datasets, values['api-key-env'], io.env, commandPath)
        : await fromFiles(positionals, io, colors.stderr, commandPath);
    if (contracts === undefined) return EXIT.failure;
    let source: string;
    try {
      source = await generateRecordTypes(contracts);
    } catch (error) {
      io.stderr.write(
        `${colors.stderr.red('✖')} ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return EXIT.failure;
    }
    const out = resolve(io.cwd, typeof values.out === 'string' ? values.out : DEFAULT_OUT);
    const shown = displayPath(out, io.cwd);
    const ids = contracts.map((c) => `${c.contract}@${c.version}`).join(', ');
    if (values.check) {
      const current = await readFile(out, 'utf8').catch(() => undefined);
      if (current === source) {
        io.stdout.write(`${colors.stdout.green('✔')} ${shown} is up to date (${ids})\n`);
        return EXIT.ok;
      }
      io.stderr.write(
        `${colors.stderr.red('✖')} ${shown} ${current === undefined ? 'does not exist' : 'is stale'}: run ${commandPath} again without --check and commit it\n`,
      );
      return EXIT.failure;
    }
    await writeFile(out, source);
    io.stdout.write(`${colors.stdout.green('✔')} wrote ${shown} (${ids})\n`);
    return EXIT.ok;
  },
});

async function fromFiles(
  positionals: string[],
  io: CommandContext['io'],
  c: Colors,
  commandPath: string,
): Promise<Contract[] | undefined> {
  if (positionals.length === 0) {
    throw new UsageError(
      'bad_arguments',
      `no contract file or directory given (or --hub with --datasets).\nRun '${commandPath} --help' for usage.`,
    );
  }
  const found = await findContractFiles(positionals, io.cwd);
  if (found.missing.length > 0) {
    throw new UsageError('missing_path', `not found: ${found.missing.join(', ')} (relative to ${io.cwd})`);
  }
  if (found.files.length === 0) {
    throw new UsageError('missing_path', `no contract files in ${positionals.join(', ')}`);
  }
  const contracts: Contract[] = [];
  let failed = false;
  for (const file of found.files) {
    const loaded = await loadContract(file);
    if (loaded.ok) contracts.push(loaded.contract);
    else {
      failed = true;
      for (const problem of loaded.problems)
        io.stderr.write(formatProblem(problem, displayPath(file, io.cwd), c));
    }
  }
  if (!failed) return contracts;
  io.stderr.write(`${c.red('✖')} fix the contracts above, then run ${commandPath} again\n`);
  return undefined;
}

async function fromHub(
  hub: string,
  datasets: OptionValues[string],
  keyEnv: OptionValues[string],
  env: CommandContext['io']['env'],
  commandPath: string,
): Promise<Contract[]> {
  const ids =
    typeof datasets === 'string'
      ? datasets
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean)
      : [];
  if (ids.length === 0) {
    throw new UsageError(
      'bad_arguments',
      `--hub needs --datasets ID,…\nRun '${commandPath} --help' for usage.`,
    );
  }
  const variable = typeof keyEnv === 'string' ? keyEnv : 'TUKAR_API_KEY';
  const apiKey = env[variable];
  if (!apiKey)
    throw new UsageError('bad_config', `set ${variable} to your API key to read contracts from ${hub}`);
  try {
    return await pinnedContracts(hub, apiKey, ids);
  } catch (cause) {
    throw new UsageError(
      'bad_config',
      `could not read the contracts from ${hub}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}
