import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';

/** File extensions a contract can have. */
export const CONTRACT_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

const YAML_CONTRACT = /^contract[ \t]*:/m;
const JSON_CONTRACT = /"contract"\s*:/;

/**
 * Whether a file's text looks like a Tukar contract (a top-level `contract:` key), so that a
 * directory walk skips other YAML and JSON such as `package.json` or CI files.
 *
 * @example
 * ```ts
 * looksLikeContract('contract: dinkes.puskesmas\nversion: 1.0.0', 'a.yaml'); // true
 * ```
 */
export function looksLikeContract(text: string, file: string): boolean {
  return extname(file).toLowerCase() === '.json' ? JSON_CONTRACT.test(text) : YAML_CONTRACT.test(text);
}

const hasContractExtension = (file: string) =>
  (CONTRACT_EXTENSIONS as readonly string[]).includes(extname(file).toLowerCase());

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, out);
    else if (entry.isFile() && hasContractExtension(entry.name)) {
      const text = await readFile(full, 'utf8');
      if (looksLikeContract(text, full)) out.push(full);
    }
  }
}

/** Result of {@link findContractFiles}. */
export interface FoundContractFiles {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Paths given that do not exist, as given. */
  missing: string[];
  /** Directories given that hold no contract, as given. */
  empty: string[];
}

/**
 * Expands files and directories into contract files. A file given explicitly is always included;
 * directories are walked recursively (skipping `node_modules` and dot-directories) for `*.yaml`,
 * `*.yml` and `*.json` files that look like contracts.
 *
 * @example
 * ```ts
 * const { files, missing } = await findContractFiles(['contracts'], process.cwd());
 * ```
 */
export async function findContractFiles(paths: string[], cwd: string): Promise<FoundContractFiles> {
  const files = new Set<string>();
  const missing: string[] = [];
  const empty: string[] = [];
  for (const path of paths) {
    const full = resolve(cwd, path);
    const info = await stat(full).catch(() => undefined);
    if (!info) {
      missing.push(path);
    } else if (info.isDirectory()) {
      const found: string[] = [];
      await walk(full, found);
      if (found.length === 0) empty.push(path);
      for (const file of found) files.add(file);
    } else {
      files.add(full);
    }
  }
  return { files: [...files].sort(), missing, empty };
}
