// A small HTTP load generator for the read benches: `concurrency` loops sending GETs until `total`
// requests are answered, spread over one or more servers in turn; throughput and latency percentiles.
import { median } from './harness';

export interface LoadResult {
  /** Answers per second. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
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
  latencies.sort((a, b) => a - b);
  return {
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
      }
    );
  };
  return [mid(results[0]), mid(results[1])];
}
