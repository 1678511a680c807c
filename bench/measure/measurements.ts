/**
 * The catalog of measurements. Each one runs alone in a child process (child.ts) so its
 * peak RSS is its own. Adding a measurement (e.g. issue 4's audit.log parse + assembly) is
 * one entry here plus its pass function.
 */

import { analysisPass } from './analysis.js';
import type { ProjectApi, SourceOptions } from './api.js';
import { batchesFloor, type PassOutput, rawFloor, readLinesFloor } from './floors.js';
import { parseBatchesPass, parsePass } from './parse.js';

/** Stable ids of the measurements. */
export type MeasurementId =
  | 'idle'
  | 'floor-raw'
  | 'floor-readlines'
  | 'floor-batches'
  | 'parse'
  | 'parse-batches'
  | 'analysis';

/** A measurement ready to run, or the reason it cannot. */
export type Prepared =
  | { readonly ok: true; readonly pass: () => Promise<PassOutput> }
  | { readonly ok: false; readonly reason: string };

/** One catalog entry. */
export interface Measurement {
  /** Stable id (used by --only and in results.json). */
  readonly id: MeasurementId;
  /** Label in the table. */
  readonly label: string;
  /** Which floor its ratio is quoted against (undefined: no ratio). */
  readonly floor: MeasurementId | undefined;
  /** Binds the pass to the project API and the file. */
  readonly prepare: (api: ProjectApi, options: SourceOptions) => Prepared;
}

const unavailable = (what: string): Prepared => ({
  ok: false,
  reason: `${what} not available yet`,
});

/** Every measurement, in run order (floors first). */
export const MEASUREMENTS: readonly Measurement[] = [
  {
    id: 'idle',
    label: 'idle child (runtime only)',
    floor: undefined,
    prepare: () => ({ ok: true, pass: async () => ({ lines: 0, checksum: 0 }) }),
  },
  {
    id: 'floor-raw',
    label: 'floor: createReadStream + split',
    floor: 'floor-readlines',
    prepare: (_api, o) => ({ ok: true, pass: () => rawFloor(o.source) }),
  },
  {
    id: 'floor-readlines',
    label: 'floor: readLines',
    floor: 'floor-readlines',
    prepare: (api, o) => {
      const { readLines } = api;
      return readLines
        ? { ok: true, pass: () => readLinesFloor(readLines, o.source) }
        : unavailable('readLines');
    },
  },
  {
    id: 'floor-batches',
    label: 'floor: readLineBatches',
    floor: 'floor-readlines',
    prepare: (api, o) => {
      const { readLineBatches } = api;
      return readLineBatches
        ? { ok: true, pass: () => batchesFloor(readLineBatches, o.source) }
        : unavailable('readLineBatches');
    },
  },
  {
    id: 'parse',
    label: 'parse: readLines + createLineParser',
    floor: 'floor-readlines',
    prepare: (api, o) => {
      const { readLines, createLineParser } = api;
      if (!createLineParser) return unavailable('createLineParser');
      if (!readLines) return unavailable('readLines');
      return { ok: true, pass: () => parsePass(createLineParser, readLines, o) };
    },
  },
  {
    id: 'parse-batches',
    label: 'parse: readLineBatches + createLineParser',
    floor: 'floor-batches',
    prepare: (api, o) => {
      const { readLineBatches, createLineParser } = api;
      if (!createLineParser) return unavailable('createLineParser');
      if (!readLineBatches) return unavailable('readLineBatches');
      return { ok: true, pass: () => parseBatchesPass(createLineParser, readLineBatches, o) };
    },
  },
  {
    id: 'analysis',
    label: 'analysis: createAnalyzer (parse + sessions)',
    floor: 'floor-readlines',
    prepare: (api, o) => {
      const { readLines, createAnalyzer } = api;
      if (!createAnalyzer) return unavailable('createAnalyzer');
      if (!readLines) return unavailable('readLines');
      return { ok: true, pass: () => analysisPass(createAnalyzer, readLines, o) };
    },
  },
];

/**
 * Looks a measurement up by id.
 *
 * @param id - a measurement id
 * @returns the entry, or undefined
 * @example
 * ```ts
 * findMeasurement('parse')?.label;
 * ```
 */
export function findMeasurement(id: string): Measurement | undefined {
  return MEASUREMENTS.find((m) => m.id === id);
}
