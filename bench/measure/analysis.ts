/**
 * Analysis through `createAnalyzer` (issue 3): parse + sessions (`detect: false`), or detection
 * (parse + sessions + every detector of the catalog + triage, the default). Every
 * batch of `readLineBatches` through `consumeBatches(batches, { source })` (else `pushLine`
 * per line of each batch, else `consume`), then `flush()`. The analyzer's outputs are
 * consumed by counting its `finding`, `case` and `session:*` events.
 */
import type { CreateAnalyzer, ReadLineBatches, SourceOptions } from './api.js';
import type { PassOutput } from './floors.js';
import { heapAfterGc } from './heap.js';

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
 * @param readLineBatches - src/node readLineBatches
 * @param options - source options (year and timezone go to the analyzer)
 * @param detect - run detection and triage (false: parse + sessions only)
 * @returns lines fed, and counts of findings, cases and sessions emitted
 * @example
 * ```ts
 * await analysisPass(api.createAnalyzer, api.readLineBatches, options, false);
 * ```
 */
export async function analysisPass(
  create: CreateAnalyzer,
  readLineBatches: ReadLineBatches,
  options: SourceOptions,
  detect: boolean,
): Promise<PassOutput> {
  const analyzer = create({ ...options, detect });
  const consumeBatches = method(analyzer, 'consumeBatches');
  const consume = method(analyzer, 'consume');
  const pushLine = method(analyzer, 'pushLine');
  const flush = method(analyzer, 'flush');
  if ((!consumeBatches && !consume && !pushLine) || !flush) {
    throw new Error(
      'createAnalyzer() result has neither consumeBatches, consume nor pushLine, or no flush()',
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
  const counted = async function* (): AsyncIterable<readonly string[]> {
    for await (const batch of readLineBatches(options.source)) {
      for (const line of batch) checksum += line.length;
      lines += batch.length;
      yield batch;
    }
  };
  if (consumeBatches) {
    await consumeBatches(counted(), input);
  } else if (pushLine) {
    for await (const batch of counted()) for (const line of batch) pushLine(line, input);
  } else if (consume) {
    const each = async function* (): AsyncIterable<string> {
      for await (const batch of counted()) yield* batch;
    };
    await consume(each(), input);
  }
  const retainedHeapBytes = heapAfterGc();
  flush();
  return {
    lines,
    checksum,
    detail: { outputs, retainedHeapBytes, stats: method(analyzer, 'stats')?.() },
  };
}
