import type { Severity } from '../findings/finding.js';
import { createAnalyzer, type SshSession } from '../index.js';
import { type InputEvent, isAnalyzerEvent } from '../node/input-event.js';
import { mergeByTime } from '../node/merge-by-time.js';
import { atOrAbove, type InputOptions } from './cli-options.js';
import { openLineWriter } from './line-writer.js';
import { openInputs } from './open-inputs.js';
import { readConfig } from './read-config.js';

/**
 * `sshtrail scan`: all inputs merged in time order through one analyzer; findings and cases
 * (and with `--sessions`, every session) as JSONL. Exit 2 when a finding reaches `--fail-on`.
 */
export async function scanCommand(options: InputOptions): Promise<number> {
  // Validated now; the analyzer takes its configuration once detectors are wired in.
  if (options.config !== undefined) await readConfig(options.config);
  const writer = await openLineWriter(options.out);
  const inputs = await openInputs(options);
  const analyzer = createAnalyzer({
    ...(options.year === undefined ? {} : { year: options.year }),
    ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
  });
  const pending: string[] = [];
  const open = new Map<string, SshSession>();
  let worst: Severity | undefined;
  if (options.sessions) {
    analyzer.on('session:open', (s) => open.set(s.id, s));
    analyzer.on('session:update', (s) => open.set(s.id, s));
    analyzer.on('session:close', (s) => {
      open.delete(s.id);
      pending.push(JSON.stringify({ type: 'session', ...s }));
    });
  }
  analyzer.on('finding', (f) => {
    if (worst === undefined || atOrAbove(f.severity, worst)) worst = f.severity;
    pending.push(JSON.stringify(f));
  });
  analyzer.on('case', (c) => pending.push(JSON.stringify(c)));
  const diagnostics: string[] = [];
  analyzer.on('diagnostic', (d) => diagnostics.push(d.message));
  // Endpoint-only kinds (login records, env snapshots...) are not analyzer input yet: counted.
  let endpointOnly = 0;
  const push = (event: InputEvent): void => {
    if (isAnalyzerEvent(event)) analyzer.pushEvent(event);
    else endpointOnly++;
  };
  const drain = async (): Promise<void> => {
    for (const line of pending.splice(0)) await writer.write(line);
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
        (e: InputEvent) => e.time,
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
  for (const session of open.values())
    pending.push(JSON.stringify({ type: 'session', ...session }));
  await drain();
  await writer.close();
  if (options.stats) {
    const report = { sources: inputs.stats(), skipped: inputs.skipped, endpointOnly, diagnostics };
    process.stderr.write(`${JSON.stringify(report, null, 2)}\n`);
  }
  return options.failOn !== undefined && worst !== undefined && atOrAbove(worst, options.failOn)
    ? 2
    : 0;
}
