import { readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import {
  type ChangeBump,
  type Contract,
  isTransitiveMode,
  largestBump,
  loadContract,
  parseContract,
} from '@tukar/contracts';
import { findContractFiles } from '../contract-files';
import { checkChangesetBump } from './changeset-rules';
import { findChangesetDir, type PendingChangeset, readChangesets } from './changesets';
import type { CheckProblem } from './check-problem';
import type { CheckReport, ContractCheckEntry } from './check-report';
import { compareContract } from './contract-rules';
import { git } from './git';
import {
  type CheckConfigError,
  readPublishedFromDirectory,
  readPublishedFromGit,
} from './published-contracts';
import { checkTransitive, hasGitHistory, publishedHistory } from './transitive-rules';

/**
 * Options of {@link checkContractsPackage}.
 *
 * @example
 * ```ts
 * import { type CheckContractsPackageOptions, checkContractsPackage } from '@tukar/cli';
 *
 * // In CI, after `git fetch --tags --unshallow`: compare with the main branch.
 * const options: CheckContractsPackageOptions = { dir: 'kontrak-kabupaten', base: 'origin/main' };
 * const outcome = await checkContractsPackage(options);
 * ```
 */
export interface CheckContractsPackageOptions {
  /** The contracts package: a directory with `package.json` and the contracts under `contractsDir`. */
  dir: string;
  /** Git ref of the last published state; default the latest tag `<name>@*` reachable from HEAD, else `HEAD`. */
  base?: string;
  /** Instead of git: a directory holding the last published package (e.g. an unpacked `npm pack`). */
  published?: string;
  /** Directory of the contracts inside the package (default `contracts`). */
  contractsDir?: string;
}

/**
 * `ok: false` when the check could not run (exit code 2).
 *
 * @example
 * ```ts
 * import { type CheckOutcome, checkContractsPackage } from '@tukar/cli';
 *
 * const outcome: CheckOutcome = await checkContractsPackage({ dir: 'kontrak-kabupaten' });
 * if (!outcome.ok) {
 *   for (const error of outcome.errors) console.error(error.message);
 *   process.exitCode = 2;
 * } else process.exitCode = outcome.report.passed ? 0 : 1;
 * ```
 */
export type CheckOutcome = { ok: true; report: CheckReport } | { ok: false; errors: CheckConfigError[] };

async function currentContracts(packageDir: string, contractsDir: string, problems: CheckProblem[]) {
  const found = await findContractFiles([join(packageDir, contractsDir)], packageDir);
  const contracts: Array<{ file: string; contract: Contract }> = [];
  for (const absolute of found.files) {
    const file = relative(packageDir, absolute);
    const loaded = await loadContract(absolute);
    if (loaded.ok) {
      contracts.push({ file, contract: loaded.contract });
      continue;
    }
    for (const problem of loaded.problems) {
      problems.push({
        code: 'contract_invalid',
        message: `${problem.code}: ${problem.message}`,
        file,
        ...(problem.line ? { line: problem.line } : {}),
        ...(problem.column ? { column: problem.column } : {}),
        hint: problem.hint ?? `run tukar contract lint ${file}`,
      });
    }
  }
  return contracts;
}

async function previousContracts(files: Array<{ file: string; text: string }>, warnings: CheckProblem[]) {
  const byId = new Map<string, { file: string; contract: Contract }>();
  for (const { file, text } of files) {
    const parsed = await parseContract(text, { filename: file });
    if (parsed.ok) byId.set(parsed.contract.contract, { file, contract: parsed.contract });
    else {
      warnings.push({
        code: 'published_invalid',
        message: `the published ${file} does not load (${parsed.problems[0]?.message ?? 'unknown problem'}); contracts in it are treated as new`,
        file,
      });
    }
  }
  return byId;
}

/**
 * Checks a contracts package kept with changesets against its last published state: every changed
 * contract's `version` is bumped at least as much as its diff demands and never goes down, an agreed
 * version's content never changes in place, and the pending changesets (`.changeset/*.md`) name the
 * package with a bump no smaller than any contract demands nor than any contract's own version bump.
 * A changed contract with a `_transitive` compatibility mode is judged against every earlier version
 * found in the package's release tags.
 *
 * Resolves to `{ ok: false, errors }` when the check cannot run (no package.json, unknown git ref, …).
 *
 * @example
 * ```ts
 * import { checkContractsPackage } from '@tukar/cli';
 *
 * const outcome = await checkContractsPackage({ dir: 'examples/kontrak-kabupaten' });
 * if (outcome.ok && !outcome.report.passed) {
 *   for (const problem of outcome.report.problems) console.error(problem.message);
 * }
 * ```
 */
export async function checkContractsPackage(options: CheckContractsPackageOptions): Promise<CheckOutcome> {
  const dir = resolve(options.dir);
  const contractsDir = options.contractsDir ?? 'contracts';
  const manifestText = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
  if (manifestText === undefined) {
    return {
      ok: false,
      errors: [
        { code: 'not_a_package', message: `no package.json in ${dir}: pass the contracts package directory` },
      ],
    };
  }
  let packageName: unknown;
  try {
    packageName = (JSON.parse(manifestText) as { name?: unknown }).name;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      errors: [
        { code: 'not_a_package', message: `${join(dir, 'package.json')} is not valid JSON: ${reason}` },
      ],
    };
  }
  if (typeof packageName !== 'string' || packageName === '') {
    return {
      ok: false,
      errors: [{ code: 'not_a_package', message: `${join(dir, 'package.json')} has no "name"` }],
    };
  }
  if (!(await stat(join(dir, contractsDir)).catch(() => undefined))?.isDirectory()) {
    return {
      ok: false,
      errors: [
        {
          code: 'no_contracts_dir',
          message: `no ${contractsDir}/ directory in ${dir}: keep the contracts there`,
        },
      ],
    };
  }
  const top = options.published === undefined ? await git(['rev-parse', '--show-toplevel'], dir) : undefined;
  const changesetDir = await findChangesetDir(dir, top?.ok ? top.stdout.trim() : undefined);
  if (!changesetDir) {
    return {
      ok: false,
      errors: [
        {
          code: 'no_changeset_dir',
          message: `no .changeset/ directory in ${dir} or above: run \`pnpm changeset init\``,
        },
      ],
    };
  }
  const read = options.published
    ? await readPublishedFromDirectory({ publishedDir: options.published, cwd: dir, contractsDir })
    : await readPublishedFromGit({
        dir,
        packageName,
        contractsDir,
        ...(options.base ? { base: options.base } : {}),
      });
  if (!read.ok) return read;

  const problems: CheckProblem[] = [];
  const warnings: CheckProblem[] = [];
  const changesetShown = relative(dir, changesetDir) || '.changeset';
  const pending = await readChangesets(changesetDir, changesetShown);
  problems.push(...pending.problems);
  const previous = await previousContracts(read.published.files, warnings);
  const current = await currentContracts(dir, contractsDir, problems);

  const transitive = current.some(({ contract }) => isTransitiveMode(contract.compatibility));
  const history =
    transitive && hasGitHistory(read.published.base)
      ? await publishedHistory(dir, packageName, contractsDir)
      : undefined;
  if (transitive && read.published.base.kind === 'directory') {
    warnings.push({
      code: 'transitive_history_missing',
      message:
        'a contract has a transitive compatibility mode, but --published holds one release: it is judged against that release only',
      hint: 'run the check in the git repository with its release tags (git fetch --tags) to judge every earlier version',
    });
  }

  const entries: ContractCheckEntry[] = [];
  const seen = new Map<string, string>();
  for (const { file, contract } of current) {
    const first = seen.get(contract.contract);
    if (first) {
      problems.push({
        code: 'duplicate_contract',
        message: `${contract.contract} is declared in both ${first} and ${file}`,
        file,
        contract: contract.contract,
        hint: 'keep one file per contract; versions live in git history and the package versions',
      });
      continue;
    }
    seen.set(contract.contract, file);
    const published = previous.get(contract.contract)?.contract;
    const entry = compareContract(file, published, contract, problems);
    if (entry.state === 'changed') checkTransitive(file, contract, published, history, problems);
    entries.push(entry);
  }
  const invalidFiles = new Set(problems.filter((p) => p.code === 'contract_invalid').map((p) => p.file));
  for (const [id, { file, contract }] of previous) {
    if (seen.has(id) || invalidFiles.has(file)) continue;
    entries.push({
      contract: id,
      file,
      state: 'removed',
      previousVersion: contract.version,
      demanded: 'major',
      changes: [],
    });
  }
  const bumps = pending.changesets
    .map((changeset: PendingChangeset) => changeset.releases[packageName as string])
    .filter((bump): bump is ChangeBump => bump !== undefined);
  const changesetBump = bumps.length > 0 ? largestBump(bumps) : undefined;
  checkChangesetBump(packageName, entries, changesetBump, changesetShown, problems, warnings);
  return {
    ok: true,
    report: {
      passed: problems.length === 0,
      packageName,
      base: read.published.base,
      contracts: entries,
      changesets: pending.changesets.map((changeset) => ({
        file: changeset.file,
        bump: changeset.releases[packageName as string],
        summary: changeset.summary,
      })),
      demanded: largestBump(entries.map((entry) => entry.demanded)),
      changesetBump,
      problems,
      warnings,
    },
  };
}

export type { CheckReport, ContractCheckEntry } from './check-report';
