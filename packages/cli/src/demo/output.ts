// How the demo talks: a header per SOP step (number, name, actor and role), indented detail lines, a progress bar
// on a terminal and plain lines otherwise. Colour only where the CLI's colour rules allow it.
import type { Colors } from '../color';
import type { CliStream } from '../io';

/** A progress display for one long task. */
export interface DemoProgress {
  update(done: number): void;
  done(): void;
}

/** What the demo writes to stdout: headers, detail lines, transitions and progress. */
export interface DemoOutput {
  colors: Colors;
  /** Whether stdout is a terminal (progress redraws in place, the hub stays up until Ctrl-C). */
  tty: boolean;
  line(text?: string): void;
  /** `━━ Langkah 3 · Melakukan evaluasi integrasi … — Tim Teknis IT (tim-teknis)` and the English name below. */
  stepHeader(number: number | string, step: { name: string; nameEn: string; actor: string }): void;
  /** One detail line under the current step. */
  say(text: string): void;
  ok(text: string): void;
  /** A transition of the integration request: `→ agree: the integration is now at langkah 4`. */
  moved(when: string, integration: { step: number; ended: boolean }): void;
  progress(label: string, total: number): DemoProgress;
}

/**
 * The demo's output on `stream` with `colors`.
 *
 * @example
 * ```ts
 * const out = createDemoOutput(process.stdout, createColors(process.stdout, process.env));
 * out.ok('the hub answered');
 * ```
 */
export function createDemoOutput(stream: CliStream, colors: Colors): DemoOutput {
  const tty = stream.isTTY === true;
  const line = (text = '') => {
    stream.write(`${text}\n`);
  };
  const say = (text: string) => line(`   ${text}`);
  return {
    colors,
    tty,
    line,
    stepHeader(number, step) {
      line(`\n${colors.bold(`━━ Langkah ${number} · ${step.name}`)} — ${colors.cyan(step.actor)}`);
      line(colors.dim(`   ${step.nameEn}`));
    },
    say,
    ok: (text) => say(`${colors.green('✔')} ${text}`),
    moved(when, integration) {
      say(
        integration.ended
          ? `${colors.green('→')} ${when}: the procedure has ${colors.bold('ended')} (after langkah ${integration.step})`
          : `${colors.green('→')} ${when}: the integration is now at ${colors.bold(`langkah ${integration.step}`)}`,
      );
    },
    progress(label, total) {
      const width = 30;
      const count = (n: number) => n.toLocaleString('en');
      return {
        update(done) {
          if (tty) {
            const filled = Math.round((done / total) * width);
            const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
            stream.write(`\r   ${label} ${bar} ${count(done)}/${count(total)}`);
          } else {
            say(`${label} ${count(done)}/${count(total)}`);
          }
        },
        done() {
          if (tty) stream.write('\n');
        },
      };
    },
  };
}

/**
 * Seconds since `start` (a `performance.now()` reading), one decimal.
 *
 * @example
 * ```ts
 * seconds(performance.now() - 1500); // '1.5 s'
 * ```
 */
export function seconds(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}
