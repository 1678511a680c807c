import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { MessageContext } from '../../../src/parsers/outcome.js';
import { context } from '../../helpers/context.js';

/** The shared corpora directory (`../shared/corpora` from the repo root). */
export const CORPORA_DIR: string = resolve(process.cwd(), '../shared/corpora');

/** True when the shared corpora are present. */
export const HAS_CORPORA: boolean = existsSync(join(CORPORA_DIR, 'sshd'));

/** A corpus line split into its envelope and message. */
export interface SplitLine {
  readonly file: string;
  readonly lineNumber: number;
  readonly text: string;
  readonly host: string | undefined;
  readonly program: string;
  readonly pid: number | undefined;
  readonly message: string;
}

// Tolerant test-only envelope splitter: RFC3164 (`Feb  7 15:10:42`, `Nov 2 ...`), ISO and
// macOS-style timestamps, or none (fail2ban's journal form `srv sshd[1]: msg`), then
// `host prog[pid]: msg` or `host prog: msg`. Wazuh `.ini` lines carry a `log N pass = ` prefix.
const ENVELOPE =
  /^(?:log \d+ (?:pass|fail) = )?(?:[A-Z][a-z]{1,2}\s+\d{1,2}\s+\d\d:\d\d:\d\d\s+|\d{4}-\d\d-\d\d[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?\s+)?(\S+)\s+([^\s[:]+)(?:\[(\d+)\])?:\s(.*)$/;

/**
 * Splits a syslog-ish line into host, program, pid and message; `undefined` when it has no
 * recognisable `prog[pid]:` tag.
 */
export function splitLine(file: string, lineNumber: number, text: string): SplitLine | undefined {
  const m = ENVELOPE.exec(text);
  if (m === null) return undefined;
  const [, host, program, pid, message] = m;
  if (program === undefined || message === undefined) return undefined;
  return {
    file,
    lineNumber,
    text,
    host,
    program,
    pid: pid === undefined ? undefined : Number(pid),
    message,
  };
}

/** The message context for a split line. */
export function contextOf(line: SplitLine): MessageContext {
  return context({
    host: line.host,
    program: line.program,
    pid: line.pid,
    source: { source: line.file, line: line.lineNumber, text: line.text },
  });
}

/** Every file under `sshd/` of the corpora, relative paths. */
export function corpusFiles(): readonly string[] {
  const root = join(CORPORA_DIR, 'sshd');
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(log|ini)$/.test(name) || !name.includes('.')) out.push(relative(root, path));
    }
  };
  walk(root);
  return out.filter((f) => !f.endsWith('LICENSE'));
}

/** Reads one corpus file (latin1, so stray non-UTF-8 bytes never fail) as lines. */
export function corpusLines(file: string): readonly string[] {
  return readFileSync(join(CORPORA_DIR, 'sshd', file), 'latin1').split(/\r?\n/);
}

/** True when a split line belongs to sshd's auth-log neighbours (PAM, sudo, su, logind). */
export function isAuthNeighbour(line: SplitLine): boolean {
  const { program, message } = line;
  return (
    program === 'sudo' ||
    program === 'su' ||
    program === 'systemd-logind' ||
    program === 'pam' ||
    program.includes('(pam_') ||
    message.startsWith('pam_') ||
    message.startsWith('PAM ') ||
    message.startsWith('(pam_')
  );
}
