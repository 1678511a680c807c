import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The shared corpora, found as `../shared/corpora` relative to the repository root. */
export const CORPORA: string = path.resolve(process.cwd(), '../shared/corpora');

/** Whether the shared corpora are present (conformance tests are skipped otherwise). */
export const HAVE_CORPORA: boolean = existsSync(path.join(CORPORA, 'sshd'));

if (!HAVE_CORPORA) {
  console.warn(`shared corpora not found at ${CORPORA}: conformance tests are skipped`);
}

/** One log line of a corpus file, as the pipeline should read it. */
export interface CorpusLine {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

const NOT_LOGS = /(\.csv|\.assert|\.yaml|\.md|\.json|LICENSE)$/;

/** Every log file under `corpora/<dir>`, relative to `corpora/`. */
export function logFiles(dir: string): string[] {
  const out: string[] = [];
  // Describe blocks are collected even when skipped: without the corpora there is nothing to list.
  if (!existsSync(path.join(CORPORA, dir))) return out;
  const walk = (abs: string): void => {
    for (const name of readdirSync(abs).sort()) {
      const full = path.join(abs, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!NOT_LOGS.test(name)) out.push(path.relative(CORPORA, full));
    }
  };
  walk(path.join(CORPORA, dir));
  return out;
}

/**
 * The log lines of a corpus file. Files are read as latin1 (some hold invalid UTF-8 on purpose);
 * fail2ban's `# ...` expectation comments and blank lines are left out; Wazuh `.ini` test files
 * contribute their `log N pass = <line>` entries.
 */
export function corpusLines(file: string): CorpusLine[] {
  const raw = readFileSync(path.join(CORPORA, file), 'latin1').split(/\r?\n/);
  const out: CorpusLine[] = [];
  raw.forEach((text, i) => {
    if (file.endsWith('.ini')) {
      const m = /^log \d+ pass = (.*)$/.exec(text);
      if (m?.[1] !== undefined) out.push({ file, line: i + 1, text: m[1] });
      return;
    }
    if (text.trim().length === 0 || (file.includes('fail2ban/') && text.startsWith('#'))) return;
    out.push({ file, line: i + 1, text });
  });
  return out;
}
