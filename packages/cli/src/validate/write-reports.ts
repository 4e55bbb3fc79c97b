import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  renderHtml,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderTerminal,
  toHubReport,
  type ValidationReport,
} from '@tukar/validator';
import { UsageError } from '../command';
import type { ReportFile, ReportFormat } from './options';

/**
 * The report in one format, as text.
 *
 * @example
 * ```ts
 * io.stdout.write(renderReport(report, 'md', { color: false }));
 * ```
 */
export function renderReport(
  report: ValidationReport,
  format: ReportFormat,
  options: { color: boolean; integrationId?: string },
): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'md':
      return renderMarkdown(report);
    case 'junit':
      return renderJunit(report);
    case 'html':
      return renderHtml(report, options.integrationId ? { integrationId: options.integrationId } : {});
    case 'hub': {
      const body = toHubReport(report, options.integrationId ? { integrationId: options.integrationId } : {});
      return `${JSON.stringify(body, null, 2)}\n`;
    }
    default:
      return renderTerminal(report, { color: options.color });
  }
}

/** Writes each report file (creating folders), or throws a usage error naming the file that cannot be written. */
export async function writeReports(
  report: ValidationReport,
  files: readonly ReportFile[],
  options: { integrationId?: string },
): Promise<void> {
  for (const file of files) {
    try {
      await mkdir(dirname(file.path), { recursive: true });
      await writeFile(file.path, renderReport(report, file.format, { color: false, ...options }));
    } catch (cause) {
      throw new UsageError(
        'bad_config',
        `cannot write the report ${file.path}: ${(cause as Error).message}`,
        { cause },
      );
    }
  }
}
