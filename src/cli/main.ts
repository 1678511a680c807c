import { describeFsError } from '../node/collect-inputs.js';
import { parseInputOptions } from './options.js';
import { parseCommand } from './parse-command.js';
import { scanCommand } from './scan-command.js';
import { UsageError } from './usage-error.js';

const USAGE = `Usage: sshtrail <command> [options] <files|dirs...>

Commands:
  parse   print normalized events as JSONL
  scan    print findings and cases (with --sessions: sessions) as JSONL

Options:
  --format auto|syslog|journald-json   input format (default: auto, per line)
  --host NAME        host for lines that carry none
  --year YYYY        year for RFC3164 timestamps (default: inferred)
  --timezone ZONE    IANA zone for timestamps without one (default: UTC)
  --sessions         (scan) also write every reconstructed session
  --out FILE         write to FILE instead of stdout
  --stats            print the per-source line accounting as JSON on stderr
  -h, --help         show this help
  -v, --version      show the version

Examples:
  sshtrail parse /var/log/auth.log --year 2024 --timezone Europe/Berlin
  sshtrail parse /var/log --stats > events.jsonl
  sshtrail scan /var/log/auth.log* --sessions --year 2024
`;

declare const __VERSION__: string | undefined;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}\n`);
    return 0;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  switch (command) {
    case 'parse':
      return parseCommand(parseInputOptions(rest));
    case 'scan':
      return scanCommand(parseInputOptions(rest));
    default:
      throw new UsageError(`unknown command '${command}' (try: sshtrail --help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Bad input is reported as one line, never a stack trace.
    const message =
      error instanceof UsageError || error instanceof Error
        ? (error.message.split('\n')[0] ?? 'error')
        : describeFsError(error);
    process.stderr.write(`sshtrail: ${message}\n`);
    process.exitCode = 1;
  },
);
