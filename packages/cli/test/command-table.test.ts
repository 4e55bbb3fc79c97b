// The top-level command table loads each command lazily; what `tukar --help` prints from the table
// must be what the command itself says once loaded.
import { describe, expect, it } from 'vitest';
import { resolveCommand } from '../src/command';
import { rootCommand } from '../src/command-table';
import { run } from './helpers';

describe('the lazy command table', () => {
  it.each(rootCommand.commands.map((entry) => [entry.name, entry] as const))(
    '%s: the table names and summarises the command as the command does',
    async (_name, entry) => {
      expect(entry.kind).toBe('lazy');
      const command = await resolveCommand(entry);
      expect(command.kind).not.toBe('lazy');
      expect({ name: command.name, summary: command.summary }).toEqual({
        name: entry.name,
        summary: entry.summary,
      });
    },
  );

  it('tukar --help lists every command with its summary', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const entry of rootCommand.commands)
      expect(result.stdout).toMatch(new RegExp(`^ {2}${entry.name} +${entry.summary}$`, 'm'));
  });

  it('a lazily loaded group still dispatches to its subcommands', async () => {
    const result = await run(['pact', 'check', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('tukar pact check');
  });
});
