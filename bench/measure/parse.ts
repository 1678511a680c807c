/**
 * Parse throughput: every line through the project's line parser, each outcome consumed
 * (counted by outcome kind and event kind) so nothing is optimized away.
 */
import type {
  CreateLineParser,
  OutcomeLike,
  ReadLineBatches,
  ReadLines,
  SourceOptions,
} from './api.js';
import type { PassOutput } from './floors.js';

interface Tally {
  event: number;
  ignored: number;
  unrecognized: number;
  malformed: number;
  readonly eventKinds: Map<string, number>;
  checksum: number;
}

function newTally(): Tally {
  return {
    event: 0,
    ignored: 0,
    unrecognized: 0,
    malformed: 0,
    eventKinds: new Map(),
    checksum: 0,
  };
}

function count(tally: Tally, outcome: OutcomeLike): void {
  switch (outcome.kind) {
    case 'event': {
      tally.event++;
      const k = outcome.event.kind;
      tally.eventKinds.set(k, (tally.eventKinds.get(k) ?? 0) + 1);
      return;
    }
    case 'ignored':
      tally.ignored++;
      return;
    case 'unrecognized':
      tally.unrecognized++;
      return;
    case 'malformed':
      tally.malformed++;
      return;
  }
}

function output(tally: Tally, stats: unknown): PassOutput {
  const lines = tally.event + tally.ignored + tally.unrecognized + tally.malformed;
  return {
    lines,
    checksum: tally.checksum,
    detail: {
      outcomes: {
        event: tally.event,
        ignored: tally.ignored,
        unrecognized: tally.unrecognized,
        malformed: tally.malformed,
      },
      eventKinds: Object.fromEntries([...tally.eventKinds].sort((a, b) => b[1] - a[1])),
      stats,
    },
  };
}

/**
 * One parse pass over `file` through `readLines`.
 *
 * @param create - src/index createLineParser
 * @param readLines - src/node readLines
 * @param options - parser options (source, year, timezone)
 * @returns line count, checksum and outcome counts
 * @example
 * ```ts
 * await parsePass(api.createLineParser, api.readLines, { source: file, year: 2024, timezone: 'UTC' });
 * ```
 */
export async function parsePass(
  create: CreateLineParser,
  readLines: ReadLines,
  options: SourceOptions,
): Promise<PassOutput> {
  const parser = create(options);
  const tally = newTally();
  for await (const line of readLines(options.source)) {
    tally.checksum += line.length;
    count(tally, parser.parse(line));
  }
  return output(tally, parser.stats());
}

/**
 * One parse pass over `file` through `readLineBatches` (what the CLI uses).
 *
 * @param create - src/index createLineParser
 * @param readLineBatches - src/node readLineBatches
 * @param options - parser options (source, year, timezone)
 * @returns line count, checksum and outcome counts
 * @example
 * ```ts
 * await parseBatchesPass(api.createLineParser, api.readLineBatches, options);
 * ```
 */
export async function parseBatchesPass(
  create: CreateLineParser,
  readLineBatches: ReadLineBatches,
  options: SourceOptions,
): Promise<PassOutput> {
  const parser = create(options);
  const tally = newTally();
  for await (const batch of readLineBatches(options.source)) {
    for (const line of batch) {
      tally.checksum += line.length;
      count(tally, parser.parse(line));
    }
  }
  return output(tally, parser.stats());
}
