// How the demo talks: a header per SOP step (number, name, actor), indented detail lines, a progress bar
// on a terminal and plain lines otherwise. Colour only on a terminal without NO_COLOR.

const tty = Boolean(process.stdout.isTTY);
const color = tty && !process.env.NO_COLOR;
const paint = (code) => (text) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
export const bold = paint('1');
export const dim = paint('2');
export const green = paint('32');
export const red = paint('31');
export const cyan = paint('36');

export const isTty = tty;

/** `━━ Langkah 3 · Perumusan skenario integrasi — Tim Teknis Diskominfo` and the English name below. */
export function stepHeader(number, step) {
  console.log(`\n${bold(`━━ Langkah ${number} · ${step.name}`)} — ${cyan(step.actorName)}`);
  console.log(dim(`   ${step.nameEn}`));
}

/** One detail line under the current step. */
export function say(text) {
  console.log(`   ${text}`);
}

export function ok(text) {
  console.log(`   ${green('✔')} ${text}`);
}

/** A transition of the integration request: `→ disposed (langkah 2)`. */
export function moved(action, integration) {
  console.log(
    `   ${green('→')} ${action}: the integration is now ${bold(integration.state)} (langkah ${integration.step})`,
  );
}

/**
 * Progress of a long task: a bar redrawn in place on a terminal, one line per update otherwise.
 * @param {string} label
 * @param {number} total
 */
export function progress(label, total) {
  const width = 30;
  return {
    update(done) {
      if (tty) {
        const filled = Math.round((done / total) * width);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        process.stdout.write(
          `\r   ${label} ${bar} ${done.toLocaleString('en')}/${total.toLocaleString('en')}`,
        );
      } else {
        console.log(`   ${label} ${done.toLocaleString('en')}/${total.toLocaleString('en')}`);
      }
    },
    done() {
      if (tty) process.stdout.write('\n');
    },
  };
}

/** Seconds since `start`, one decimal. */
export function seconds(start) {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}
