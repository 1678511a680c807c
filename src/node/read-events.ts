import type { SshtrailEvent } from '../events/index.js';
import { createLineParser, type LineParserOptions } from '../parsers/line-parser.js';
import type { LineOutcome } from '../parsers/outcome.js';
import type { SourceStats } from '../parsers/source-stats.js';
import type { YearState } from '../parsers/syslog/index.js';
import { readLineBatches } from './read-lines.js';

/**
 * One logical input: files read one after another as a single source of lines (a rotated
 * set, oldest first), parsed with one line parser so line numbers and year inference run on.
 */
export interface EventSource {
  /** Batches of events, in file order. */
  readonly batches: AsyncIterable<readonly SshtrailEvent[]>;
  /** The accounting per file, filled in as the files are read. */
  readonly stats: SourceStats[];
}

/**
 * Reads files (plain or gzip) as batches of normalized events. Each file is its own
 * provenance source (its path as given); lines that are not events are passed to `onMiss`.
 *
 * @param files - Files to read in order (e.g. a rotated set, oldest first).
 * @param options - Line-parser options except `source` (taken from each file's path).
 * @param onMiss - Called for each line that did not become an event.
 * @returns The event batches and the per-file accounting.
 * @example
 * ```ts
 * const { batches, stats } = readEvents(['/var/log/auth.log.1', '/var/log/auth.log'], { year: 2024 });
 * for await (const batch of batches) for (const e of batch) console.log(e.kind);
 * ```
 */
export function readEvents(
  files: readonly string[],
  options: Omit<LineParserOptions, 'source'> = {},
  onMiss: (miss: Exclude<LineOutcome, { readonly kind: 'event' }>) => void = () => {},
): EventSource {
  const stats: SourceStats[] = [];
  async function* batches(): AsyncIterable<readonly SshtrailEvent[]> {
    let year: YearState | undefined;
    for (const file of files) {
      // Each file is its own provenance source, but the year inference runs on across the
      // set, so a December-to-January rotation keeps its years.
      const parser = createLineParser({
        ...options,
        source: file,
        ...(year === undefined ? {} : { state: { line: 0, stats: emptyStats(file), year } }),
      });
      const lineCap =
        options.maxLineLength === undefined ? {} : { maxLineLength: options.maxLineLength };
      for await (const lines of readLineBatches(file, lineCap)) {
        const events: SshtrailEvent[] = [];
        for (const line of lines) {
          const outcome = parser.parse(line);
          if (outcome.kind === 'event') events.push(outcome.event);
          else onMiss(outcome);
        }
        yield events;
      }
      stats.push(parser.stats());
      year = parser.snapshot().year;
    }
  }
  return { batches: batches(), stats };
}

function emptyStats(source: string): SourceStats {
  return { source, lines: 0, events: 0, ignored: 0, unrecognized: 0, malformed: 0, reasons: {} };
}
