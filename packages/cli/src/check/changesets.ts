import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type ChangeBump, isChangeBump } from '@tukar/contracts';
import type { CheckProblem } from './check-problem';

/** A pending changeset: one `.changeset/*.md` file. */
export interface PendingChangeset {
  /** Path of the file, relative to the changesets directory's parent. */
  file: string;
  /** Package name → bump, from the front matter. */
  releases: Record<string, ChangeBump>;
  /** The text after the front matter: what goes into the CHANGELOG. */
  summary: string;
}

/** Result of {@link parseChangeset}. */
export type ParseChangesetResult =
  | { ok: true; changeset: PendingChangeset }
  | { ok: false; problem: CheckProblem };

const RELEASE_LINE = /^\s*(?:"([^"]+)"|'([^']+)'|([^\s:'"][^:]*?))\s*:\s*([A-Za-z]+)\s*$/;

/**
 * Parses a changeset file: front matter between `---` lines with `"<package>": patch|minor|major`
 * lines, then the summary.
 *
 * @example
 * ```ts
 * const result = parseChangeset('---\n"@example/kontrak-kabupaten": minor\n---\n\nAdd field\n', '.changeset/a.md');
 * if (result.ok) result.changeset.releases['@example/kontrak-kabupaten']; // 'minor'
 * ```
 */
export function parseChangeset(text: string, file: string): ParseChangesetResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const invalid = (message: string, line?: number): ParseChangesetResult => ({
    ok: false,
    problem: {
      code: 'changeset_invalid',
      message,
      file,
      ...(line ? { line } : {}),
      hint: 'A changeset starts with front matter such as:\n---\n"<package>": minor\n---\nthen one line per change. Create one with `pnpm changeset`.',
    },
  });
  if (lines[0]?.trim() !== '---') return invalid(`${file} does not start with a '---' front matter line`, 1);
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end === -1) return invalid(`${file}: the front matter is not closed by a '---' line`);
  const releases: Record<string, ChangeBump> = {};
  for (let index = 1; index < end; index++) {
    const line = lines[index] ?? '';
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const match = RELEASE_LINE.exec(line);
    const name = match?.[1] ?? match?.[2] ?? match?.[3];
    const bump = match?.[4];
    if (!name || !bump)
      return invalid(
        `${file}:${index + 1}: expected '"<package>": patch|minor|major', got '${line}'`,
        index + 1,
      );
    if (!isChangeBump(bump)) {
      return invalid(
        `${file}:${index + 1}: '${bump}' is not a bump for ${name}; use patch, minor or major`,
        index + 1,
      );
    }
    releases[name] = bump;
  }
  const summary = lines
    .slice(end + 1)
    .join('\n')
    .trim();
  return { ok: true, changeset: { file, releases, summary } };
}

/**
 * The `.changeset` directory for a package: in the package directory or the nearest parent that has
 * one (a monorepo keeps it at the root), not above `stopAt`.
 *
 * @example
 * ```ts
 * await findChangesetDir('/repo/examples/kontrak-kabupaten', '/repo'); // '/repo/examples/kontrak-kabupaten/.changeset'
 * ```
 */
export async function findChangesetDir(packageDir: string, stopAt?: string): Promise<string | undefined> {
  let dir = packageDir;
  for (;;) {
    const candidate = join(dir, '.changeset');
    if ((await stat(candidate).catch(() => undefined))?.isDirectory()) return candidate;
    const parent = dirname(dir);
    if (parent === dir || dir === stopAt) return undefined;
    dir = parent;
  }
}

/**
 * Reads every pending changeset (`*.md` except `README.md`) in a changesets directory, sorted by name.
 *
 * @example
 * ```ts
 * const { changesets, problems } = await readChangesets('/repo/.changeset', '.changeset');
 * ```
 */
export async function readChangesets(
  changesetDir: string,
  shownAs: string,
): Promise<{ changesets: PendingChangeset[]; problems: CheckProblem[] }> {
  const names = (await readdir(changesetDir))
    .filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md')
    .sort();
  const changesets: PendingChangeset[] = [];
  const problems: CheckProblem[] = [];
  for (const name of names) {
    const parsed = parseChangeset(await readFile(join(changesetDir, name), 'utf8'), `${shownAs}/${name}`);
    if (parsed.ok) changesets.push(parsed.changeset);
    else problems.push(parsed.problem);
  }
  return { changesets, problems };
}
