import { parseArgs } from 'node:util';
import { describeFsError } from '../node/collect-inputs.js';
import { baselineCommand } from './baseline-command.js';
import { inputOptions, type OptionSpec, sweepOptions } from './cli-options.js';
import { COMMANDS, commandHelp, mainHelp } from './help.js';
import { parseCommand } from './parse-command.js';
import { scanCommand } from './scan-command.js';
import { sweepCommand } from './sweep-command.js';
import { UsageError } from './usage-error.js';
import { version } from './version.js';

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(mainHelp());
    return 1;
  }
  if (command === '-h' || command === '--help') {
    process.stdout.write(mainHelp());
    return 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const name = command === 'help' ? (rest[0] ?? '') : command;
  const spec = COMMANDS.find((c) => c.name === name);
  if (command === 'help') {
    if (rest[0] !== undefined && spec === undefined) throw unknownCommand(rest[0]);
    process.stdout.write(spec === undefined ? mainHelp() : commandHelp(spec));
    return 0;
  }
  if (spec === undefined) throw unknownCommand(command);
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(commandHelp(spec));
    return 0;
  }
  const { values, positionals } = parseFlags(rest, spec.options, spec.name);
  switch (spec.name) {
    case 'parse':
      return parseCommand(inputOptions(values, positionals));
    case 'scan':
      return scanCommand(inputOptions(values, positionals));
    case 'baseline':
      return baselineCommand(inputOptions(values, positionals));
    default:
      return sweepCommand(sweepOptions(values, positionals));
  }
}

function unknownCommand(name: string): UsageError {
  return new UsageError(`unknown command '${name}' (try: sshtrail --help)`);
}

function parseFlags(
  args: readonly string[],
  specs: readonly OptionSpec[],
  command: string,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const s of specs) options[s.name] = { type: s.type };
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return {
      values: parsed.values as Record<string, string | boolean | undefined>,
      positionals: parsed.positionals,
    };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    const quote = message.indexOf("'");
    const quoted = quote === -1 ? '' : message.slice(quote + 1, message.indexOf("'", quote + 1));
    const flag = quoted.split(' ')[0] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(
        `unknown option '${flag}' for ${command} (try: sshtrail ${command} --help)`,
      );
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      // The same code covers a switch given a value (`--sessions=yes`) and a value missing.
      const isSwitch = specs.some((s) => `--${s.name}` === flag && s.type === 'boolean');
      throw new UsageError(
        isSwitch
          ? `option '${flag}' is a switch and takes no value: write '${flag}' alone (try: sshtrail ${command} --help)`
          : `option '${flag}' needs a value (try: sshtrail ${command} --help)`,
      );
    }
    throw new UsageError(message.split('\n')[0] ?? 'bad arguments');
  }
}

function oneLine(error: unknown): string {
  const e = error as { code?: unknown; path?: unknown } | null;
  if (!(error instanceof UsageError) && typeof e?.code === 'string' && typeof e.path === 'string') {
    return `cannot read ${e.path}: ${describeFsError(error)}`;
  }
  if (error instanceof Error) return error.message.split('\n')[0] ?? 'error';
  return String(error).split('\n')[0] ?? 'error';
}

function isEpipe(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EPIPE';
}

// A reader that went away (`| head`) ends the run quietly, whatever was being written.
process.stdout.on('error', (error) => {
  if (isEpipe(error)) process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isEpipe(error)) {
      process.exitCode = 0;
      return;
    }
    // Bad input is reported as one line, never a stack trace.
    process.stderr.write(`sshtrail: ${oneLine(error)}\n`);
    process.exitCode = 1;
  },
);
