#!/usr/bin/env node
// Runs every bench/*.bench.ts (or those named on the command line) one after another, each in its
// own Node process (so one bench's memory does not weigh on the next), and prints their reports.
// Each bench compares against a baseline measured in the same run and prints ratios.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const benchDir = join(root, 'bench');
const wanted = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
if (files.length === 0) {
  console.error(`no bench matches ${wanted.join(', ')}; available: ${readdirSync(benchDir).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  console.log(`\n━━ ${file}`);
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(benchDir, file)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
