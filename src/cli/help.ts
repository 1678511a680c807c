import { BASELINE, COMMON, INPUT, type OptionSpec, SCAN, SWEEP } from './cli-options.js';

/** A command's help: what it does, its usage line, options and examples. */
export interface CommandHelp {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: readonly OptionSpec[];
  readonly examples: readonly string[];
}

/** The commands, in the order `--help` lists them. */
export const COMMANDS: readonly CommandHelp[] = [
  {
    name: 'parse',
    summary: 'print normalized events as JSONL',
    usage: 'sshtrail parse [options] <files|dirs|->...',
    options: [...INPUT, ...COMMON],
    examples: [
      'sshtrail parse /var/log/auth.log --year 2024 --timezone Europe/Berlin',
      'sshtrail parse /var/log --stats > events.jsonl',
      'journalctl -o json -u ssh | sshtrail parse -',
      'sshtrail parse /var/log/audit/audit.log --format auditd --host bastion',
    ],
  },
  {
    name: 'scan',
    summary: 'reconstruct sessions; print findings and cases as JSONL',
    usage: 'sshtrail scan [options] <files|dirs|->...',
    options: [...INPUT, ...SCAN, ...COMMON],
    examples: [
      'sshtrail scan /var/log/auth.log* --sessions --year 2024',
      'sshtrail scan logs/ --host-from-dir --fail-on high   # logs/<host>/auth.log ...',
      'sshtrail scan /var/log/auth.log --follow --out findings.jsonl',
      'sshtrail scan /var/log --output html --out report.html',
      'sshtrail scan logs/ --config sshtrail.json --baseline baseline.json',
    ],
  },
  {
    name: 'baseline',
    summary: "learn each user's usual hours, sources, session lengths and hosts from logs",
    usage: 'sshtrail baseline [options] <files|dirs|->...',
    options: [...INPUT, ...BASELINE, ...COMMON],
    examples: [
      'sshtrail baseline /var/log/auth.log* --out baseline.json',
      'sshtrail scan /var/log/auth.log --baseline baseline.json',
    ],
  },
  {
    name: 'sweep',
    summary:
      'inspect this host now: who uses whose SSH agent and ControlMaster sockets (Linux, root)',
    usage: 'sshtrail sweep [options]',
    options: [...SWEEP, ...COMMON],
    examples: ['sudo sshtrail sweep', 'sudo sshtrail sweep --fail-on high --out sweep.jsonl'],
  },
];

const EXIT_CODES = `Exit codes:
  0  success (with or without findings)
  1  usage or I/O error (one line on stderr)
  2  a finding at or above --fail-on SEVERITY`;

/** The top-level help. */
export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const commands = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  const examples = COMMANDS.map((c) => `  ${c.examples[0] ?? ''}`).join('\n');
  return `Usage: sshtrail <command> [options]

Reconstructs SSH sessions from Linux logs and detects SSH session hijacking (T1563.001).

Commands:
${commands}

Options:
  -h, --help     show help (sshtrail <command> --help for a command's options)
  -v, --version  show the version

Examples:
${examples}

${EXIT_CODES}
`;
}

/** A command's help. */
export function commandHelp(command: CommandHelp): string {
  const flags = command.options.map((o) => `--${o.name}${o.arg === undefined ? '' : ` ${o.arg}`}`);
  const width = Math.max(...flags.map((f) => f.length));
  const options = command.options
    .map((o, i) => `  ${(flags[i] ?? '').padEnd(width)}  ${o.help}`)
    .join('\n');
  return `Usage: ${command.usage}

${command.summary[0]?.toUpperCase() ?? ''}${command.summary.slice(1)}.

Options:
${options}
  ${'-h, --help'.padEnd(width)}  show this help

Examples:
${command.examples.map((e) => `  ${e}`).join('\n')}

${EXIT_CODES}
`;
}
