// `tukar completion bash|zsh|fish`: scripts generated from the command table.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type CliCommand, type OptionSpec, resolveCommand } from '../src/command';
import { rootCommand } from '../src/command-table';
import { run } from './helpers';

/** Every command path and its options, walked from the table as a user would see them in help. */
async function everyCommand(): Promise<Array<{ path: string[]; options: Record<string, OptionSpec> }>> {
  const found: Array<{ path: string[]; options: Record<string, OptionSpec> }> = [];
  async function visit(commands: CliCommand[], path: string[]) {
    for (const entry of commands) {
      const command = await resolveCommand(entry);
      const here = [...path, command.name];
      if (command.kind === 'group') {
        found.push({ path: here, options: {} });
        await visit(command.commands, here);
      } else found.push({ path: here, options: command.options });
    }
  }
  await visit(rootCommand.commands, []);
  return found;
}

/** Completes `line` (the words typed so far, the last one being completed) with the bash script. */
function completeInBash(script: string, words: string[]): string[] {
  const program = `${script}
COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')})
COMP_CWORD=${words.length - 1}
_tukar
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.split('\n').filter((line) => line !== '');
}

describe('tukar completion', () => {
  it('bash: completes commands, subcommands and options when sourced', async () => {
    const { code, stdout: script, stderr } = await run(['completion', 'bash']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(completeInBash(script, ['tukar', ''])).toEqual(rootCommand.commands.map((c) => c.name));
    expect(completeInBash(script, ['tukar', 'co'])).toEqual(['contract', 'completion']);
    expect(completeInBash(script, ['tukar', 'contract', 'l'])).toEqual(['lint']);
    expect(completeInBash(script, ['tukar', '--v'])).toEqual(['--version']);
    // A leaf's options, also after a positional argument; a plain word falls back to file names.
    const options = completeInBash(script, ['tukar', 'validate', 'data.ndjson', '--contr']);
    expect(options).toEqual(['--contract']);
    expect(completeInBash(script, ['tukar', 'validate', 'da'])).toEqual([]);
  });

  it('bash: every command and option of the table completes', async () => {
    const { stdout: script } = await run(['completion', 'bash']);
    for (const { path, options } of await everyCommand()) {
      const words = completeInBash(script, ['tukar', ...path, '--']);
      expect(words, path.join(' ')).toEqual(
        expect.arrayContaining([...Object.keys(options).map((name) => `--${name}`), '--help']),
      );
    }
  });

  it.each(['zsh', 'fish'])('%s: the script names every command and option', async (shell) => {
    const { code, stdout: script } = await run(['completion', shell]);
    expect(code).toBe(0);
    for (const { path, options } of await everyCommand()) {
      const name = path.at(-1) ?? '';
      expect(script, path.join(' ')).toContain(shell === 'fish' ? `-a ${name} ` : `'${name}:`);
      for (const option of Object.keys(options))
        expect(script, `${path.join(' ')} --${option}`).toContain(
          shell === 'fish' ? `-l ${option}` : `'--${option}'`,
        );
    }
    expect(script).toContain(shell === 'fish' ? '-l version -s v' : "'--version'");
  });

  it.each([[[]], [['tcsh']], [['bash', 'zsh']]])('refuses %j with the shells it knows', async (args) => {
    const result = await run(['completion', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bash, zsh, fish');
    expect(result.stdout).toBe('');
  });
});
