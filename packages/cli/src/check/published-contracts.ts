import { readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { compareVersions, parseVersion } from '@tukar/contracts';
import { CONTRACT_EXTENSIONS, findContractFiles, looksLikeContract } from '../contract-files';
import { git } from './git';

/**
 * Where the last published contracts came from.
 *
 * @example
 * ```ts
 * import { checkContractsPackage } from '@tukar/cli';
 *
 * const outcome = await checkContractsPackage({ dir: 'kontrak-kabupaten' });
 * const base = outcome.ok ? outcome.report.base : undefined;
 * if (base?.kind === 'git' && base.reason === 'head') {
 *   console.warn('no release tag found: compared with HEAD; in CI run git fetch --tags --unshallow');
 * } else if (base?.kind === 'directory') console.log(`compared with ${base.dir}`);
 * ```
 */
export type PublishedBase =
  | { kind: 'git'; ref: string; reason: 'given' | 'latest-tag' | 'head' }
  | { kind: 'git'; ref: undefined; reason: 'no-commits' }
  | { kind: 'directory'; dir: string };

/** The last published contract files of a package. */
export interface PublishedContracts {
  base: PublishedBase;
  /** Files relative to the package directory (e.g. `contracts/dinkes.puskesmas.yaml`) with their text. */
  files: Array<{ file: string; text: string }>;
}

/**
 * Stable codes of {@link CheckConfigError}.
 *
 * @example
 * ```ts
 * import { checkContractsPackage } from '@tukar/cli';
 *
 * const outcome = await checkContractsPackage({ dir: 'kontrak-kabupaten', base: 'origin/main' });
 * for (const error of outcome.ok ? [] : outcome.errors) {
 *   if (error.code === 'not_a_git_repo' || error.code === 'git_missing') {
 *     console.error('no git here: pass `published` with an unpacked `npm pack` of the last release');
 *   } else console.error(error.message);
 * }
 * ```
 */
export type CheckConfigErrorCode =
  | 'not_a_package'
  | 'no_contracts_dir'
  | 'no_changeset_dir'
  | 'not_a_git_repo'
  | 'git_missing'
  | 'unknown_ref'
  | 'published_missing';

/**
 * Why `tukar contract check` could not run at all (exit code 2). Returned in the outcome, not thrown.
 *
 * @example
 * ```ts
 * import { checkContractsPackage } from '@tukar/cli';
 *
 * const outcome = await checkContractsPackage({ dir: 'kontrak-kabupaten', published: 'published/package' });
 * if (!outcome.ok) {
 *   for (const error of outcome.errors) console.error(`${error.code}: ${error.message}`);
 * }
 * ```
 */
export interface CheckConfigError {
  code: CheckConfigErrorCode;
  message: string;
}

type Read = { ok: true; published: PublishedContracts } | { ok: false; errors: CheckConfigError[] };

const fail = (code: CheckConfigErrorCode, message: string): Read => ({
  ok: false,
  errors: [{ code, message }],
});

/** The release tags `<packageName>@<version>` reachable from HEAD, lowest version first. */
export async function releaseTags(dir: string, packageName: string): Promise<string[]> {
  const prefix = `${packageName}@`;
  const tags = await git(['tag', '--list', '--merged', 'HEAD', `${prefix}*`], dir);
  if (!tags.ok) return [];
  return tags.stdout
    .split('\n')
    .map((tag) => tag.trim())
    .filter((tag) => tag.startsWith(prefix) && parseVersion(tag.slice(prefix.length)) !== undefined)
    .sort((a, b) => compareVersions(a.slice(prefix.length), b.slice(prefix.length)));
}

async function latestTag(dir: string, packageName: string): Promise<string | undefined> {
  return (await releaseTags(dir, packageName)).at(-1);
}

/**
 * The contract files under `contractsDir` as committed at `ref`, read with `git cat-file blob REF:./path`
 * (the same bytes as `git show REF:path`); git is spawned without a shell.
 */
export async function contractFilesAt(
  dir: string,
  ref: string,
  contractsDir: string,
): Promise<{ ok: true; files: PublishedContracts['files'] } | { ok: false; message: string }> {
  const listed = await git(['ls-tree', '-r', '-z', '--name-only', ref, '--', contractsDir], dir);
  if (!listed.ok) return { ok: false, message: `cannot list ${contractsDir} at ${ref}: ${listed.stderr}` };
  const files: PublishedContracts['files'] = [];
  const paths = listed.stdout
    .split('\0')
    .filter((path) =>
      (CONTRACT_EXTENSIONS as readonly string[]).some((ext) => path.toLowerCase().endsWith(ext)),
    )
    .sort();
  for (const path of paths) {
    const shown = await git(['cat-file', 'blob', `${ref}:./${path}`], dir);
    if (!shown.ok) return { ok: false, message: `cannot read ${path} at ${ref}: ${shown.stderr}` };
    if (looksLikeContract(shown.stdout, path)) files.push({ file: path, text: shown.stdout });
  }
  return { ok: true, files };
}

/**
 * The package's contracts as committed at a git ref: `base` when given, else the latest tag
 * `<packageName>@<version>` reachable from HEAD, else `HEAD` (so uncommitted edits are checked).
 * Files are read with `git cat-file blob REF:./path` (the same bytes as `git show REF:path`); git is
 * spawned without a shell.
 *
 * @example
 * ```ts
 * const read = await readPublishedFromGit({ dir: '/repo/kontrak', packageName: '@example/kontrak', contractsDir: 'contracts' });
 * ```
 */
export async function readPublishedFromGit(options: {
  dir: string;
  packageName: string;
  contractsDir: string;
  base?: string;
}): Promise<Read> {
  const { dir, packageName, contractsDir, base } = options;
  const top = await git(['rev-parse', '--show-toplevel'], dir);
  if (!top.ok) {
    return top.notInstalled
      ? fail('git_missing', 'git is not installed or not on PATH; install git or pass --published DIR')
      : fail(
          'not_a_git_repo',
          `${dir} is not inside a git repository (${top.stderr}); pass --published DIR instead`,
        );
  }
  let ref: string;
  let reason: 'given' | 'latest-tag' | 'head';
  if (base !== undefined) {
    if (base.startsWith('-') || base.trim() === '')
      return fail('unknown_ref', `--base '${base}' is not a git ref`);
    const verified = await git(['rev-parse', '--verify', '--quiet', `${base}^{commit}`], dir);
    if (!verified.ok) {
      return fail(
        'unknown_ref',
        `--base '${base}' is not a commit, branch or tag in this repository; in CI fetch history and tags first (git fetch --tags --unshallow)`,
      );
    }
    ref = base;
    reason = 'given';
  } else {
    const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD'], dir);
    if (!head.ok)
      return {
        ok: true,
        published: { base: { kind: 'git', ref: undefined, reason: 'no-commits' }, files: [] },
      };
    const tag = await latestTag(dir, packageName);
    ref = tag ?? 'HEAD';
    reason = tag ? 'latest-tag' : 'head';
  }
  const read = await contractFilesAt(dir, ref, contractsDir);
  if (!read.ok) return fail('unknown_ref', read.message);
  const { files } = read;
  return { ok: true, published: { base: { kind: 'git', ref, reason }, files } };
}

/**
 * The contracts of a published package unpacked into a directory, e.g. from
 * `npm pack @example/kontrak-kabupaten && tar xzf *.tgz` (which unpacks into `package/`).
 * `publishedDir` may be the unpacked package itself or the directory holding `package/`.
 *
 * @example
 * ```ts
 * const read = await readPublishedFromDirectory({ publishedDir: '/tmp/published', cwd: '/repo', contractsDir: 'contracts' });
 * ```
 */
export async function readPublishedFromDirectory(options: {
  publishedDir: string;
  cwd: string;
  contractsDir: string;
}): Promise<Read> {
  const root = resolve(options.cwd, options.publishedDir);
  const candidates = [root, join(root, 'package')];
  for (const candidate of candidates) {
    const contracts = join(candidate, options.contractsDir);
    if (!(await stat(contracts).catch(() => undefined))?.isDirectory()) continue;
    const found = await findContractFiles([contracts], options.cwd);
    const files = await Promise.all(
      found.files.map(async (file) => ({
        file: relative(candidate, file),
        text: await readFile(file, 'utf8'),
      })),
    );
    return { ok: true, published: { base: { kind: 'directory', dir: candidate }, files } };
  }
  return fail(
    'published_missing',
    `--published ${options.publishedDir}: no ${options.contractsDir}/ directory in ${root} or ${join(root, 'package')}; ` +
      'unpack the published package there (npm pack <name>@<version> && tar xzf <file>.tgz)',
  );
}
