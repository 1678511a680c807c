import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

/** Options shared by the commands that read logs. */
export interface InputOptions {
  readonly paths: readonly string[];
  readonly format: 'auto' | 'syslog' | 'journald-json';
  readonly host: string | undefined;
  readonly year: number | undefined;
  readonly timezone: string | undefined;
  readonly stats: boolean;
  readonly out: string | undefined;
  readonly sessions: boolean;
  readonly output: string;
}

const FORMATS = ['auto', 'syslog', 'journald-json'] as const;

/** Parses a command's arguments; throws {@link UsageError} with a one-line message. */
export function parseInputOptions(args: readonly string[]): InputOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0)
    throw new UsageError('no input: give one or more files or directories');
  const format = values.format ?? 'auto';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${format}')`);
  }
  let year: number | undefined;
  if (values.year !== undefined) {
    year = Number(values.year);
    if (!Number.isInteger(year) || year < 1970 || year > 9999) {
      throw new UsageError(`--year must be a four-digit year (got '${values.year}')`);
    }
  }
  if (values.timezone !== undefined && !isTimeZone(values.timezone)) {
    throw new UsageError(
      `--timezone must be an IANA zone such as Europe/Berlin (got '${values.timezone}')`,
    );
  }
  return {
    paths: positionals,
    format: format as InputOptions['format'],
    host: values.host,
    year,
    timezone: values.timezone,
    stats: values.stats ?? false,
    out: values.out,
    sessions: values.sessions ?? false,
    output: values.output ?? 'jsonl',
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      host: { type: 'string' },
      year: { type: 'string' },
      timezone: { type: 'string' },
      stats: { type: 'boolean' },
      out: { type: 'string' },
      output: { type: 'string' },
      sessions: { type: 'boolean' },
    },
  });
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
