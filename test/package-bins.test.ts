// The commands as package managers link them: `tukar` (@tukar/cli) and `tukar-hub` (@tukar/hub) point
// at committed files under bin/ that run the build, so `pnpm install` links them before any build;
// unbuilt, they say what to do instead of failing with a module error.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

// `tukar` as a user runs it in a shell: piped into `head`, and as fast as `--help` should be.
describe.skipIf(!existsSync(join(root, 'packages/cli/dist/bin.js')))(
  'tukar in a shell (needs `pnpm build`)',
  () => {
    const tukar = join(root, 'packages/cli/bin/tukar.js');
    const shell = (script: string) =>
      spawnSync('bash', ['-c', script], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', TUKAR: `${process.execPath} ${tukar}` },
      });

    it('`tukar --help | head -1` exits 0 with nothing on stderr', () => {
      const result = shell('set -o pipefail; $TUKAR --help | head -1');
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^tukar — .+\n$/);
    });

    it('stops quietly when the reader closes the pipe before it writes (EPIPE)', () => {
      // `true` exits without reading, so every write of tukar meets a closed pipe.
      const result = shell(`$TUKAR --help | true; echo "tukar exited \${PIPESTATUS[0]}"`);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('tukar exited 0\n');
    });

    /** Every module file (not `node:`) that `tukar ...args` loads, through a resolve hook. */
    function modulesLoadedBy(args: string[]): string[] {
      const log = join(scratch, `loaded-${args.join('-')}.txt`);
      const hooks = join(scratch, 'record-hooks.mjs');
      writeFileSync(
        hooks,
        `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
  return resolved;
}`,
      );
      const register = `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(pathToFileURL(hooks).href)})`;
      const result = spawnSync(process.execPath, ['--import', register, tukar, ...args], {
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      return readFileSync(log, 'utf8').trim().split('\n');
    }

    it.each([['--help'], ['--version']])('`tukar %s` loads no command and no dependency', (flag) => {
      const loaded = modulesLoadedBy([flag]);
      const cli = pathToFileURL(join(root, 'packages/cli')).href;
      expect(loaded.length).toBeGreaterThan(0);
      expect(loaded.filter((url) => !url.startsWith(`${cli}/`) || url.includes('/node_modules/'))).toEqual(
        [],
      );
      expect(loaded.filter((url) => /\/(contract|validate|pact|demo)-[^/]*\.js$/.test(url))).toEqual([]);
    });

    it('a command loads its dependencies when it runs', () => {
      // The counterpart of the test above, so that a hook that records nothing cannot pass it.
      const loaded = modulesLoadedBy(['contract', '--help']);
      expect(loaded.some((url) => url.includes('/contracts/dist/'))).toBe(true);
    });
  },
);
