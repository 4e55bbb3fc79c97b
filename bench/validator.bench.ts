/**
 * @tukar/validator benchmark (run: `node --expose-gc --import tsx bench/validator.bench.ts`, about 2 min).
 *
 * 1M small records (disdukcapil.penduduk-desa: real kode desa of the Kemendagri list, a composite key)
 * written to a temporary file, as NDJSON and as one JSON array. In one run, alternating rounds:
 *
 * - NDJSON: `validateFile` (the whole engine: format detection, hand-rolled line splitter, JSON.parse,
 *   fast check, primary-key uniqueness, counts, report) against a bare loop over the same file
 *   (256 KiB chunks, split lines, JSON.parse, the precompiled ajv function). Target ≤ 1.1× (issue 20).
 * - JSON array: `validateFile` (streaming array scanner) against `readFile` + `JSON.parse` of the
 *   whole array + the same ajv loop. Target ≤ 1.1×.
 * - The same two bare loops that also check primary-key uniqueness, as plainly as it can be done (a `Set`
 *   of the keys as text): the work `validateFile` does too, which the bare loops above leave out.
 * - `ajv-cli` (`ajv validate --all-errors`, so it checks every record as `validateFile` does) on the same
 *   JSON array against `{ type: array, items: <the contract's schema> }` with the same reference formats,
 *   a process per round (what a user runs). Its start-up alone (a one-record array) is printed too.
 * - Peak RSS of the candidate alone, in a child process per input (maxRSS is per process), for 250k
 *   and 1M records, to show memory does not grow with the input. Target < 200 MB at 1M. Measured on the
 *   built package (`pnpm bench` builds first; what users run) and on the sources under tsx (which adds
 *   its own ~50 MB); the built figure is skipped when `dist` is missing or older than `src`.
 *
 * The ratios are medians of wall-clock time (the harness); CPU time (user + system, all threads) is printed
 * next to them, since on a busy machine the wall clock also measures the other processes.
 *
 * Then the 10M-record case (`validator-scale.ts`): primary-key uniqueness stays exact past the key memory
 * (it spills to disk), memory stays flat, time grows linearly. Alone: `--only-10m`.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { addReferenceFormats, loadContract, wilayahCodes } from '@tukar/contracts';
import { validateFile } from '@tukar/validator';
import { compare, median, printComparisons } from './harness';
import { scaleCase, scaleChild } from './validator-scale';

const CONTRACT = fileURLToPath(
  new URL('../examples/kontrak-kabupaten/contracts/disdukcapil.penduduk-desa.yaml', import.meta.url),
);
const RECORDS = 1_000_000;
const SMALL = 250_000;

// Child mode: run the candidate once and print the peak RSS in bytes.
if (process.argv[2] === '--rss') {
  const report = await validateFile(CONTRACT, process.argv[3]!);
  if (report.counts.records === 0) throw new Error('no records read');
  process.stdout.write(
    `${JSON.stringify({ rss: process.resourceUsage().maxRSS * 1024, records: report.counts.records, verdict: report.verdict, mode: report.uniqueness.mode })}\n`,
  );
  process.exit(0);
}

// The 10M-record case: its child, or the case alone.
if (process.argv[2] === '--scale-child') {
  await scaleChild(process.argv[3]!);
  process.exit(0);
}
if (process.argv.includes('--only-10m')) {
  await scaleCase(fileURLToPath(import.meta.url));
  process.exit(0);
}

const loaded = await loadContract(CONTRACT);
if (!loaded.ok) throw new Error(`contract does not load: ${JSON.stringify(loaded.problems)}`);
const contract = loaded.contract;

// ajv is a dependency of @tukar/contracts, not of the repository root: load it from the package.
const requireFromContracts = createRequire(new URL('../packages/contracts/package.json', import.meta.url));
type Ajv = Parameters<typeof addReferenceFormats>[0];
const { Ajv2020 } = requireFromContracts('ajv/dist/2020.js') as { Ajv2020: new (options: object) => Ajv };
const addFormats = requireFromContracts('ajv-formats') as (ajv: Ajv) => Ajv;
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
addFormats(ajv);
addReferenceFormats(ajv);
ajv.addKeyword('x-pii');
const precompiled = ajv.compile(contract.schema) as (record: unknown) => boolean;

// 1M unique (kode_desa, semester) pairs over real desa codes; every 1000th record has a fault.
const desa = [...wilayahCodes('desa')].sort();
const semesters = [
  '2019-1',
  '2019-2',
  '2020-1',
  '2020-2',
  '2021-1',
  '2021-2',
  '2022-1',
  '2022-2',
  '2023-1',
  '2023-2',
  '2024-1',
  '2024-2',
  '2025-1',
];
function record(i: number): string {
  const kode = desa[i % desa.length]!;
  const semester = semesters[Math.floor(i / desa.length) % semesters.length]!;
  const total = 1000 + (i % 9000);
  const laki = Math.floor(total / 2);
  const r: Record<string, unknown> = {
    kode_desa: kode,
    semester,
    jumlah_penduduk: total,
    laki_laki: laki,
    perempuan: total - laki,
    kepala_keluarga: Math.floor(total / 3),
  };
  if (i % 1000 === 999) r.jumlah_penduduk = -1;
  return JSON.stringify(r);
}

async function write(path: string, count: number, array: boolean): Promise<void> {
  const out = createWriteStream(path);
  let buffer = array ? '[' : '';
  for (let i = 0; i < count; i++) {
    buffer += array ? (i === 0 ? record(i) : `,${record(i)}`) : `${record(i)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.end(array ? `${buffer}]\n` : buffer);
  await new Promise<void>((resolve, reject) => out.on('finish', () => resolve()).on('error', reject));
}

/** `true` when `file` exists and is newer than every file under `dir`. */
async function isFresh(file: string, dir: string): Promise<boolean> {
  const built = await stat(file).catch(() => undefined);
  if (!built) return false;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && (await stat(join(entry.parentPath, entry.name))).mtimeMs > built.mtimeMs)
      return false;
  }
  return true;
}

/** The RSS child for the built package: plain Node, no tsx. */
function builtChild(dist: string, contract: string, input: string): string {
  return [
    `import { validateFile } from ${JSON.stringify(pathToFileURL(dist).href)};`,
    `const report = await validateFile(${JSON.stringify(contract)}, ${JSON.stringify(input)});`,
    `if (report.counts.records === 0) throw new Error('no records read');`,
    'console.log(JSON.stringify({ rss: process.resourceUsage().maxRSS * 1024 }));',
  ].join('\n');
}

/** The key of a parsed record as text, for the uniqueness baselines (the contract's primary key). */
const keyFields = contract.primaryKey;
const keyOf = (record: unknown): string | undefined => {
  if (record === null || typeof record !== 'object') return undefined;
  let key = '';
  for (const field of keyFields) key += `${String((record as Record<string, unknown>)[field])}\u0000`;
  return key;
};

const dir = await mkdtemp(join(tmpdir(), 'tukar-validator-bench-'));
try {
  const files = {
    ndjson: join(dir, 'penduduk.ndjson'),
    json: join(dir, 'penduduk.json'),
    ndjsonSmall: join(dir, 'penduduk-250k.ndjson'),
    jsonSmall: join(dir, 'penduduk-250k.json'),
  };
  await write(files.ndjson, RECORDS, false);
  await write(files.json, RECORDS, true);
  await write(files.ndjsonSmall, SMALL, false);
  await write(files.jsonSmall, SMALL, true);
  const size = (await stat(files.ndjson)).size;
  console.log(
    `\n@tukar/validator — ${RECORDS.toLocaleString('en')} records, NDJSON ${(size / 2 ** 20).toFixed(0)} MiB (${Math.round(size / RECORDS)} bytes a record)`,
  );

  let sink = 0;
  const bareNdjson = async () => {
    const decoder = new StringDecoder('utf8');
    let carry = '';
    for await (const chunk of createReadStream(files.ndjson, { highWaterMark: 256 * 1024 })) {
      const text = carry + decoder.write(chunk as Buffer);
      let start = 0;
      let newline = text.indexOf('\n');
      while (newline !== -1) {
        if (newline > start && precompiled(JSON.parse(text.slice(start, newline)))) sink++;
        start = newline + 1;
        newline = text.indexOf('\n', start);
      }
      carry = text.slice(start);
    }
    if (carry.trim() !== '' && precompiled(JSON.parse(carry))) sink++;
  };
  const bareNdjsonKeys = async () => {
    const decoder = new StringDecoder('utf8');
    const keys = new Set<string>();
    let carry = '';
    const one = (line: string) => {
      const value = JSON.parse(line) as unknown;
      const ok = precompiled(value);
      const key = keyOf(value);
      if (key !== undefined) {
        if (keys.has(key)) return;
        keys.add(key);
      }
      if (ok) sink++;
    };
    for await (const chunk of createReadStream(files.ndjson, { highWaterMark: 256 * 1024 })) {
      const text = carry + decoder.write(chunk as Buffer);
      let start = 0;
      let newline = text.indexOf('\n');
      while (newline !== -1) {
        if (newline > start) one(text.slice(start, newline));
        start = newline + 1;
        newline = text.indexOf('\n', start);
      }
      carry = text.slice(start);
    }
    if (carry.trim() !== '') one(carry);
  };
  const bareArrayKeys = async () => {
    const records = JSON.parse(await readFile(files.json, 'utf8')) as unknown[];
    const keys = new Set<string>();
    for (const r of records) {
      const ok = precompiled(r);
      const key = keyOf(r);
      if (key !== undefined) {
        if (keys.has(key)) continue;
        keys.add(key);
      }
      if (ok) sink++;
    }
  };
  const bareArray = async () => {
    const records = JSON.parse(await readFile(files.json, 'utf8')) as unknown[];
    for (const r of records) if (precompiled(r)) sink++;
  };
  /** Wraps a side so each call's CPU time is recorded (the harness times the wall clock). */
  const cpu = new Map<string, number[]>();
  const timed = (name: string, run: () => Promise<void>) => async () => {
    const before = process.cpuUsage();
    await run();
    const used = process.cpuUsage(before);
    cpu.set(name, [...(cpu.get(name) ?? []), (used.user + used.system) / 1000]);
  };
  const cpuMedian = (name: string) => median((cpu.get(name) ?? []).slice(1));
  let last: Awaited<ReturnType<typeof validateFile>> | undefined;
  const candidate = (path: string) => async () => {
    last = await validateFile(contract, path);
  };

  const rows = [
    await compare(`NDJSON ${RECORDS / 1e6}M records: validateFile vs split+parse+ajv`, {
      rounds: 5,
      baseline: timed('ndjson-baseline', bareNdjson),
      candidate: timed('ndjson-candidate', candidate(files.ndjson)),
      target: 1.1,
    }),
  ];
  const ndjsonReport = last!;
  rows.push(
    await compare(`JSON array ${RECORDS / 1e6}M records: validateFile vs readFile+JSON.parse+ajv`, {
      rounds: 5,
      baseline: timed('json-baseline', bareArray),
      candidate: timed('json-candidate', candidate(files.json)),
      target: 1.1,
    }),
  );
  const arrayReport = last!;
  rows.push(
    await compare(`NDJSON ${RECORDS / 1e6}M: validateFile vs split+parse+ajv+key Set`, {
      rounds: 3,
      baseline: timed('ndjson-keys-baseline', bareNdjsonKeys),
      candidate: timed('ndjson-keys-candidate', candidate(files.ndjson)),
    }),
    await compare(`JSON array ${RECORDS / 1e6}M: validateFile vs readFile+JSON.parse+ajv+key Set`, {
      rounds: 3,
      baseline: timed('json-keys-baseline', bareArrayKeys),
      candidate: timed('json-keys-candidate', candidate(files.json)),
    }),
  );

  // ajv-cli on the same JSON array: the record schema as the items of an array, the same reference formats.
  const ajvCli = fileURLToPath(new URL('../node_modules/ajv-cli/dist/index.js', import.meta.url));
  const contractsCjs = fileURLToPath(new URL('../packages/contracts/dist/index.cjs', import.meta.url));
  await writeFile(join(dir, 'array.schema.json'), JSON.stringify({ type: 'array', items: contract.schema }));
  await writeFile(
    join(dir, 'formats.cjs'),
    `module.exports = (ajv) => require(${JSON.stringify(contractsCjs)}).addReferenceFormats(ajv);\n`,
  );
  await writeFile(join(dir, 'one.json'), `[${record(0)}]`);
  const runAjvCli = (data: string, expectValid: boolean) => () => {
    const args = ['validate', '-s', './array.schema.json', '-d', data, '-c', './formats.cjs'];
    const run = spawnSync(
      process.execPath,
      [ajvCli, ...args, '--all-errors', '--errors=no', '--strict=false'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    if (run.status !== (expectValid ? 0 : 1)) throw new Error(`ajv-cli exited ${run.status}: ${run.stderr}`);
  };
  rows.push(
    await compare(`JSON array ${RECORDS / 1e6}M: validateFile vs ajv-cli (a process, start-up included)`, {
      rounds: 3,
      baseline: runAjvCli(files.json, false),
      candidate: candidate(files.json),
      target: 1,
    }),
  );
  const ajvStartMs = median(
    [0, 1, 2].map(() => {
      const start = performance.now();
      runAjvCli(join(dir, 'one.json'), true)();
      return performance.now() - start;
    }),
  );
  printComparisons(rows);
  console.log(`ajv-cli start-up alone (a one-record array): ${ajvStartMs.toFixed(0)} ms`);
  console.log('CPU time (median, ms): baseline → candidate, ratio');
  for (const [label, key] of [
    ['NDJSON', 'ndjson'],
    ['JSON array', 'json'],
    ['NDJSON, with a key Set', 'ndjson-keys'],
    ['JSON array, with a key Set', 'json-keys'],
  ] as const) {
    const base = cpuMedian(`${key}-baseline`);
    const cand = cpuMedian(`${key}-candidate`);
    console.log(`  ${label}: ${base.toFixed(0)} → ${cand.toFixed(0)}, ${(cand / base).toFixed(3)}×`);
  }
  for (const [name, report] of [
    ['NDJSON', ndjsonReport],
    ['JSON array', arrayReport],
  ] as const) {
    console.log(
      `${name}: ${report.counts.records.toLocaleString('en')} records, ${report.counts.invalid.toLocaleString('en')} invalid, ` +
        `uniqueness ${report.uniqueness.mode}; candidate ${Math.round(RECORDS / (rows[name === 'NDJSON' ? 0 : 1]!.candidateMs / 1000)).toLocaleString('en')} records/s`,
    );
  }

  // `--ratios-only`: the comparisons above, without the memory figures and the 10M case.
  if (!process.argv.includes('--ratios-only')) await memoryAndScale();
  if (sink === 0) console.log('(no valid records?)');

  async function memoryAndScale(): Promise<void> {
    // Peak RSS of the candidate alone, one child process per input: the built package and the sources.
    const root = fileURLToPath(new URL('..', import.meta.url));
    const dist = join(root, 'packages/validator/dist/index.js');
    const built = await isFresh(dist, join(root, 'packages/validator/src'));
    const rss = (path: string, how: 'built' | 'tsx') => {
      const args =
        how === 'built'
          ? ['--input-type=module', '-e', builtChild(dist, CONTRACT, path)]
          : ['--import', 'tsx', fileURLToPath(import.meta.url), '--rss', path];
      const child = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: root });
      if (child.status !== 0) throw new Error(`RSS child failed: ${child.stderr}`);
      return (JSON.parse(child.stdout.trim().split('\n').pop()!) as { rss: number }).rss;
    };
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
    const memory: Array<Record<string, string>> = [];
    for (const how of built ? (['built', 'tsx'] as const) : (['tsx'] as const)) {
      for (const [name, small, large] of [
        ['NDJSON', files.ndjsonSmall, files.ndjson],
        ['JSON array', files.jsonSmall, files.json],
      ] as const) {
        const at1M = rss(large, how);
        memory.push({
          run: how === 'built' ? 'built package' : 'sources under tsx',
          input: name,
          [`peak RSS ${SMALL / 1000}k`]: mb(rss(small, how)),
          [`peak RSS ${RECORDS / 1e6}M`]: mb(at1M),
          target: '< 200 MB',
          verdict: at1M < 200 * 2 ** 20 ? 'met' : 'MISSED',
        });
      }
    }
    console.log(
      '\n@tukar/validator — peak RSS of validateFile alone (a child process each, Node itself included)',
    );
    if (!built)
      console.log(
        '(packages/validator/dist is missing or older than src: run `pnpm build` for the built figures)',
      );
    console.table(memory);
    await scaleCase(fileURLToPath(import.meta.url));
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
