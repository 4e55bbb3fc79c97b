/**
 * A tiny benchmark harness: alternating rounds of a candidate and its baseline in one process, so
 * both see the same machine state; reports medians and the ratio candidate / baseline.
 */
export interface Comparison {
  name: string;
  baselineMs: number;
  candidateMs: number;
  ratio: number;
  target?: number;
}

export async function compare(
  name: string,
  options: {
    rounds: number;
    baseline: () => Promise<void> | void;
    candidate: () => Promise<void> | void;
    target?: number;
  },
): Promise<Comparison> {
  const baseline: number[] = [];
  const candidate: number[] = [];
  await options.baseline(); // warm-up
  await options.candidate();
  for (let round = 0; round < options.rounds; round++) {
    // Alternate the order so neither side always runs on a warmer or cooler machine.
    const order = round % 2 === 0 ? ['b', 'c'] : ['c', 'b'];
    for (const side of order) {
      const start = performance.now();
      await (side === 'b' ? options.baseline() : options.candidate());
      (side === 'b' ? baseline : candidate).push(performance.now() - start);
    }
  }
  const baselineMs = median(baseline);
  const candidateMs = median(candidate);
  return { name, baselineMs, candidateMs, ratio: candidateMs / baselineMs, target: options.target };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function printComparisons(rows: Comparison[]): void {
  console.table(
    rows.map((r) => ({
      bench: r.name,
      'baseline ms': r.baselineMs.toFixed(1),
      'candidate ms': r.candidateMs.toFixed(1),
      ratio: `${r.ratio.toFixed(3)}×`,
      target: r.target ? `≤ ${r.target}×` : '',
      verdict: r.target ? (r.ratio <= r.target ? 'met' : 'MISSED') : '',
    })),
  );
}
