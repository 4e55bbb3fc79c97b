import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { contractYaml } from './helpers';

export const PACKAGE = '@example/kontrak-kabupaten';

/** Runs git in `cwd` with a fixed identity and no user or system configuration. */
export function gitIn(cwd: string, args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Tukar Test', '-c', 'user.email=test@diskominfo.example.go.id', ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: cwd },
    },
  );
}

/** Writes `text` at `path` under `root`, creating directories. */
export async function put(root: string, path: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
}

export async function remove(root: string, path: string): Promise<void> {
  await rm(join(root, path), { recursive: true });
}

/** A changeset file naming the package. */
export function changeset(
  bump: string,
  summary = 'feat(dinkes.puskesmas): tambah field alamat',
  name = PACKAGE,
): string {
  return `---\n"${name}": ${bump}\n---\n\n${summary}\n`;
}

/**
 * A contracts package kept with changesets in a fresh git repository, released as 1.0.0:
 * two agreed contracts at 1.0.0, committed and tagged `@example/kontrak-kabupaten@1.0.0`.
 */
export async function createReleasedPackage(dir: string): Promise<void> {
  await put(
    dir,
    'package.json',
    `${JSON.stringify({ name: PACKAGE, version: '1.0.0', private: true }, null, 2)}\n`,
  );
  await put(
    dir,
    '.changeset/config.json',
    '{ "changelog": false, "commit": false, "access": "restricted" }\n',
  );
  await put(dir, '.changeset/README.md', '# Changesets\n');
  await put(dir, 'contracts/dinkes.puskesmas.yaml', contractYaml());
  await put(dir, 'contracts/disdik.sekolah.yaml', contractYaml({ id: 'disdik.sekolah' }));
  gitIn(dir, ['init', '-q', '-b', 'main']);
  gitIn(dir, ['add', '-A']);
  gitIn(dir, ['commit', '-q', '-m', 'chore: release 1.0.0']);
  gitIn(dir, ['tag', `${PACKAGE}@1.0.0`]);
}
