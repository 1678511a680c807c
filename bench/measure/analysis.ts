/**
 * Full analysis (parse + sessions + detectors) through `createAnalyzer` (issue 3). The
 * analyzer's final shape is not fixed yet, so this adapter probes the documented
 * candidates (DESIGN.md / aesthetics §3.4): `process(lines)` returning an async iterable of
 * findings, or `push(line)` then `flush()`/`end()`. Update it when the API lands.
 */
import type { CreateAnalyzer, ReadLines, SourceOptions } from './api.js';
import type { PassOutput } from './floors.js';

type Method = (...args: unknown[]) => unknown;

function method(target: unknown, name: string): Method | undefined {
  if (typeof target !== 'object' || target === null) return undefined;
  const value: unknown = Reflect.get(target, name);
  return typeof value === 'function' ? (value as Method).bind(target) : undefined;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof Reflect.get(value, Symbol.asyncIterator) === 'function'
  );
}

/**
 * One analysis pass over the file.
 *
 * @param create - src/index createAnalyzer
 * @param readLines - src/node readLines
 * @param options - source options
 * @returns lines fed and number of outputs (findings) produced
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
  let lines = 0;
  let checksum = 0;
  let outputs = 0;
  const counted = async function* (): AsyncIterable<string> {
    for await (const line of readLines(options.source)) {
      lines++;
      checksum += line.length;
      yield line;
    }
  };
  const processLines = method(analyzer, 'process');
  const push = method(analyzer, 'push');
  if (processLines) {
    const result = processLines(counted());
    if (isAsyncIterable(result)) for await (const _ of result) outputs++;
    else await result;
  } else if (push) {
    for await (const line of counted()) push(line);
  } else {
    throw new Error('createAnalyzer() has neither process(lines) nor push(line)');
  }
  const finish = method(analyzer, 'flush') ?? method(analyzer, 'end');
  if (finish) {
    const rest = await finish();
    if (Array.isArray(rest)) outputs += rest.length;
  }
  return { lines, checksum, detail: { outputs } };
}
