import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The shared sshd corpora (`../shared/corpora/sshd` from the repo root). */
export const SSHD_CORPUS: string = resolve(process.cwd(), '../shared/corpora/sshd');

/** Whether the shared corpora are present (they are not part of the repo). */
export const corpusExists: boolean = existsSync(SSHD_CORPUS);

/** One log line of the corpus, with where it came from. */
export interface CorpusLine {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  /** The fail2ban `# failJSON:` expectation just above the line, when there is one. */
  readonly expectation: { readonly time?: string } | undefined;
}

const SKIPPED = /\.(csv|assert|yaml|md|json)$|LICENSE$/;
const WAZUH_LOG = /^log \d+ (?:pass|fail) = /;

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

/**
 * Every log line of the sshd corpora: comments and blank lines dropped, wazuh `.ini`
 * `log N pass = <line>` entries extracted. Files are read as Latin-1 so their stray
 * non-UTF-8 bytes survive as single characters.
 */
export function corpusLines(): CorpusLine[] {
  const out: CorpusLine[] = [];
  for (const path of walk(SSHD_CORPUS)) {
    if (SKIPPED.test(path)) continue;
    const file = relative(SSHD_CORPUS, path);
    const lines = readFileSync(path, 'latin1').split('\n');
    let expectation: { readonly time?: string } | undefined;
    lines.forEach((raw, index) => {
      if (file.endsWith('.ini')) {
        const m = WAZUH_LOG.exec(raw);
        if (m !== null)
          out.push({ file, line: index + 1, text: raw.slice(m[0].length), expectation });
        return;
      }
      if (raw.startsWith('# failJSON:')) {
        try {
          expectation = JSON.parse(raw.slice('# failJSON:'.length)) as { readonly time?: string };
        } catch {
          expectation = undefined;
        }
        return;
      }
      if (raw.length === 0 || raw.startsWith('#')) return;
      out.push({ file, line: index + 1, text: raw, expectation });
      expectation = undefined;
    });
  }
  return out;
}
