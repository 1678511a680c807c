import { parseCidr } from '../config/cidr.js';

/**
 * One entry of a threat-intel list.
 *
 * @example
 * ```ts
 * const e: IntelEntry = { network: '203.0.113.0/24', label: 'scanner', line: 3 };
 * ```
 */
export interface IntelEntry {
  /** Canonical network (`address/prefix`; a single address is `/32` or `/128`). */
  readonly network: string;
  /** The label (CSV second column), when given. */
  readonly label: string | undefined;
  /** 1-based line in the list. */
  readonly line: number;
}

/**
 * A parsed threat-intel list, with the lines it could not read.
 *
 * @example
 * ```ts
 * const list: IntelList = { name: 'blocklist', entries: [], errors: [] };
 * ```
 */
export interface IntelList {
  /** The list's name (cited in findings). */
  readonly name: string;
  /** Its entries, in file order. */
  readonly entries: readonly IntelEntry[];
  /** One line per unreadable line: `blocklist:7: not an IP address or CIDR`. */
  readonly errors: readonly string[];
}

const MAX_ERRORS = 100;

/**
 * Parses a plain-text list: one address or CIDR a line; `#` starts a comment; blank lines
 * are skipped. Never throws.
 *
 * @param name - The list's name.
 * @param text - The file's text.
 * @returns The list.
 * @example
 * ```ts
 * parseIntelText('blocklist', '# bad\n203.0.113.0/24\n198.51.100.9 # scanner\n').entries.length; // 2
 * ```
 */
export function parseIntelText(name: string, text: string): IntelList {
  const entries: IntelEntry[] = [];
  const errors: string[] = [];
  eachLine(text, (raw, line) => {
    const hash = raw.indexOf('#');
    const value = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (value.length === 0) return;
    const net = parseCidr(value);
    if (net === undefined) {
      if (errors.length < MAX_ERRORS) errors.push(`${name}:${line}: not an IP address or CIDR`);
      return;
    }
    entries.push({ network: net.text, label: undefined, line });
  });
  return { name, entries, errors };
}

/**
 * Parses a CSV list `ip_or_cidr,label[,...]` (a header line and `#` comment lines are
 * skipped; simple double quotes around a field are removed). Never throws.
 *
 * @param name - The list's name.
 * @param text - The file's text.
 * @returns The list.
 * @example
 * ```ts
 * parseIntelCsv('feed', 'ip,label\n203.0.113.7,c2 server\n').entries[0]?.label; // 'c2 server'
 * ```
 */
export function parseIntelCsv(name: string, text: string): IntelList {
  const entries: IntelEntry[] = [];
  const errors: string[] = [];
  let first = true;
  eachLine(text, (raw, line) => {
    const value = raw.trim();
    if (value.length === 0 || value.startsWith('#')) return;
    const fields = value.split(',').map(unquote);
    const net = parseCidr(fields[0] ?? '');
    const isHeader = first;
    first = false;
    if (net === undefined) {
      if (!isHeader && errors.length < MAX_ERRORS) {
        errors.push(`${name}:${line}: not an IP address or CIDR`);
      }
      return;
    }
    const label = fields[1];
    entries.push({
      network: net.text,
      label: label === undefined || label === '' ? undefined : label,
      line,
    });
  });
  return { name, entries, errors };
}

function unquote(field: string): string {
  const f = field.trim();
  return f.length >= 2 && f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1) : f;
}

function eachLine(text: string, visit: (line: string, number: number) => void): void {
  let start = 0;
  let number = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    number += 1;
    const line = text.slice(start, end);
    visit(line.endsWith('\r') ? line.slice(0, -1) : line, number);
    start = end + 1;
  }
}
