// `tukar --help` and `tukar --version` start-up against a bare `node -e 0` (target: under 150 ms, and
// reported as a ratio to the bare start-up so a slow machine does not hide a regression). Needs the
// built CLI (`pnpm build`, which `pnpm bench` runs first).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compare, printComparisons } from './harness';

const tukar = fileURLToPath(new URL('../packages/cli/bin/tukar.js', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url)))) {
  console.error('cli.bench: @tukar/cli is not built; run `pnpm build` first');
  process.exit(2);
}
const ROUNDS = 15;
const TARGET_MS = 150;

function start(args: string[]): void {
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
}

const rows = [
  await compare('tukar --help vs node -e 0', {
    rounds: ROUNDS,
    baseline: () => start(['-e', '0']),
    candidate: () => start([tukar, '--help']),
    target: 2,
  }),
  await compare('tukar --version vs node -e 0', {
    rounds: ROUNDS,
    baseline: () => start(['-e', '0']),
    candidate: () => start([tukar, '--version']),
    target: 2,
  }),
];
printComparisons(rows);
for (const row of rows) {
  const verdict = row.candidateMs < TARGET_MS ? 'met' : 'MISSED';
  console.log(`${row.name}: ${row.candidateMs.toFixed(0)} ms (target < ${TARGET_MS} ms: ${verdict})`);
}
