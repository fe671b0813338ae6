/**
 * Shell completion scripts, written from the program's own verbs and options so they never
 * drift from what the CLI accepts. Flow ids complete from `callflow list --json` at the prompt.
 */
import type { Command } from 'commander';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface VerbWords {
  name: string;
  description: string;
  options: string[];
  /** Whether its first argument is a flow id (completed from the workspace). */
  takesFlow: boolean;
}

function verbWords(program: Command): VerbWords[] {
  return program.commands.map((command) => ({
    name: command.name(),
    description: command.description().split('\n')[0]!.replace(/'/g, ''),
    options: command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f)),
    takesFlow: /^<flow-id>|^<target>|^<flow>/.test(command.usage().replace(/^\[options\] /, '')),
  }));
}

const FLOW_IDS = `callflow list --json 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).map(f=>f.id).join(" "))}catch{}})'`;

export function completionScript(program: Command, shell: Shell): string {
  const verbs = verbWords(program);
  const names = verbs.map((v) => v.name).join(' ');
  const flowVerbs = verbs.filter((v) => v.takesFlow).map((v) => v.name);
  if (shell === 'bash') {
    const cases = verbs.map((v) => `    ${v.name}) opts="${v.options.join(' ')}" ;;`).join('\n');
    return `# callflow completion for bash: add to ~/.bashrc:  eval "$(callflow completion bash)"
_callflow() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" verb="\${COMP_WORDS[1]}" opts=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${names} --help --version --cwd" -- "$cur"))
    return
  fi
  case "$verb" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
  elif [ "$COMP_CWORD" -eq 2 ] && [[ " ${flowVerbs.join(' ')} " == *" $verb "* ]]; then
    COMPREPLY=($(compgen -W "$(${FLOW_IDS})" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -F _callflow callflow
`;
  }
  if (shell === 'zsh') {
    const described = verbs.map((v) => `    '${v.name}:${v.description.replace(/:/g, '\\:')}'`).join('\n');
    const cases = verbs.map((v) => `    ${v.name}) opts=(${v.options.join(' ')}) ;;`).join('\n');
    return `#compdef callflow
# callflow completion for zsh: add to ~/.zshrc:  eval "$(callflow completion zsh)"
_callflow() {
  local -a verbs opts
  verbs=(
${described}
  )
  if (( CURRENT == 2 )); then
    _describe 'callflow verb' verbs
    return
  fi
  case "$words[2]" in
${cases}
  esac
  if [[ "$PREFIX" == -* ]]; then
    compadd -- $opts --help
  elif (( CURRENT == 3 )) && [[ " ${flowVerbs.join(' ')} " == *" $words[2] "* ]]; then
    compadd -- \${(z)"$(${FLOW_IDS})"}
  else
    _files
  fi
}
compdef _callflow callflow
`;
  }
  const lines = [
    '# callflow completion for fish: callflow completion fish > ~/.config/fish/completions/callflow.fish',
    'complete -c callflow -f',
  ];
  for (const v of verbs) {
    lines.push(`complete -c callflow -n '__fish_use_subcommand' -a ${v.name} -d '${v.description}'`);
    for (const option of v.options.filter((o) => o.startsWith('--'))) {
      lines.push(`complete -c callflow -n '__fish_seen_subcommand_from ${v.name}' -l ${option.slice(2)}`);
    }
  }
  lines.push(
    `complete -c callflow -n '__fish_seen_subcommand_from ${flowVerbs.join(' ')}' -a '(${FLOW_IDS.replace(/'/g, "\\'")})'`,
  );
  return lines.join('\n') + '\n';
}
