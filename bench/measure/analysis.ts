/**
 * Full analysis (parse + sessions + detectors) through `createAnalyzer` (issue 3): every
 * line through `consume(lines, { source })` (or `pushLine` per line), then `flush()`. The
 * analyzer's outputs are consumed by counting its `finding`, `case` and `session:*` events.
 */
import type { CreateAnalyzer, ReadLines, SourceOptions } from './api.js';
import type { PassOutput } from './floors.js';

type Method = (...args: unknown[]) => unknown;

function method(target: unknown, name: string): Method | undefined {
  if (typeof target !== 'object' || target === null) return undefined;
  const value: unknown = Reflect.get(target, name);
  return typeof value === 'function' ? (value as Method).bind(target) : undefined;
}

const OUTPUTS = ['finding', 'case', 'session:open', 'session:close', 'diagnostic'] as const;

/**
 * One analysis pass over the file.
 *
 * @param create - src/index createAnalyzer
 * @param readLines - src/node readLines
 * @param options - source options (year and timezone go to the analyzer)
 * @returns lines fed, and counts of findings, cases and sessions emitted
 * @example
 * ```ts
 * await analysisPass(api.createAnalyzer, api.readLines, options);
 * ```
 */
export async function analysisPass(
  create: CreateAnalyzer,
  readLines: ReadLines,
  options: SourceOptions,
): Promise<PassOutput> {
  const analyzer = create(options);
  const consume = method(analyzer, 'consume');
  const pushLine = method(analyzer, 'pushLine');
  const flush = method(analyzer, 'flush');
  if ((!consume && !pushLine) || !flush) {
    throw new Error(
      'createAnalyzer() result has neither consume(lines, input) nor pushLine(text, input), or no flush()',
    );
  }
  const outputs: Record<string, number> = {};
  const on = method(analyzer, 'on');
  for (const name of OUTPUTS) {
    outputs[name] = 0;
    on?.(name, () => {
      outputs[name] = (outputs[name] ?? 0) + 1;
    });
  }
  let lines = 0;
  let checksum = 0;
  const input = { source: options.source };
  const counted = async function* (): AsyncIterable<string> {
    for await (const line of readLines(options.source)) {
      lines++;
      checksum += line.length;
      yield line;
    }
  };
  if (consume) {
    await consume(counted(), input);
  } else if (pushLine) {
    for await (const line of counted()) pushLine(line, input);
  }
  flush();
  return { lines, checksum, detail: { outputs, stats: method(analyzer, 'stats')?.() } };
}
