/**
 * How long a batch's CPU work (validating, canonicalising, writing its rows) runs before it lets other
 * requests have the event loop, in milliseconds. A read arriving during a 5,000-record batch then waits
 * for about this long at each turn of the event loop it needs (accepting, reading, answering: several),
 * rather than for the whole batch. At 1 ms a read took 8.5× as long during pushes as alone; at 0.1 ms
 * 2.0–2.2×, with no measurable cost to the batches' throughput (`pnpm bench`, audit-read-latency and
 * hub-push).
 */
export const SLICE_MS = 0.1;

/** The next turn of the event loop, after pending I/O (`setImmediate` where there is one). */
export function nextTurn(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => {
    if (immediate) immediate(resolve);
    else setTimeout(resolve, 0);
  });
}

/**
 * Slices of one long piece of work, so that it shares the event loop: call `pause()` between items; it
 * resolves at once (no promise, no turn) until `budgetMs` have passed since the slice began, and then
 * after the event loop has served what was waiting (other requests' I/O), starting the next slice.
 */
export interface EventLoopSlices {
  /** `undefined` while the slice has time left; otherwise a promise of the next turn, which begins a new slice. */
  pause(): Promise<void> | undefined;
}

/** Slices of `budgetMs` (default {@link SLICE_MS}) for one piece of work, the first beginning now. */
export function eventLoopSlices(budgetMs = SLICE_MS): EventLoopSlices {
  let began = performance.now();
  return {
    pause() {
      if (performance.now() - began < budgetMs) return undefined;
      return nextTurn().then(() => {
        began = performance.now();
      });
    },
  };
}
