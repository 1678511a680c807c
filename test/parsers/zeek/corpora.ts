import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The shared Zeek samples (`../shared/corpora/zeek` beside the repository). */
export const ZEEK_CORPUS = path.resolve(process.cwd(), '../shared/corpora/zeek');

/** True when the shared corpus is present. */
export const zeekCorpusExists: boolean = existsSync(ZEEK_CORPUS);

/** The lines of a corpus file (gunzipped when it ends in `.gz`), without the final empty line. */
export function corpusLines(relative: string): string[] {
  const buffer = readFileSync(path.join(ZEEK_CORPUS, relative));
  const text = (relative.endsWith('.gz') ? gunzipSync(buffer) : buffer).toString('utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** btest masks every time as `XXXXXXXXXX.XXXXXX`: put a real one back (1 s apart per record). */
export function unmask(lines: readonly string[], start = 1_700_000_000): string[] {
  let n = 0;
  return lines.map((line) =>
    line.startsWith('XXXXXXXXXX.XXXXXX') || line.includes(':XXXXXXXXXX.XXXXXX')
      ? line.replace('XXXXXXXXXX.XXXXXX', `${start + n++}.250000`)
      : line,
  );
}
