// A small HTTP load generator for the read benches: `concurrency` loops sending GETs until `total`
// requests are answered, spread over one or more servers in turn; throughput and latency percentiles.
import { readFileSync } from 'node:fs';
import { median } from './harness';

/** The machine's CPU time so far (all cores), busy and total, in clock ticks; undefined off Linux. */
function machineCpuTicks(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      ?.trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    if (!fields || fields.length < 5) return undefined;
    const total = fields.reduce((sum, n) => sum + n, 0);
    return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
  } catch {
    return undefined;
  }
}

export interface LoadResult {
  /** Answers per second. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Share of the machine's CPU (all cores) busy during the load, 0–1 (every process); NaN off Linux. */
  machineBusy: number;
  /** The load generator's own CPU time over the wall time, in cores. */
  generatorCores: number;
}

/** Sends `total` GETs of `paths` (in turn) to `baseUrls` (in turn), `concurrency` at a time. */
export async function load(options: {
  baseUrls: string[];
  paths: string[];
  concurrency: number;
  total: number;
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  const { baseUrls, paths, concurrency, total, headers = {} } = options;
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const ticksBefore = machineCpuTicks();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const url = `${baseUrls[i % baseUrls.length]}${paths[i % paths.length]}`;
        const sent = performance.now();
        const response = await fetch(url, { headers });
        const text = await response.text();
        if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${text.slice(0, 200)}`);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const ticksAfter = machineCpuTicks();
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return {
    machineBusy:
      ticksBefore && ticksAfter
        ? (ticksAfter.busy - ticksBefore.busy) / Math.max(1, ticksAfter.total - ticksBefore.total)
        : Number.NaN,
    generatorCores: (cpu.user + cpu.system) / 1000 / elapsed,
    rps: (total / elapsed) * 1000,
    p50Ms: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0,
  };
}

/** Runs `a` and `b` in alternating rounds; the median result of each (by throughput). */
export async function alternate(
  rounds: number,
  a: () => Promise<LoadResult>,
  b: () => Promise<LoadResult>,
): Promise<[LoadResult, LoadResult]> {
  const results: [LoadResult[], LoadResult[]] = [[], []];
  await a();
  await b();
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const side of order) results[side as 0 | 1].push(await (side === 0 ? a() : b()));
  }
  const mid = (list: LoadResult[]): LoadResult => {
    const rps = median(list.map((r) => r.rps));
    return (
      list.find((r) => r.rps === rps) ?? {
        rps,
        p50Ms: median(list.map((r) => r.p50Ms)),
        p99Ms: median(list.map((r) => r.p99Ms)),
        machineBusy: median(list.map((r) => r.machineBusy)),
        generatorCores: median(list.map((r) => r.generatorCores)),
      }
    );
  };
  return [mid(results[0]), mid(results[1])];
}
