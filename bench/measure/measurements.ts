/**
 * The catalog of measurements. Each one runs alone in a child process (child.ts) so its
 * peak RSS is its own. The headline paths (parse, analysis, audit) read with
 * `readLineBatches`, the fastest reader the project ships, and their floor is that same
 * reader with no parsing (`floor-batches`); the raw stream floor and the per-line
 * `readLines` variants are reported beside them. Adding a measurement (e.g. issue 4's audit.log parse + assembly) is
 * one entry here plus its pass function.
 */

import { analysisPass } from './analysis.js';
import type { ProjectApi, SourceOptions } from './api.js';
import { auditPass } from './audit.js';
import { auditBound, byteFieldsBound, byteReaderFloor, stringFieldsBound } from './bounds.js';
import { batchesFloor, type PassOutput, rawFloor, readLinesFloor } from './floors.js';
import { parseBatchesPass, parsePass } from './parse.js';

/** Stable ids of the measurements. */
export type MeasurementId =
  | 'idle'
  | 'floor-raw'
  | 'floor-readlines'
  | 'floor-batches'
  | 'parse'
  | 'parse-readlines'
  | 'analysis'
  | 'detection'
  | 'audit-assemble'
  | 'bound-reader-bytes'
  | 'bound-fields-strings'
  | 'bound-fields-bytes'
  | 'bound-sessions-bytes'
  | 'bound-audit-records'
  | 'bound-audit-events'
  | 'bound-audit-full';

/** Which corpus a measurement reads. */
export type Workload = 'auth' | 'audit';

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
  /** Corpora it applies to. */
  readonly workloads: readonly Workload[];
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
    workloads: ['auth', 'audit'],
    floor: undefined,
    prepare: () => ({ ok: true, pass: async () => ({ lines: 0, checksum: 0 }) }),
  },
  {
    id: 'floor-raw',
    label: 'floor: createReadStream + split',
    workloads: ['auth', 'audit'],
    floor: 'floor-batches',
    prepare: (_api, o) => ({ ok: true, pass: () => rawFloor(o.source) }),
  },
  {
    id: 'floor-readlines',
    label: 'floor: readLines',
    workloads: ['auth', 'audit'],
    floor: 'floor-batches',
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
    workloads: ['auth', 'audit'],
    floor: undefined,
    prepare: (api, o) => {
      const { readLineBatches } = api;
      return readLineBatches
        ? { ok: true, pass: () => batchesFloor(readLineBatches, o.source) }
        : unavailable('readLineBatches');
    },
  },
  {
    id: 'parse',
    label: 'parse: readLineBatches + createLineParser',
    workloads: ['auth'],
    floor: 'floor-batches',
    prepare: (api, o) => {
      const { readLineBatches, createLineParser } = api;
      if (!createLineParser) return unavailable('createLineParser');
      if (!readLineBatches) return unavailable('readLineBatches');
      return { ok: true, pass: () => parseBatchesPass(createLineParser, readLineBatches, o) };
    },
  },
  {
    id: 'parse-readlines',
    label: 'parse: readLines + createLineParser',
    workloads: ['auth'],
    floor: 'floor-readlines',
    prepare: (api, o) => {
      const { readLines, createLineParser } = api;
      if (!createLineParser) return unavailable('createLineParser');
      if (!readLines) return unavailable('readLines');
      return { ok: true, pass: () => parsePass(createLineParser, readLines, o) };
    },
  },
  {
    id: 'analysis',
    label: 'analysis (parse + sessions)',
    workloads: ['auth'],
    floor: 'floor-batches',
    prepare: (api, o) => {
      const { readLineBatches, createAnalyzer } = api;
      if (!createAnalyzer) return unavailable('createAnalyzer');
      if (!readLineBatches) return unavailable('readLineBatches');
      return { ok: true, pass: () => analysisPass(createAnalyzer, readLineBatches, o, false) };
    },
  },
  {
    id: 'detection',
    label: 'detection (parse + sessions + all detectors + triage)',
    workloads: ['auth'],
    floor: 'floor-batches',
    prepare: (api, o) => {
      const { readLineBatches, createAnalyzer } = api;
      if (!createAnalyzer) return unavailable('createAnalyzer');
      if (!readLineBatches) return unavailable('readLineBatches');
      return { ok: true, pass: () => analysisPass(createAnalyzer, readLineBatches, o, true) };
    },
  },
  {
    id: 'audit-assemble',
    label: 'audit: readTextChunks + createAuditAssembler',
    workloads: ['audit'],
    floor: 'floor-batches',
    prepare: (api, o) => {
      const { readLineBatches, readTextChunks, createAuditAssembler } = api;
      if (!createAuditAssembler) return unavailable('createAuditAssembler');
      if (!readLineBatches) return unavailable('readLineBatches');
      return {
        ok: true,
        pass: () => auditPass(createAuditAssembler, readLineBatches, o.source, readTextChunks),
      };
    },
  },
  {
    id: 'bound-reader-bytes',
    label: 'bound: byte reader, no fields',
    workloads: ['auth'],
    floor: 'floor-batches',
    prepare: (_api, o) => ({ ok: true, pass: () => byteReaderFloor(o.source) }),
  },
  {
    id: 'bound-fields-strings',
    label: 'bound: common fields from line strings, unchecked',
    workloads: ['auth'],
    floor: 'floor-batches',
    prepare: (api, o) => {
      const { readLineBatches } = api;
      return readLineBatches
        ? { ok: true, pass: () => stringFieldsBound(readLineBatches, o.source) }
        : unavailable('readLineBatches');
    },
  },
  {
    id: 'bound-fields-bytes',
    label: 'bound: common fields from bytes, unchecked',
    workloads: ['auth'],
    floor: 'floor-batches',
    prepare: (_api, o) => ({ ok: true, pass: () => byteFieldsBound(o.source, false) }),
  },
  {
    id: 'bound-sessions-bytes',
    label: 'bound: fields from bytes + a per-host pid table',
    workloads: ['auth'],
    floor: 'floor-batches',
    prepare: (_api, o) => ({ ok: true, pass: () => byteFieldsBound(o.source, true) }),
  },
  {
    id: 'bound-audit-records',
    label: 'bound: audit lines + provenance + header + grouping',
    workloads: ['audit'],
    floor: 'floor-batches',
    prepare: (api, o) => {
      const { readTextChunks } = api;
      return readTextChunks
        ? { ok: true, pass: () => auditBound(readTextChunks, o.source, 'records') }
        : unavailable('readTextChunks');
    },
  },
  {
    id: 'bound-audit-events',
    label: 'bound: audit records + events from unchecked fields',
    workloads: ['audit'],
    floor: 'floor-batches',
    prepare: (api, o) => {
      const { readTextChunks } = api;
      return readTextChunks
        ? { ok: true, pass: () => auditBound(readTextChunks, o.source, 'events') }
        : unavailable('readTextChunks');
    },
  },
  {
    id: 'bound-audit-full',
    label: 'bound: audit records + whole events (argv, cwd, paths, sockaddr, login msg)',
    workloads: ['audit'],
    floor: 'floor-batches',
    prepare: (api, o) => {
      const { readTextChunks } = api;
      return readTextChunks
        ? { ok: true, pass: () => auditBound(readTextChunks, o.source, 'full') }
        : unavailable('readTextChunks');
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
