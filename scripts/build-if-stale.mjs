#!/usr/bin/env node
// Builds the packages' JavaScript when a build is missing or older than its sources, for `pnpm demo`
// (a second `pnpm demo` starts at once). A package is stale when any file under src/ or its
// package.json / tsup config is newer than its dist/index.js. Type declarations are left out
// (TUKAR_BUILD_DTS=0): they take most of a full build and running the demo does not need them;
// `pnpm build` (and `pnpm test`) writes them.
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
process.stdout.write(
  `building the JavaScript of the packages (stale or missing: ${stale.join(', ')}); \`pnpm build\` adds the type declarations\n`,
);
const started = performance.now();
const run = spawnSync('pnpm', ['-r', '--filter', './packages/**', 'build'], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, TUKAR_BUILD_DTS: '0' },
});
if (run.status !== 0) {
  // The build's own output only when it failed: it names the package and the file.
  process.stdout.write(`${run.stdout ?? ''}${run.stderr ?? ''}`);
  process.stderr.write(
    `the build failed${run.error ? ` (${run.error.message})` : ''}; the demo did not start\n`,
  );
  process.exit(run.status ?? 1);
}
process.stdout.write(`built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
