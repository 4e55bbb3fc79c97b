import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useColor } from '../src/color';
import { ANSI, contractYaml, run, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('color'));
  await writeFile(join(dir, 'bad.yaml'), contractYaml({ version: 'x' }));
});
afterEach(() => cleanup());

describe('colours', () => {
  it('are used on a terminal', async () => {
    const result = await run(['contract', 'lint', 'bad.yaml'], { cwd: dir, tty: true, env: {} });
    expect(result.stdout).toMatch(ANSI);
  });

  it('are never used with NO_COLOR, even on a terminal with FORCE_COLOR', async () => {
    const result = await run(['contract', 'lint', 'bad.yaml'], {
      cwd: dir,
      tty: true,
      env: { NO_COLOR: '1', FORCE_COLOR: '1' },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(ANSI);
    expect(result.stdout).toContain('bad.yaml:2:');
  });

  it('are used with FORCE_COLOR on a fake terminal and when piped', async () => {
    const tty = await run(['contract', 'lint', 'bad.yaml'], {
      cwd: dir,
      tty: true,
      env: { FORCE_COLOR: '1' },
    });
    expect(tty.stdout).toMatch(ANSI);
    const piped = await run(['contract', 'lint', 'bad.yaml'], {
      cwd: dir,
      tty: false,
      env: { FORCE_COLOR: '1' },
    });
    expect(piped.stdout).toMatch(ANSI);
  });

  it('are not used when piped, with FORCE_COLOR=0, or with TERM=dumb', async () => {
    const piped = await run(['contract', 'lint', 'bad.yaml'], { cwd: dir, tty: false, env: {} });
    expect(piped.stdout).not.toMatch(ANSI);
    expect(useColor({ write() {}, isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(useColor({ write() {}, isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(useColor({ write() {}, isTTY: true }, { NO_COLOR: '' })).toBe(true);
  });
});
