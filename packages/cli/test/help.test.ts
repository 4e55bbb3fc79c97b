import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from './helpers';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('tukar help and version', () => {
  it('--version prints the package version', async () => {
    const result = await run(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help lists the commands, options, examples and exit codes', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const part of ['Usage:', 'Commands:', 'contract', '--version', 'Examples:', 'Exit codes:']) {
      expect(result.stdout).toContain(part);
    }
  });

  it('without a command prints help on stderr and exits 2', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage:');
  });

  it('contract --help lists lint, diff and check', async () => {
    const result = await run(['contract', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}lint {2}/m);
    expect(result.stdout).toMatch(/^ {2}diff {2}/m);
    expect(result.stdout).toMatch(/^ {2}check {2}/m);
  });

  it.each([
    ['lint', '<file|dir>...'],
    ['diff', '<old> <new>'],
    ['check', '--published <dir>'],
  ])('contract %s --help shows usage, options, examples and exit codes', async (name, expected) => {
    const result = await run(['contract', name, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`tukar contract ${name}`);
    expect(result.stdout).toContain(expected);
    for (const part of ['Options:', '--help', 'Examples:', 'Exit codes:'])
      expect(result.stdout).toContain(part);
    expect(result.stdout).toMatch(/^ {2}2 {2}/m);
  });

  it('`help contract lint` is the same as `contract lint --help`', async () => {
    const viaHelp = await run(['help', 'contract', 'lint']);
    const viaFlag = await run(['contract', 'lint', '--help']);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
  });

  it('--help wins over an unknown flag', async () => {
    const result = await run(['contract', 'lint', '--bogus', '--help']);
    expect(result.code).toBe(0);
  });

  it('an unknown command exits 2 and lists the known ones', async () => {
    const top = await run(['kontrak']);
    expect(top.code).toBe(2);
    expect(top.stderr).toContain(
      "unknown command 'kontrak' for 'tukar' (commands: contract, procedure, validate, pact, types, evidence, audit, demo, completion)",
    );
    const sub = await run(['contract', 'lnt']);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain(
      "unknown command 'lnt' for 'tukar contract' (commands: lint, diff, check, init, export)",
    );
  });

  it('an unknown top-level option exits 2', async () => {
    const result = await run(['--verbose']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--verbose'");
  });
});
