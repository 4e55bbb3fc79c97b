import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const built =
  existsSync(`${root}packages/cli/dist/bin.js`) && existsSync(`${root}packages/contracts/dist/index.js`);

describe('pnpm demo (today: SOP steps 2–3)', () => {
  it.skipIf(!built)(
    'lints the example contracts, accepts a compatible revision and refuses a breaking one (needs `pnpm build`)',
    () => {
      const run = spawnSync(process.execPath, ['scripts/demo.mjs'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('Langkah 2');
      expect(run.stdout).toContain('5 contracts checked: no problems');
      expect(run.stdout).toMatch(/field-added-optional\s+\/properties\/sumber_dana/);
      expect(run.stdout).toMatch(/max-length-tightened\s+\/properties\/nama\s+producers\s+REFUSED/);
      expect(run.stdout).not.toContain('\u001b[');
    },
  );
});
