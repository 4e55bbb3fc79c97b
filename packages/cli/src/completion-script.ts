import { type CliCommand, type OptionSpec, resolveCommand } from './command';
import { HELP_OPTION } from './help';

/** The shells `tukar completion` writes a script for. */
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** One place on the command line: `tukar contract`, with what may follow it. */
interface CompletionNode {
  /** Subcommand words from `tukar`, e.g. `['contract', 'lint']`; empty for `tukar` itself. */
  path: string[];
  commands: Array<{ name: string; summary: string }>;
  options: Array<[string, OptionSpec]>;
}

/**
 * Walks the command table (loading every lazy command) into the places completion must know.
 * The root's own options (`--version`) come as `rootOptions`.
 */
export async function completionNodes(
  root: { commands: CliCommand[] },
  rootOptions: Record<string, OptionSpec>,
): Promise<CompletionNode[]> {
  const nodes: CompletionNode[] = [];
  async function visit(commands: CliCommand[], path: string[], options: Record<string, OptionSpec>) {
    nodes.push({
      path,
      commands: commands.map(({ name, summary }) => ({ name, summary })),
      options: Object.entries({ ...options, help: HELP_OPTION }),
    });
    for (const entry of commands) {
      const command = await resolveCommand(entry);
      if (command.kind === 'group') await visit(command.commands, [...path, command.name], {});
      else
        nodes.push({
          path: [...path, command.name],
          commands: [],
          options: Object.entries({ ...command.options, help: HELP_OPTION }),
        });
    }
  }
  await visit(root.commands, [], rootOptions);
  return nodes;
}

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
const flagsOf = (node: CompletionNode) =>
  node.options.flatMap(([name, spec]) => (spec.short ? [`--${name}`, `-${spec.short}`] : [`--${name}`]));

/** A `case` over the subcommand path, printing the words of each place (bash and zsh share it). */
function caseOf(nodes: CompletionNode[], words: (node: CompletionNode) => string[]): string {
  return nodes
    .map((node) => `    ${shellQuote(node.path.join(' '))}) echo ${shellQuote(words(node).join(' '))} ;;`)
    .join('\n');
}

function bashScript(nodes: CompletionNode[]): string {
  return `# tukar completion for bash. Load it with: source <(tukar completion bash)
_tukar_commands() {
  case "$1" in
${caseOf(nodes, (node) => node.commands.map((command) => command.name))}
  esac
}
_tukar_options() {
  case "$1" in
${caseOf(nodes, flagsOf)}
  esac
}
_tukar() {
  local node='' word i cur="\${COMP_WORDS[COMP_CWORD]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case " $(_tukar_commands "$node") " in
      *" $word "*) node="\${node:+$node }$word" ;;
    esac
  done
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_tukar_options "$node")" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$(_tukar_commands "$node")" -- "$cur"))
  fi
}
complete -o default -F _tukar tukar
`;
}

function zshScript(nodes: CompletionNode[]): string {
  const described = (node: CompletionNode) =>
    node.commands.map((command) => `${command.name}:${command.summary.replaceAll(':', '\\:')}`);
  return `#compdef tukar
# tukar completion for zsh. Load it with: source <(tukar completion zsh)
# or save it as _tukar in a directory of your $fpath.
_tukar_commands() {
  case "$1" in
${nodes.map((node) => `    ${shellQuote(node.path.join(' '))}) reply=(${described(node).map(shellQuote).join(' ')}) ;;`).join('\n')}
  esac
}
_tukar_options() {
  case "$1" in
${nodes.map((node) => `    ${shellQuote(node.path.join(' '))}) reply=(${flagsOf(node).map(shellQuote).join(' ')}) ;;`).join('\n')}
  esac
}
_tukar() {
  local node='' word i
  local -a reply names
  for ((i = 2; i < CURRENT; i++)); do
    word=\${words[i]}
    _tukar_commands "$node"
    names=(\${reply%%:*})
    if (( \${names[(Ie)$word]} )); then node="\${node:+$node }$word"; fi
  done
  if [[ \${words[CURRENT]} == -* ]]; then
    _tukar_options "$node"
    compadd -- $reply
  else
    _tukar_commands "$node"
    if (( \${#reply} )); then _describe 'command' reply; else _files; fi
  fi
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _tukar "$@"; else compdef _tukar tukar; fi
`;
}

function fishScript(nodes: CompletionNode[]): string {
  const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  const lines = [
    '# tukar completion for fish. Load it with: tukar completion fish | source',
    'complete -c tukar -f',
  ];
  for (const node of nodes) {
    // The place is reached when every word of its path has been seen and no deeper word has.
    const deeper = node.commands.map((command) => command.name);
    const seen = node.path.map((word) => `__fish_seen_subcommand_from ${word}`);
    const condition =
      node.path.length === 0
        ? '__fish_use_subcommand'
        : [
            ...seen,
            ...(deeper.length > 0 ? [`not __fish_seen_subcommand_from ${deeper.join(' ')}`] : []),
          ].join('; and ');
    for (const command of node.commands)
      lines.push(`complete -c tukar -n ${quote(condition)} -a ${command.name} -d ${quote(command.summary)}`);
    for (const [name, spec] of node.options) {
      const short = spec.short ? ` -s ${spec.short}` : '';
      const value = spec.type === 'string' ? ' -r -F' : '';
      lines.push(
        `complete -c tukar -n ${quote(condition)} -l ${name}${short}${value} -d ${quote(spec.description)}`,
      );
    }
    if (node.commands.length === 0 && node.path.length > 0)
      lines.push(`complete -c tukar -n ${quote(condition)} -F`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The completion script of `shell` for a command table, generated from the commands and options the
 * table declares, so that a new command or option completes without touching this file.
 */
export async function completionScript(
  shell: CompletionShell,
  root: { commands: CliCommand[] },
  rootOptions: Record<string, OptionSpec>,
): Promise<string> {
  const nodes = await completionNodes(root, rootOptions);
  if (shell === 'bash') return bashScript(nodes);
  if (shell === 'zsh') return zshScript(nodes);
  return fishScript(nodes);
}
