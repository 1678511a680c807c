import { analyzeSweep } from './analyze-sweep.js';
import { readSweepSnapshot, type SweepReadOptions } from './read-sweep-snapshot.js';
import type { SweepReport } from './sweep-report.js';

/**
 * Sweeps the running host for SSH agent hijacking: reads `/proc` (see
 * {@link readSweepSnapshot}) and analyzes it (see {@link analyzeSweep}). Linux only; as root it
 * sees every process, otherwise only the caller's own (the inventory says so in `notes`).
 *
 * @param options - Where to read from (defaults: the live host).
 * @returns Findings and the inventory.
 * @example
 * ```ts
 * const { findings, inventory } = await sweepHost();
 * console.log(`${inventory.agentSockets.length} agent sockets, ${findings.length} findings`);
 * ```
 */
export async function sweepHost(options: SweepReadOptions = {}): Promise<SweepReport> {
  return analyzeSweep(await readSweepSnapshot(options));
}
