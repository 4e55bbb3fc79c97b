import type { ValidationProgress } from '@tukar/validator';
import type { CliStream } from '../io';

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /** Nothing is drawn before the run is this old, so short runs stay quiet (default 1000 ms). */
  afterMs?: number;
  /** Width of the bar in characters (default 24). */
  width?: number;
}

const format = (n: number) => Math.round(n).toLocaleString('en');

/**
 * One status line on a terminal (stderr), redrawn in place: records, records per second, invalid records,
 * the page being read, and a bar when the input size is known. Draws nothing on a stream that is not a
 * terminal, nor during the first second of a run.
 *
 * @example
 * ```ts
 * const bar = new ProgressBar(io.stderr);
 * await validateFile(contract, path, { onProgress: (p) => bar.update(p) });
 * bar.clear();
 * ```
 */
export class ProgressBar {
  private drawn = false;
  private readonly afterMs: number;
  private readonly width: number;

  constructor(
    private readonly stream: CliStream,
    options: ProgressBarOptions = {},
  ) {
    this.afterMs = options.afterMs ?? 1000;
    this.width = options.width ?? 24;
  }

  /** `true` when the stream is a terminal. */
  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  /** The status line for `progress` (without control characters). */
  line(progress: ValidationProgress): string {
    const parts = [
      `${format(progress.records)} records`,
      `${format(progress.recordsPerSecond)} rec/s`,
      `${format(progress.invalid)} invalid`,
    ];
    if (progress.page !== undefined) parts.push(`page ${format(progress.page)}`);
    let bar = '';
    if (progress.bytesTotal && progress.bytesRead !== undefined) {
      const share = Math.min(1, progress.bytesRead / progress.bytesTotal);
      const filled = Math.round(share * this.width);
      bar = `[${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% `;
    }
    return `${bar}${parts.join(' · ')}`;
  }

  /** Redraws the line (from the `onProgress` callback of the validator). */
  update(progress: ValidationProgress): void {
    if (!this.enabled || progress.elapsedMs < this.afterMs) return;
    this.stream.write(`\r\u001b[K${this.line(progress)}`);
    this.drawn = true;
  }

  /** Removes the line, so the summary starts on a clean line. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\u001b[K');
    this.drawn = false;
  }
}
