import type { ContractChange } from './change';
import type { ContractDiff } from './contract-diff';

/**
 * Options of {@link formatDiff}.
 *
 * @example
 * ```ts
 * import { type Contract, diffContracts, formatDiff, type FormatDiffOptions } from '@tukar/contracts';
 *
 * declare const v1: Contract;
 * declare const v2: Contract;
 * const options: FormatDiffOptions = { color: process.stdout.isTTY && !process.env.NO_COLOR };
 * process.stdout.write(formatDiff(diffContracts(v1, v2), options));
 * ```
 */
export interface FormatDiffOptions {
  /** ANSI colours (for a terminal). Default: none. */
  color?: boolean;
}

type Paint = (code: string, text: string) => string;

const RED = '31';
const GREEN = '32';
const YELLOW = '33';
const DIM = '2';
const BOLD = '1';

function breaksText(change: ContractChange): string {
  return change.breaks.length === 0 ? 'no one' : change.breaks.join(' + ');
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/**
 * Renders a diff for a terminal or a CI log: a header, one row per change (bump, rule id, path, whom it
 * breaks, whether the mode refuses it) with its message below, and a final line with the demanded bump,
 * whether the version satisfies it and whether the compatibility mode is satisfied.
 *
 * @example
 * ```ts
 * import { diffContracts, formatDiff } from '@tukar/contracts';
 * process.stdout.write(formatDiff(diffContracts(v1, v2), { color: process.stdout.isTTY }));
 * // dinkes.puskesmas 1.2.0 → 1.3.0 (compatibility: backward), 2 changes
 * //
 * //   BUMP   RULE                  PATH                BREAKS     MODE
 * //   major  field-removed         /properties/alamat  consumers  allowed
 * //          `alamat`: field removed (was optional)
 * //   ...
 * // Demanded bump: major (minimum version 2.0.0); 1.3.0 is a minor bump: TOO SMALL. Compatibility backward: satisfied.
 * ```
 */
export function formatDiff(diff: ContractDiff, options: FormatDiffOptions = {}): string {
  const paint: Paint = options.color
    ? (code, text) => `\u001b[${code}m${text}\u001b[0m`
    : (_code, text) => text;
  const refused = new Set(diff.breaking);
  const { previous, next, minimum } = diff.versions;
  const count = diff.changes.length;
  const lines: string[] = [
    paint(
      BOLD,
      `${diff.contract} ${previous} → ${next} (compatibility: ${diff.mode}), ${count} change${count === 1 ? '' : 's'}`,
    ),
    '',
  ];
  if (count === 0) lines.push('  No changes.');
  else {
    const rows = diff.changes.map((c) => ({
      change: c,
      cells: [
        c.bump,
        c.rule,
        c.path === '' ? '(record)' : c.path,
        breaksText(c),
        refused.has(c) ? 'REFUSED' : 'allowed',
      ],
    }));
    const header = ['BUMP', 'RULE', 'PATH', 'BREAKS', 'MODE'];
    const widths = header.map((h, i) =>
      Math.min(60, Math.max(h.length, ...rows.map((r) => r.cells[i]!.length))),
    );
    const render = (cells: string[]) =>
      `  ${cells.map((cell, i) => (i === cells.length - 1 ? cell : pad(cell, widths[i]!))).join('  ')}`.trimEnd();
    lines.push(paint(DIM, render(header)));
    for (const { change, cells } of rows) {
      const bumpColor = change.bump === 'major' ? RED : change.bump === 'minor' ? YELLOW : DIM;
      const painted = cells.map((cell, i) =>
        i === 0
          ? paint(bumpColor, pad(cell, widths[0]!))
          : i === 4 && refused.has(change)
            ? paint(RED, cell)
            : cell,
      );
      lines.push(
        `  ${painted.map((cell, i) => (i === 0 || i === 4 ? cell : pad(cell, widths[i]!))).join('  ')}`.trimEnd(),
      );
      lines.push(`  ${' '.repeat(widths[0]! + 2)}${change.message}`);
    }
  }
  lines.push('');
  lines.push(summary(diff, paint, minimum));
  return `${lines.join('\n')}\n`;
}

function summary(diff: ContractDiff, paint: Paint, minimum: string): string {
  const { next } = diff.versions;
  const demanded =
    diff.bump === 'none' ? 'Demanded bump: none' : `Demanded bump: ${diff.bump} (minimum version ${minimum})`;
  const version = diff.versionOk
    ? paint(
        GREEN,
        `${next} is ${diff.versionBump === 'none' ? 'unchanged' : `a ${diff.versionBump} bump`}: ok`,
      )
    : paint(
        RED,
        diff.versionBump === 'downgrade'
          ? `${next} is a DOWNGRADE`
          : `${next} is ${diff.versionBump === 'none' ? 'unchanged' : `a ${diff.versionBump} bump`}: TOO SMALL`,
      );
  const n = diff.breaking.length;
  const mode = diff.compatible
    ? paint(GREEN, `Compatibility ${diff.mode}: satisfied.`)
    : paint(RED, `Compatibility ${diff.mode}: VIOLATED by ${n} change${n === 1 ? '' : 's'}.`);
  return `${demanded}; ${version}. ${mode}`;
}
