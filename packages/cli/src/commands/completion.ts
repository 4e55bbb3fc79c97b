import { defineCommand, EXIT, UsageError } from '../command';
import { ROOT_OPTIONS, rootCommand } from '../command-table';
import { COMPLETION_SHELLS, type CompletionShell, completionScript } from '../completion-script';

const isShell = (value: string): value is CompletionShell =>
  (COMPLETION_SHELLS as readonly string[]).includes(value);

/** `tukar completion bash|zsh|fish` */
export const completionCommand = defineCommand({
  name: 'completion',
  summary: 'print a shell completion script for bash, zsh or fish',
  usage: '<bash|zsh|fish>',
  description: `
Prints a script that completes tukar's commands and options in your shell, generated from the
commands this version of tukar has. Load it once per session, or save it where your shell reads
completions:

  bash  source <(tukar completion bash)     (or save it in ~/.local/share/bash-completion/completions/tukar)
  zsh   source <(tukar completion zsh)      (or save it as _tukar in a directory of your $fpath)
  fish  tukar completion fish | source      (or save it as ~/.config/fish/completions/tukar.fish)`,
  options: {},
  examples: ['tukar completion bash > ~/.local/share/bash-completion/completions/tukar'],
  exitCodes: [
    [EXIT.ok, 'the script was printed'],
    [EXIT.usage, 'no shell, or a shell other than bash, zsh and fish'],
  ],
  async run({ io, positionals, commandPath }) {
    const [shell, ...extra] = positionals;
    if (shell === undefined || !isShell(shell) || extra.length > 0) {
      const what =
        shell === undefined ? 'which shell?' : `unsupported shell '${[shell, ...extra].join(' ')}'`;
      throw new UsageError(
        'bad_arguments',
        `${what} Give one of: ${COMPLETION_SHELLS.join(', ')}.\nRun '${commandPath} --help' for usage.`,
      );
    }
    io.stdout.write(await completionScript(shell, rootCommand, ROOT_OPTIONS));
    return EXIT.ok;
  },
});
