import { baselineToJson, createBaselineLearner } from '../baseline/index.js';
import { createAnalyzer, type SshtrailEvent } from '../index.js';
import { mergeByTime } from '../node/merge-by-time.js';
import type { InputOptions } from './cli-options.js';
import { openLineWriter } from './line-writer.js';
import { openInputs } from './open-inputs.js';
import { readConfig } from './read-config.js';
import { UsageError } from './usage-error.js';

/**
 * `sshtrail baseline`: reconstructs every session of the inputs (no detection) and learns each
 * user's usual hours, sources, session lengths and hosts; writes the baseline as JSON for
 * `sshtrail scan --baseline FILE`.
 */
export async function baselineCommand(options: InputOptions): Promise<number> {
  if (options.output !== 'jsonl') {
    throw new UsageError(
      `sshtrail baseline writes JSON; --output ${options.output} does not apply`,
    );
  }
  const config = options.config === undefined ? undefined : await readConfig(options.config);
  const learner = createBaselineLearner(config === undefined ? {} : { config });
  const analyzer = createAnalyzer({
    detectors: [],
    ...(config === undefined ? {} : { config }),
    ...(options.year === undefined ? {} : { year: options.year }),
    ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
  });
  const learned = new Set<string>();
  const learn = (s: Parameters<typeof learner.push>[0]): void => {
    if (learned.has(s.id)) return;
    learned.add(s.id);
    learner.push(s);
  };
  analyzer.on('session:close', learn);
  const inputs = await openInputs(options);
  try {
    const merged = mergeByTime(
      inputs.readers.map((r) => r.batches),
      (e: SshtrailEvent) => e.time,
    );
    for await (const event of merged) analyzer.pushEvent(event);
  } finally {
    inputs.progress.finish();
    inputs.close();
  }
  // Sessions still open at the end of the logs count too: their start and source are known.
  for (const s of analyzer.sessions.openSessions()) learn(s);
  analyzer.flush();
  const writer = await openLineWriter(options.out);
  await writer.write(baselineToJson(learner.baseline()));
  await writer.close();
  if (!options.quiet) {
    process.stderr.write(`sshtrail baseline: learned from ${learned.size} sessions\n`);
  }
  return 0;
}
