/**
 * What the parent sends a measurement child (as one JSON argv) and what the child prints
 * back (one stdout line starting with {@link RESULT_MARKER}).
 */
import type { ApiModules, SourceOptions } from './api.js';
import type { MeasurementId } from './measurements.js';

/** Marker of the result line on the child's stdout. */
export const RESULT_MARKER = '@@sshtrail-bench ';

/** The child's instructions. */
export interface ChildRequest {
  /** Which measurement. */
  readonly id: MeasurementId;
  /** The file and parser options. */
  readonly options: SourceOptions;
  /** Untimed passes first (JIT warm-up). */
  readonly warmup: number;
  /** Timed passes. */
  readonly runs: number;
  /** RSS sampling period. */
  readonly sampleMs: number;
  /** Where the project API is imported from. */
  readonly modules: ApiModules;
}

/** The child's answer. */
export type ChildResult =
  | {
      readonly ok: true;
      readonly id: MeasurementId;
      /** Duration of each timed pass, ms. */
      readonly runsMs: readonly number[];
      /** CPU time (user + system, whole process) of each timed pass, ms. */
      readonly cpuMs: readonly number[];
      /** Lines per pass. */
      readonly lines: number;
      /** Checksum of the last pass. */
      readonly checksum: number;
      /** Peak RSS over the whole child (warm-up and runs), bytes. */
      readonly peakRssBytes: number;
      /** Largest sampled `memoryUsage.rss()`, bytes. */
      readonly sampledRssBytes: number;
      /** `resourceUsage().maxRSS`, bytes. */
      readonly maxRssBytes: number;
      /** Heap used after the last pass, bytes. */
      readonly heapUsedBytes: number;
      /** Measurement details of the last pass. */
      readonly detail: Readonly<Record<string, unknown>> | undefined;
    }
  | { readonly ok: false; readonly id: MeasurementId; readonly reason: string };
