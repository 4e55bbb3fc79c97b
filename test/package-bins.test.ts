// The commands as package managers link them: `tukar` (@tukar/cli) and `tukar-hub` (@tukar/hub) point
// at committed files under bin/ that run the build, so `pnpm install` links them before any build;
// unbuilt, they say what to do instead of failing with a module error.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const commands = [
  { pkg: 'cli', name: 'tukar', helpText: 'contract' },
  { pkg: 'hub', name: 'tukar-hub', helpText: '--store' },
].map((command) => {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', command.pkg, 'package.json'), 'utf8'));
  return { ...command, manifest, file: join(root, 'packages', command.pkg, manifest.bin[command.name]) };
});
const scratch = mkdtempSync(join(tmpdir(), 'tukar-bins-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(commands)('the $name command', ({ pkg, name, helpText, manifest, file }) => {
  it('is a committed file that the package publishes', () => {
    expect(manifest.bin[name]).toMatch(/^\.\/bin\//);
    expect(manifest.files).toContain('bin');
    expect(readFileSync(file, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it.skipIf(!existsSync(join(root, 'packages', pkg, 'dist/bin.js')))(
    'runs the build (needs `pnpm build`)',
    () => {
      const help = spawnSync(process.execPath, [file, '--help'], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(help.stderr).toBe('');
      expect(help.status).toBe(0);
      expect(help.stdout).toContain(helpText);
    },
  );

  it('says to build when the package is not built', () => {
    const copy = join(scratch, pkg, manifest.bin[name]);
    mkdirSync(dirname(copy), { recursive: true });
    cpSync(file, copy);
    const run = spawnSync(process.execPath, [copy, '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `${name}: this package is not built (dist/bin.js is missing): run \`pnpm build\` first\n`,
    );
  });
});
