import type { Severity } from '../findings/finding.js';
import { type InputFormat, isInputFormat } from '../node/input-format.js';
import { UsageError } from './usage-error.js';

/** One command-line option: its flag, argument and one-line help. */
export interface OptionSpec {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly arg?: string;
  readonly help: string;
}

/** An `--output` format. */
export type OutputFormat = 'jsonl' | 'ecs' | 'ocsf' | 'html';

/** Options of the commands that read logs (`parse`, `scan`). */
export interface InputOptions {
  readonly paths: readonly string[];
  readonly format: InputFormat | undefined;
  readonly host: string | undefined;
  readonly hostFromDir: boolean;
  readonly year: number | undefined;
  readonly timezone: string | undefined;
  readonly follow: boolean;
  readonly stats: boolean;
  readonly out: string | undefined;
  readonly quiet: boolean;
  readonly sessions: boolean;
  readonly failOn: Severity | undefined;
  readonly config: string | undefined;
  readonly baseline: string | undefined;
  readonly output: OutputFormat;
}

/** Options of `sweep`. */
export interface SweepOptions {
  readonly out: string | undefined;
  readonly output: OutputFormat;
  readonly quiet: boolean;
  readonly failOn: Severity | undefined;
  readonly proc: string | undefined;
  readonly host: string | undefined;
}

const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
const OUTPUTS: readonly OutputFormat[] = ['jsonl', 'ecs', 'ocsf', 'html'];

/** Options every command takes. */
export const COMMON: readonly OptionSpec[] = [
  { name: 'out', type: 'string', arg: 'FILE', help: 'write to FILE instead of stdout' },
  {
    name: 'output',
    type: 'string',
    arg: 'FORMAT',
    help: 'jsonl (default), ecs, ocsf (one document per finding) or html (one report); parse writes jsonl only',
  },
  { name: 'quiet', type: 'boolean', help: 'no progress bar and no notes on stderr' },
];

/** Options of the commands that read logs. */
export const INPUT: readonly OptionSpec[] = [
  {
    name: 'format',
    type: 'string',
    arg: 'F',
    help: 'auto (default: sniff each file), syslog, journald-json, auditd, zeek, sysmon, osquery, utmp',
  },
  { name: 'host', type: 'string', arg: 'NAME', help: 'host for lines that carry none' },
  {
    name: 'host-from-dir',
    type: 'boolean',
    help: 'directory-per-host layout: DIR/<host>/auth.log gives host <host>',
  },
  {
    name: 'year',
    type: 'string',
    arg: 'YYYY',
    help: 'year of RFC3164 timestamps (default: inferred)',
  },
  {
    name: 'timezone',
    type: 'string',
    arg: 'ZONE',
    help: 'IANA zone of timestamps without one (default: UTC)',
  },
  {
    name: 'follow',
    type: 'boolean',
    help: 'keep reading the live files like tail -F (Ctrl-C stops)',
  },
  { name: 'stats', type: 'boolean', help: 'print the per-file line accounting as JSON on stderr' },
];

/** Options only `scan` takes. */
export const SCAN: readonly OptionSpec[] = [
  { name: 'sessions', type: 'boolean', help: 'also write every reconstructed session' },
  {
    name: 'fail-on',
    type: 'string',
    arg: 'SEVERITY',
    help: 'exit 2 when a finding is at or above low|medium|high|critical',
  },
  { name: 'config', type: 'string', arg: 'FILE', help: 'analyzer configuration (JSON)' },
  { name: 'baseline', type: 'string', arg: 'FILE', help: 'a baseline from `sshtrail baseline`' },
];

/** Options only `baseline` takes. */
export const BASELINE: readonly OptionSpec[] = [
  { name: 'config', type: 'string', arg: 'FILE', help: 'analyzer configuration (JSON)' },
];

/** Options only `sweep` takes. */
export const SWEEP: readonly OptionSpec[] = [
  {
    name: 'fail-on',
    type: 'string',
    arg: 'SEVERITY',
    help: 'exit 2 when a finding is at or above low|medium|high|critical',
  },
  {
    name: 'host',
    type: 'string',
    arg: 'NAME',
    help: 'host name in findings (default: this machine)',
  },
  { name: 'proc', type: 'string', arg: 'DIR', help: 'proc file system to read (default: /proc)' },
];

/** Reads `--output`. */
export function outputFormat(value: string | undefined): OutputFormat {
  const output = value ?? 'jsonl';
  if (!(OUTPUTS as readonly string[]).includes(output)) {
    throw new UsageError(`--output must be one of ${OUTPUTS.join(', ')} (got '${output}')`);
  }
  return output as OutputFormat;
}

/** Reads `--fail-on`. */
export function failOn(value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  if (!(SEVERITIES as readonly string[]).includes(value)) {
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} (got '${value}')`);
  }
  return value as Severity;
}

/** Whether `severity` is at or above `threshold`. */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}

/** Builds {@link InputOptions} from parsed values. */
export function inputOptions(
  values: Readonly<Record<string, string | boolean | undefined>>,
  positionals: readonly string[],
): InputOptions {
  if (positionals.length === 0) {
    throw new UsageError("no input: give one or more files or directories, or '-' for stdin");
  }
  const format = str(values.format);
  if (format !== undefined && format !== 'auto' && !isInputFormat(format)) {
    throw new UsageError(
      `--format must be auto, syslog, journald-json, auditd, zeek, sysmon, osquery or utmp (got '${format}')`,
    );
  }
  const yearText = str(values.year);
  let year: number | undefined;
  if (yearText !== undefined) {
    year = Number(yearText);
    if (yearText.length !== 4 || !Number.isInteger(year) || year < 1970) {
      throw new UsageError(`--year must be a four-digit year (got '${yearText}')`);
    }
  }
  const timezone = str(values.timezone);
  if (timezone !== undefined && !isTimeZone(timezone)) {
    throw new UsageError(
      `--timezone must be an IANA zone such as Europe/Berlin (got '${timezone}')`,
    );
  }
  const output = outputFormat(str(values.output));
  return {
    output,
    paths: positionals,
    format: format === undefined || format === 'auto' ? undefined : (format as InputFormat),
    host: str(values.host),
    hostFromDir: values['host-from-dir'] === true,
    year,
    timezone,
    follow: values.follow === true,
    stats: values.stats === true,
    out: str(values.out),
    quiet: values.quiet === true,
    sessions: values.sessions === true,
    failOn: failOn(str(values['fail-on'])),
    config: str(values.config),
    baseline: str(values.baseline),
  };
}

/** Builds {@link SweepOptions} from parsed values. */
export function sweepOptions(
  values: Readonly<Record<string, string | boolean | undefined>>,
  positionals: readonly string[],
): SweepOptions {
  if (positionals.length > 0) {
    throw new UsageError(`sweep takes no file arguments (got '${positionals[0]}')`);
  }
  return {
    output: outputFormat(str(values.output)),
    out: str(values.out),
    quiet: values.quiet === true,
    failOn: failOn(str(values['fail-on'])),
    proc: str(values.proc),
    host: str(values.host),
  };
}

function str(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
