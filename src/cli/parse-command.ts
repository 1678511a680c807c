import type { InputOptions } from './cli-options.js';
import { openLineWriter } from './line-writer.js';
import { openInputs } from './open-inputs.js';
import { parseSummaryText, wantsSummary } from './run-summary.js';
import { UsageError } from './usage-error.js';

/** `sshtrail parse`: every input's normalized events as JSONL, the accounting on stderr. */
export async function parseCommand(options: InputOptions): Promise<number> {
  if (options.output !== 'jsonl') {
    throw new UsageError(
      `--output ${options.output}: parse writes events as jsonl; ${options.output} is for the findings of scan and sweep`,
    );
  }
  const writer = await openLineWriter(options.out);
  const inputs = await openInputs(options);
  try {
    const pump = async (index: number): Promise<void> => {
      const reader = inputs.readers[index];
      if (reader === undefined) return;
      for await (const batch of reader.batches) {
        for (const event of batch) await writer.write(JSON.stringify(event));
      }
    };
    if (options.follow) {
      // Followed inputs never end on their own: read them side by side until Ctrl-C.
      await Promise.all(inputs.readers.map((_, i) => pump(i)));
    } else {
      for (let i = 0; i < inputs.readers.length; i++) await pump(i);
    }
  } finally {
    inputs.progress.finish();
    inputs.close();
  }
  await writer.close();
  if (options.stats) {
    const report = { sources: inputs.stats(), skipped: inputs.skipped };
    process.stderr.write(`${JSON.stringify(report, null, 2)}\n`);
  }
  if (wantsSummary(process.stderr.isTTY === true, options.quiet, options.follow)) {
    process.stderr.write(parseSummaryText(inputs.stats()));
  }
  return 0;
}
