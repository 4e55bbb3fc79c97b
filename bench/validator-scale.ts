/**
 * The 10M-record case of the validator bench (issue 13: primary-key uniqueness is exact at any input size,
 * in flat memory). Run alone with `node --import tsx bench/validator.bench.ts --only-10m` (about a minute
 * and a half; it writes a 300 MB file to the temporary directory and removes it).
 *
 * NDJSON of small records `{ "id": "K000000001", "n": 1 }` with a one-field key: 1M and 10M records, each
 * with the same 3 planted duplicates, one of them 9,999,990 records from its first use (across every
 * spill of the key memory). Each size runs in a child process of its own (peak RSS is per process): the
 * report must find exactly the 3 duplicates, say `exact`, and memory must not grow with the input.
 * Printed: wall-clock and CPU time and peak RSS of each, and the ratios 10M / 1M (10 is linear).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractSchema } from '@tukar/contracts';
import { validateFile } from '@tukar/validator';

const contract = contractSchema.parse({
  contract: 'bench.kunci',
  version: '1.0.0',
  status: 'agreed',
  title: 'Kunci bench',
  owner: { opd: 'Diskominfo', contact: 'bench@diskominfo.example.go.id' },
  steward: 'Diskominfo',
  classification: 'publik',
  updateFrequency: 'daily',
  primaryKey: ['id'],
  schema: {
    type: 'object',
    required: ['id', 'n'],
    additionalProperties: false,
    properties: { id: { type: 'string', pattern: '^K[0-9]{9}$' }, n: { type: 'integer', minimum: 0 } },
  },
});

/** Record `i` (from 1); the last three records repeat records 3, n/2 and n-20. */
function line(i: number, count: number): string {
  let key = i;
  if (i === count) key = 3;
  else if (i === count - 1) key = Math.floor(count / 2);
  else if (i === count - 2) key = count - 20;
  return `{"id":"K${String(key).padStart(9, '0')}","n":${i}}\n`;
}

async function write(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  let buffer = '';
  for (let i = 1; i <= count; i++) {
    buffer += line(i, count);
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise<void>((resolve, reject) => out.on('finish', () => resolve()).on('error', reject));
}

/** Child mode: validates `path` once and prints time, peak RSS and what the report says. */
export async function scaleChild(path: string): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const report = await validateFile(contract, path);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const duplicates = report.issues
    .filter((issue) => issue.code === 'duplicate_key')
    .map((issue) => issue.record);
  process.stdout.write(
    `${JSON.stringify({
      ms,
      cpuMs: (used.user + used.system) / 1000,
      rss: process.resourceUsage().maxRSS * 1024,
      records: report.counts.records,
      verdict: report.verdict,
      mode: report.uniqueness.mode,
      note: report.uniqueness.note,
      duplicates,
    })}\n`,
  );
}

/** Runs the 1M and 10M cases, each in a child process, and prints the figures. */
export async function scaleCase(script: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tukar-validator-10m-'));
  try {
    const rows: Array<Record<string, string | number>> = [];
    const figures: Record<string, { ms: number; cpuMs: number; rss: number }> = {};
    for (const count of [1_000_000, 10_000_000]) {
      const path = join(dir, `kunci-${count}.ndjson`);
      await write(path, count);
      const child = spawnSync(process.execPath, ['--import', 'tsx', script, '--scale-child', path], {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      });
      await rm(path, { force: true });
      if (child.status !== 0) throw new Error(`10M child failed: ${child.stderr}`);
      const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
        ms: number;
        cpuMs: number;
        rss: number;
        records: number;
        mode: string;
        note: string;
        duplicates: number[];
      };
      const expected = [count - 2, count - 1, count];
      const exact = result.mode === 'exact' && JSON.stringify(result.duplicates) === JSON.stringify(expected);
      figures[count] = result;
      rows.push({
        records: count.toLocaleString('en'),
        'time (s)': (result.ms / 1000).toFixed(1),
        'CPU (s)': (result.cpuMs / 1000).toFixed(1),
        'records/s': Math.round(count / (result.ms / 1000)).toLocaleString('en'),
        'peak RSS': `${(result.rss / 2 ** 20).toFixed(0)} MB`,
        uniqueness: exact
          ? 'exact, the 3 duplicates found'
          : `WRONG: ${result.mode} ${result.duplicates.join(',')}`,
      });
      console.log(`  ${count.toLocaleString('en')}: ${result.note}`);
    }
    console.log(
      '\n@tukar/validator — 10M records (one-field key; the key memory spills to disk past ~1.4M keys)',
    );
    console.table(rows);
    const big = figures[10_000_000]!;
    const small = figures[1_000_000]!;
    console.log(
      `10M / 1M: time ${(big.ms / small.ms).toFixed(2)}×, CPU ${(big.cpuMs / small.cpuMs).toFixed(2)}× (10× is linear); ` +
        `peak RSS ${(big.rss / small.rss).toFixed(2)}× (the key memory is bounded; a spill adds its buffers)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
