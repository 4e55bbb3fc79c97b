// `tukar --help` and `tukar --version` start-up against a bare `node -e 0` (target: under 150 ms), and
// `tukar validate` of a 10-record file (target: under 400 ms), each reported as a ratio to the bare
// start-up so a slow machine does not hide a regression. Needs the built CLI (`pnpm build`, which
// `pnpm bench` runs first).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, printComparisons } from './harness';

const tukar = fileURLToPath(new URL('../packages/cli/bin/tukar.js', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url)))) {
  console.error('cli.bench: @tukar/cli is not built; run `pnpm build` first');
  process.exit(2);
}
const ROUNDS = 15;
const TARGET_MS: Record<string, number> = { help: 150, validate: 400 };

function start(args: string[]): void {
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
}

// A small OPD export: ten valid records of the Puskesmas contract, as NDJSON.
const work = mkdtempSync(join(tmpdir(), 'tukar-cli-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const contract = join(work, 'dinkes.puskesmas.yaml');
copyFileSync(
  fileURLToPath(new URL('../packages/contracts/test/fixtures/dinkes.puskesmas.yaml', import.meta.url)),
  contract,
);
const records = join(work, 'puskesmas.ndjson');
writeFileSync(
  records,
  Array.from({ length: 10 }, (_, i) =>
    JSON.stringify({
      kode_puskesmas: `P32070101${String(i).padStart(2, '0')}`,
      nama: `Puskesmas ${i + 1}`,
      kode_wilayah: '32.07.01.2008',
      kecamatan: '32.07.01',
      rawat_inap: i % 2 === 0,
    }),
  ).join('\n'),
);

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
  await compare('tukar validate (10 records) vs node -e 0', {
    rounds: ROUNDS,
    baseline: () => start(['-e', '0']),
    candidate: () => start([tukar, 'validate', records, '-c', contract, '--quiet']),
    // 400 ms where a bare Node starts in 50 ms.
    target: 8,
  }),
];
printComparisons(rows);
for (const row of rows) {
  const target = row.name.startsWith('tukar validate') ? TARGET_MS.validate! : TARGET_MS.help!;
  const verdict = row.candidateMs < target ? 'met' : 'MISSED';
  console.log(`${row.name}: ${row.candidateMs.toFixed(0)} ms (target < ${target} ms: ${verdict})`);
}
