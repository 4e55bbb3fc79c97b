import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const contractsDist = fileURLToPath(new URL('../../contracts/dist/index.js', import.meta.url));
const built = existsSync(bin) && existsSync(contractsDist);

describe('the built tukar binary', () => {
  it.skipIf(!built)('runs --help and an unknown command as a user would (needs `pnpm build`)', () => {
    const help = spawnSync(process.execPath, [bin, '--help'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage:');
    expect(help.stdout).toContain('contract');
    const unknown = spawnSync(process.execPath, [bin, 'contract', 'nope'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'nope'");
  });
});
