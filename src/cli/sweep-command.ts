import type { Severity } from '../findings/finding.js';
import { sweepHost } from '../node/sweep/sweep-host.js';
import { atOrAbove, type SweepOptions } from './cli-options.js';
import { openRecordWriter } from './record-writer.js';
import { UsageError } from './usage-error.js';

/**
 * `sshtrail sweep`: the live-host analysis; findings then the inventory record (jsonl), one
 * document per finding (ecs, ocsf) or one report (html). Exit 2 when a finding reaches
 * `--fail-on`.
 */
export async function sweepCommand(options: SweepOptions): Promise<number> {
  if (options.proc === undefined && process.platform !== 'linux') {
    throw new UsageError(`sweep reads /proc and runs on Linux only (this is ${process.platform})`);
  }
  const writer = await openRecordWriter(options.output, options.out, 'sshtrail sweep');
  const report = await sweepHost({
    ...(options.proc === undefined ? {} : { procRoot: options.proc }),
    ...(options.host === undefined ? {} : { host: options.host }),
  });
  let worst: Severity | undefined;
  for (const finding of report.findings) {
    if (worst === undefined || atOrAbove(finding.severity, worst)) worst = finding.severity;
    await writer.finding(finding);
  }
  await writer.sweep(report.inventory);
  await writer.close();
  if (!options.quiet) {
    for (const note of report.inventory.notes) process.stderr.write(`sshtrail: note: ${note}\n`);
  }
  return options.failOn !== undefined && worst !== undefined && atOrAbove(worst, options.failOn)
    ? 2
    : 0;
}
