import { createLineParser, type SourceStats } from '../index.js';
import { collectInputs } from '../node/collect-inputs.js';
import { readLineBatches } from '../node/read-lines.js';
import { openLineWriter } from './line-writer.js';
import type { InputOptions } from './options.js';

/** `sshtrail parse`: every file's normalized events as JSONL, the accounting on stderr. */
export async function parseCommand(options: InputOptions): Promise<number> {
  const files = await collectInputs(options.paths);
  const writer = openLineWriter(options.out);
  const stats: SourceStats[] = [];
  for (const file of files) {
    const parser = createLineParser({
      source: file,
      format: options.format,
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.year === undefined ? {} : { year: options.year }),
      ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
    });
    for await (const batch of readLineBatches(file)) {
      for (const line of batch) {
        const outcome = parser.parse(line);
        if (outcome.kind === 'event') await writer.write(JSON.stringify(outcome.event));
      }
    }
    stats.push(parser.stats());
  }
  await writer.close();
  if (options.stats) process.stderr.write(`${JSON.stringify({ sources: stats }, null, 2)}\n`);
  return 0;
}
