import { stat } from 'node:fs/promises';
import { type InputPlan, planInputs, type SkippedInput } from '../node/plan-inputs.js';
import { type PlanReader, readPlan } from '../node/read-plan.js';
import { newestAuditTime } from '../node/reference-time.js';
import type { SourceStats } from '../parsers/source-stats.js';
import type { InputOptions } from './cli-options.js';
import { createProgress, type Progress } from './progress-bar.js';
import { UsageError } from './usage-error.js';

/** The inputs of `parse`/`scan`, opened: one reader per plan, and the shared bookkeeping. */
export interface OpenInputs {
  readonly readers: readonly PlanReader[];
  readonly skipped: readonly SkippedInput[];
  readonly progress: Progress;
  /** Aborted by Ctrl-C in follow mode. */
  readonly signal: AbortSignal;
  /** Every file's accounting, once read. */
  stats(): SourceStats[];
  /** Removes the Ctrl-C handler. */
  close(): void;
}

/** Plans the inputs, notes skipped files, sets up the progress bar and Ctrl-C in follow mode. */
export async function openInputs(options: InputOptions): Promise<OpenInputs> {
  const { plans, skipped } = await planInputs(options.paths, {
    ...(options.format === undefined ? {} : { format: options.format }),
    ...(options.host === undefined ? {} : { host: options.host }),
    hostFromDir: options.hostFromDir,
  });
  if (plans.length === 0 && !options.follow) {
    // Only directories were given and none holds a log: nothing was read, so say so.
    const first = skipped[0];
    const why =
      first === undefined
        ? ''
        : ` (skipped ${skipped.length}, e.g. ${first.path}: ${first.reason})`;
    throw new UsageError(`no log files found in ${options.paths.join(', ')}${why}`);
  }
  if (skipped.length > 0 && !options.quiet) {
    process.stderr.write(
      `sshtrail: skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'} found in directories (unreadable, or of no format sshtrail reads; --stats lists them)\n`,
    );
  }
  const progress = createProgress({
    total: await totalBytes(plans),
    enabled: process.stderr.isTTY === true && !options.quiet && !options.follow,
    write: (text) => process.stderr.write(text),
  });
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  if (options.follow) process.on('SIGINT', onSigint);
  // Without --year, RFC3164 years are inferred relative to the newest audit record, if any.
  const referenceTime = options.year === undefined ? await newestAuditTime(plans) : undefined;
  const readers = plans.map((plan) =>
    readPlan(plan, {
      ...(options.year === undefined ? {} : { year: options.year }),
      ...(referenceTime === undefined ? {} : { referenceTime }),
      ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
      follow: options.follow,
      signal: controller.signal,
      onRead: (lines, units) => progress.add(lines, units),
      onNotice: (n) => {
        if (!options.quiet && n.kind !== 'opened')
          process.stderr.write(`sshtrail: ${n.path}: ${n.kind}\n`);
      },
    }),
  );
  return {
    readers,
    skipped,
    progress,
    signal: controller.signal,
    stats: () => readers.flatMap((r) => r.stats),
    close: () => process.off('SIGINT', onSigint),
  };
}

async function totalBytes(plans: readonly InputPlan[]): Promise<number> {
  let total = 0;
  for (const plan of plans) {
    for (const file of plan.files) {
      if (file === '-') return 0;
      try {
        total += (await stat(file)).size;
      } catch {
        // Reported when the file is read.
      }
    }
  }
  return total;
}
