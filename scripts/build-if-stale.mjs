#!/usr/bin/env node
// Builds the packages when a build is missing or older than its sources (so a second `pnpm demo`
// starts at once). A package is stale when any file under src/ or its package.json / tsup config is
// newer than its dist/index.js.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const stale = readdirSync(packagesDir).filter((name) => {
  const dir = join(packagesDir, name);
  if (!existsSync(join(dir, 'package.json'))) return false;
  const built = join(dir, 'dist', 'index.js');
  if (!existsSync(built)) return true;
  const sources = [join(dir, 'src'), join(dir, 'package.json'), join(dir, 'tsup.config.ts')].filter(
    existsSync,
  );
  return Math.max(...sources.map(newest)) > statSync(built).mtimeMs;
});
if (stale.length === 0) {
  process.stdout.write('packages are built and current; skipping the build\n');
  process.exit(0);
}
process.stdout.write(`building (stale or missing: ${stale.join(', ')})\n`);
const run = spawnSync('pnpm', ['-r', '--filter', './packages/**', 'build'], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
