import type { VerificationReport } from '@tukar/pact';
import type { Colors } from '../color';
import { displayPath } from '../format-problem';
import type { CliIO } from '../io';

/**
 * Prints a verification report for a person: the summary (failed interactions with every field that did
 * not match), where the result files went, and with `verbose` the verifier's own output.
 */
export function printVerificationReport(
  report: VerificationReport,
  io: CliIO,
  c: Colors,
  options: { json: boolean; verbose: boolean },
): void {
  if (options.json) {
    const { output: _output, ...rest } = report;
    io.stdout.write(`${JSON.stringify(options.verbose ? report : rest, null, 2)}\n`);
    return;
  }
  if (options.verbose && report.output.trim() !== '') io.stdout.write(`${report.output.trim()}\n\n`);
  const [headline = '', ...rest] = report.summary.split('\n');
  io.stdout.write(`${report.ok ? c.green(headline) : c.red(headline)}\n`);
  for (const line of rest) io.stdout.write(`${line.startsWith('  ✖') ? c.bold(line) : line}\n`);
  if (report.files.json || report.files.junit) {
    const files = [report.files.json, report.files.junit].filter((f): f is string => f !== undefined);
    io.stdout.write(c.dim(`results: ${files.map((f) => displayPath(f, io.cwd)).join(', ')}\n`));
  }
}
