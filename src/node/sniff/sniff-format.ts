import { createEnvelopeParser } from '../../parsers/syslog/index.js';
import type { InputFormat } from '../input-format.js';
import { ZEEK_SEPARATOR_HEADER } from './patterns.js';

/**
 * What {@link sniffFormat} decided: a format with the reason, or `unsure` with a message a
 * user can act on (usually: pass `--format`).
 *
 * @example
 * ```ts
 * const r: SniffResult = { kind: 'format', format: 'auditd', reason: '3 of 3 lines start with type= or node=' };
 * ```
 */
export type SniffResult =
  | {
      /** A format was recognized. */
      readonly kind: 'format';
      /** The format. */
      readonly format: InputFormat;
      /** Why, in a few words. */
      readonly reason: string;
    }
  | {
      /** No format could be decided. */
      readonly kind: 'unsure';
      /** Why, in one sentence. */
      readonly reason: string;
    };

/** How many lines {@link sniffFormat} looks at, at most. */
export const SNIFF_LINES = 64;

const MAX_JSON = 65_536;
const MAJORITY = 0.5;

type Vote = InputFormat | 'zeek-header' | 'skip' | 'unknown';

/**
 * Decides the format of a text log from its first lines. A Zeek header (`#separator`,
 * `#fields`) decides at once; otherwise each line votes (`type=`/`node=` prefixes for auditd,
 * `<Event` XML for Sysmon, JSON keys for journald, Zeek, osquery and Sysmon, a readable
 * syslog envelope for syslog) and a format read on more than half of the voting lines wins. Comment and blank lines do not vote.
 * Binary formats (utmp) are decided from bytes: see {@link sniffUtmp}.
 *
 * @param firstLines - The first lines of the file, without terminators (up to {@link SNIFF_LINES} are read).
 * @returns The format and why, or `unsure` and why.
 * @example
 * ```ts
 * sniffFormat(['type=EOE msg=audit(1610992796.780:425): ']); // { kind: 'format', format: 'auditd', ... }
 * ```
 */
export function sniffFormat(firstLines: readonly string[]): SniffResult {
  const envelope = createEnvelopeParser({ year: 2000, timezone: 'UTC', referenceTime: 0 });
  const counts = new Map<InputFormat, number>();
  let voters = 0;
  let firstUnknown: string | undefined;
  const n = Math.min(firstLines.length, SNIFF_LINES);
  for (let i = 0; i < n; i++) {
    const line = firstLines[i] as string;
    const vote = classify(line, (text) => envelope(text).ok);
    if (vote === 'zeek-header') {
      return { kind: 'format', format: 'zeek', reason: `Zeek header at line ${i + 1}` };
    }
    if (vote === 'skip') continue;
    voters++;
    if (vote === 'unknown') {
      firstUnknown ??= line;
      continue;
    }
    counts.set(vote, (counts.get(vote) ?? 0) + 1);
  }
  if (voters === 0) return { kind: 'unsure', reason: 'no log lines in the first lines' };
  const sysmon = counts.get('sysmon') ?? 0;
  const syslog = counts.get('syslog') ?? 0;
  if (sysmon > 0 && sysmon + syslog >= voters * MAJORITY) {
    // Sysmon for Linux writes through syslog: its lines sit among ordinary syslog lines.
    return { kind: 'format', format: 'sysmon', reason: `${sysmon} Sysmon <Event> lines in syslog` };
  }
  let best: InputFormat | undefined;
  let bestCount = 0;
  for (const [format, count] of counts) {
    if (count > bestCount) {
      best = format;
      bestCount = count;
    }
  }
  if (best !== undefined && bestCount > voters * MAJORITY) {
    return {
      kind: 'format',
      format: best,
      reason: `${bestCount} of ${voters} lines read as ${best}`,
    };
  }
  const seen = [...counts].map(([f, c]) => `${c} ${f}`).join(', ');
  const sample = firstUnknown === undefined ? '' : `; e.g. '${excerpt(firstUnknown)}'`;
  return {
    kind: 'unsure',
    reason: `no clear format in ${voters} lines (${seen.length > 0 ? seen : 'none recognized'})${sample}`,
  };
}

function classify(line: string, isSyslog: (text: string) => boolean): Vote {
  if (line.length === 0) return 'skip';
  const c = line.charCodeAt(0);
  if (c === 35 /* # */) {
    if (line.startsWith('#separator') || line.startsWith('#fields\t')) return 'zeek-header';
    return 'skip';
  }
  if (line.trim().length === 0) return 'skip';
  if (line.length <= 64 && ZEEK_SEPARATOR_HEADER.test(line)) return 'zeek-header';
  if (line.startsWith('type=') || line.startsWith('node=')) return 'auditd';
  const text = c === 0x1e ? line.slice(1) : line;
  if (text.charCodeAt(0) === 123 /* { */) return classifyJson(text);
  if (text.indexOf('<Event>') !== -1 || text.indexOf('<Event xmlns') !== -1) return 'sysmon';
  return isSyslog(text) ? 'syslog' : 'unknown';
}

function classifyJson(text: string): Vote {
  if (text.length > MAX_JSON) return 'unknown';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'unknown';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'unknown';
  const o = value as Record<string, unknown>;
  if ('id.orig_h' in o || ('_path' in o && 'ts' in o)) return 'zeek';
  if ('__REALTIME_TIMESTAMP' in o || ('MESSAGE' in o && ('_PID' in o || '_COMM' in o))) {
    return 'journald-json';
  }
  if ('hostIdentifier' in o && ('columns' in o || 'snapshot' in o || 'diffResults' in o)) {
    return 'osquery';
  }
  if ('EventID' in o || hasSysmonSystem(o.Event)) return 'sysmon';
  return 'unknown';
}

function hasSysmonSystem(event: unknown): boolean {
  if (typeof event !== 'object' || event === null) return false;
  const system = (event as Record<string, unknown>).System;
  return typeof system === 'object' && system !== null && 'EventID' in system;
}

function excerpt(line: string): string {
  const cut = line.length > 60 ? `${line.slice(0, 60)}...` : line;
  // Keep the message on one line whatever the file holds.
  let out = '';
  for (const ch of cut) out += ch < ' ' || ch === '\u007f' ? '?' : ch;
  return out;
}
