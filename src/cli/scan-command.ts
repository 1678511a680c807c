import { createAnalyzer, type SshSession, type SshtrailEvent } from '../index.js';
import { collectInputs, groupRotated } from '../node/collect-inputs.js';
import { mergeByTime } from '../node/merge-by-time.js';
import { readEvents } from '../node/read-events.js';
import { openLineWriter } from './line-writer.js';
import type { InputOptions } from './options.js';

/**
 * `sshtrail scan`: all inputs merged in time order through one analyzer; findings and cases
 * (and with `--sessions`, every session) as JSONL.
 */
export async function scanCommand(options: InputOptions): Promise<number> {
  const files = await collectInputs(options.paths);
  const writer = openLineWriter(options.out);
  const analyzer = createAnalyzer({
    ...(options.year === undefined ? {} : { year: options.year }),
    ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
  });
  const pending: string[] = [];
  const open = new Map<string, SshSession>();
  if (options.sessions) {
    analyzer.on('session:open', (s) => open.set(s.id, s));
    analyzer.on('session:update', (s) => open.set(s.id, s));
    analyzer.on('session:close', (s) => {
      open.delete(s.id);
      pending.push(JSON.stringify({ type: 'session', ...s }));
    });
  }
  analyzer.on('finding', (f) => pending.push(JSON.stringify(f)));
  analyzer.on('case', (c) => pending.push(JSON.stringify(c)));
  const diagnostics: string[] = [];
  analyzer.on('diagnostic', (d) => diagnostics.push(d.message));

  const parserOptions = {
    format: options.format,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.year === undefined ? {} : { year: options.year }),
    ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
  };
  const sources = groupRotated(files).map((set) => readEvents(set, parserOptions));
  const merged = mergeByTime(
    sources.map((s) => s.batches),
    (e: SshtrailEvent) => e.time,
  );
  for await (const event of merged) {
    analyzer.pushEvent(event);
    if (pending.length > 0) await drain(pending, writer.write);
  }
  analyzer.flush();
  for (const session of open.values())
    pending.push(JSON.stringify({ type: 'session', ...session }));
  await drain(pending, writer.write);
  await writer.close();
  if (options.stats) {
    const stats = sources.flatMap((s) => s.stats);
    process.stderr.write(`${JSON.stringify({ sources: stats, diagnostics }, null, 2)}\n`);
  }
  return 0;
}

async function drain(lines: string[], write: (line: string) => Promise<void>): Promise<void> {
  for (const line of lines.splice(0)) await write(line);
}
