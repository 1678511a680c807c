import { createSourceParser } from '../parsers/create-source-parser.js';
import type { SourceParser } from '../parsers/source-parser.js';
import type { InputFormat } from './input-format.js';

/**
 * Options of {@link createFormatParser}: what any format's parser may use.
 */
export interface FormatParserOptions {
  /** Source name recorded in provenance (the file path as given, or `-`). */
  readonly source: string;
  /** Host for records that carry none. */
  readonly host?: string;
  /** Year for RFC3164 lines. */
  readonly year?: number;
  /** IANA zone for timestamps without one. */
  readonly timezone?: string;
  /** Reference time (epoch ms) for year inference. */
  readonly referenceTime?: number;
  /** Longest line parsed. */
  readonly maxLineLength?: number;
  /** Parser state to continue from (a previous parser's `snapshot()`, same format). */
  readonly state?: unknown;
}

/**
 * The parser for a format, or why there is none yet.
 *
 * @example
 * ```ts
 * const r: FormatParserResult = createFormatParser('auditd', { source: 'audit.log' });
 * ```
 */
export type FormatParserResult =
  | {
      /** A parser exists. */
      readonly ok: true;
      /** The parser. */
      readonly parser: SourceParser;
    }
  | {
      /** No line parser for this format (utmp is binary: read it with `readUtmpFile`). */
      readonly ok: false;
      /** One line, e.g. `format utmp: binary, not read line by line`. */
      readonly reason: string;
    };

/**
 * Creates the line parser for an input format with `createSourceParser` (syslog and
 * `journalctl -o json` text, audit logs, Zeek, Sysmon for Linux, osquery). utmp is binary and
 * has no line parser: `ok: false` (read it with `readUtmpFile`).
 *
 * @param format - The input's format.
 * @param options - Source name, default host, time options, line cap and state.
 * @returns The parser, or why there is none.
 * @example
 * ```ts
 * const r = createFormatParser('syslog', { source: '/var/log/auth.log', year: 2024 });
 * if (r.ok) r.parser.push('Mar  1 12:00:00 bastion sshd[42]: Connection closed by 10.0.0.5 port 50022');
 * ```
 */
export function createFormatParser(
  format: InputFormat,
  options: FormatParserOptions,
): FormatParserResult {
  const common = {
    source: options.source,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.maxLineLength === undefined ? {} : { maxLineLength: options.maxLineLength }),
  };
  if (format === 'utmp') return { ok: false, reason: 'format utmp: binary, not read line by line' };
  return {
    ok: true,
    parser: createSourceParser({
      ...common,
      format,
      ...(options.year === undefined ? {} : { year: options.year }),
      ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
      ...(options.referenceTime === undefined ? {} : { referenceTime: options.referenceTime }),
      ...(options.state === undefined ? {} : { state: options.state }),
    }),
  };
}
