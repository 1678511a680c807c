import type { Severity } from '../findings/finding.js';
import { createAnalyzer, type SshtrailEvent } from '../index.js';
import { mergeByTime } from '../node/merge-by-time.js';
import { atOrAbove, type InputOptions } from './cli-options.js';
import { detectionSetup } from './detection-setup.js';
import { openInputs } from './open-inputs.js';
import { openRecordWriter } from './record-writer.js';
import { scanSummaryText, wantsScanSummary } from './scan-summary.js';

/**
 * `sshtrail scan`: all inputs merged in time order through one analyzer; findings and cases
 * (and with `--sessions`, every session) in the `--output` format. Exit 2 when a finding
 * reaches `--fail-on`.
 */
export async function scanCommand(options: InputOptions): Promise<number> {
  const detection = await detectionSetup(options.config, options.baseline);
  const writer = await openRecordWriter(options.output, options.out, 'sshtrail scan');
  const inputs = await openInputs(options);
  const analyzer = createAnalyzer({
    ...detection,
    ...(options.year === undefined ? {} : { year: options.year }),
    ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
  });
  // Writes are queued in event order and drained between batches (the emitter is synchronous).
  const pending: (() => Promise<void>)[] = [];
  const keepSessions = options.sessions || options.output !== 'jsonl';
  let worst: Severity | undefined;
  // With --sessions, sessions still open at the end are written as they stand.
  const open = new Map<string, Parameters<typeof writer.session>[0]>();
  if (options.sessions) {
    analyzer.on('session:open', (s) => open.set(s.id, s));
    analyzer.on('session:update', (s) => open.set(s.id, s));
    analyzer.on('session:close', (s) => open.delete(s.id));
  }
  if (keepSessions) {
    const note = (write: boolean) => (s: Parameters<typeof writer.session>[0]) => {
      pending.push(() => writer.session(s, write && options.sessions));
    };
    analyzer.on('session:open', note(false));
    analyzer.on('session:update', note(false));
    analyzer.on('session:close', note(true));
  }
  // Counted by id: an updated case or finding is emitted again under the same id.
  let sessions = 0;
  const cases = new Set<string>();
  const findings = new Map<string, Severity>();
  analyzer.on('session:open', () => sessions++);
  analyzer.on('finding', (f) => {
    findings.set(f.id, f.severity);
    if (worst === undefined || atOrAbove(f.severity, worst)) worst = f.severity;
    pending.push(() => writer.finding(f));
  });
  analyzer.on('case', (c) => {
    cases.add(c.id);
    pending.push(() => writer.incident(c));
  });
  const diagnostics: string[] = [];
  analyzer.on('diagnostic', (d) => diagnostics.push(d.message));
  const push = (event: SshtrailEvent): void => analyzer.pushEvent(event);
  const drain = async (): Promise<void> => {
    for (const write of pending.splice(0)) await write();
  };

  try {
    if (options.follow) {
      // Live inputs: events go in as they come; the analyzer's skew window orders them.
      await Promise.all(
        inputs.readers.map(async (reader) => {
          for await (const batch of reader.batches) {
            for (const event of batch) push(event);
            await drain();
          }
        }),
      );
    } else {
      const merged = mergeByTime(
        inputs.readers.map((r) => r.batches),
        (e: SshtrailEvent) => e.time,
      );
      for await (const event of merged) {
        push(event);
        if (pending.length > 0) await drain();
      }
    }
  } finally {
    inputs.progress.finish();
    inputs.close();
  }
  analyzer.flush();
  await drain();
  for (const s of open.values()) await writer.session(s, true);
  await writer.close();
  if (options.stats) {
    const report = { sources: inputs.stats(), skipped: inputs.skipped, diagnostics };
    process.stderr.write(`${JSON.stringify(report, null, 2)}\n`);
  }
  if (wantsScanSummary(process.stderr.isTTY === true, options.quiet, options.follow)) {
    process.stderr.write(
      scanSummaryText({
        sources: inputs.stats(),
        sessions,
        findings: [...findings.values()],
        cases: cases.size,
      }),
    );
  }
  return options.failOn !== undefined && worst !== undefined && atOrAbove(worst, options.failOn)
    ? 2
    : 0;
}
