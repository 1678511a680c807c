/**
 * Audit parsing + assembly throughput (issue 4): every record line through
 * `createAuditAssembler().push`, then `flush`, each result consumed (counted by kind and
 * event kind). The file is pushed a read chunk at a time (`readTextChunks`), the way an
 * embedder feeds a whole file; a checkout without that reader is pushed a line at a time
 * (`readLineBatches`). Both give the same output.
 */
import type {
  AuditAssemblerLike,
  AuditResultLike,
  CreateAuditAssembler,
  ReadLineBatches,
  ReadTextChunks,
} from './api.js';
import type { PassOutput } from './floors.js';

/**
 * One assembly pass over an audit.log.
 *
 * @param create - createAuditAssembler
 * @param readLineBatches - src/node readLineBatches (used when `readTextChunks` is missing)
 * @param file - the audit.log
 * @param readTextChunks - src/node readTextChunks, when the checkout has it
 * @returns lines, checksum, result and event counts, the assembler's stats
 * @example
 * ```ts
 * await auditPass(api.createAuditAssembler, api.readLineBatches, 'bench/.data/audit.log');
 * ```
 */
export async function auditPass(
  create: CreateAuditAssembler,
  readLineBatches: ReadLineBatches,
  file: string,
  readTextChunks?: ReadTextChunks,
): Promise<PassOutput> {
  const assembler = create({ host: 'bastion-01' });
  const results = new Map<string, number>();
  const events = new Map<string, number>();
  const count = (list: readonly AuditResultLike[]): void => {
    for (const r of list) {
      results.set(r.kind, (results.get(r.kind) ?? 0) + 1);
      if (r.event !== undefined) events.set(r.event.kind, (events.get(r.event.kind) ?? 0) + 1);
    }
  };
  const read =
    readTextChunks === undefined
      ? await byLines(assembler, readLineBatches, file, count)
      : await byChunks(assembler, readTextChunks, file, count);
  count(assembler.flush());
  return {
    ...read,
    detail: {
      results: Object.fromEntries(results),
      eventKinds: Object.fromEntries([...events].sort((a, b) => b[1] - a[1])),
      stats: assembler.stats(),
    },
  };
}

type Count = (list: readonly AuditResultLike[]) => void;

async function byLines(
  assembler: AuditAssemblerLike,
  readLineBatches: ReadLineBatches,
  file: string,
  count: Count,
): Promise<PassOutput> {
  let lines = 0;
  let checksum = 0;
  for await (const batch of readLineBatches(file)) {
    for (const line of batch) {
      lines++;
      checksum += line.length;
      count(assembler.push(line, { source: file, line: lines }));
    }
  }
  return { lines, checksum };
}

async function byChunks(
  assembler: AuditAssemblerLike,
  readTextChunks: ReadTextChunks,
  file: string,
  count: Count,
): Promise<PassOutput> {
  let lines = 0;
  let checksum = 0;
  for await (const chunk of readTextChunks(file)) {
    count(assembler.push(chunk.text, { source: file, line: lines + 1 }));
    lines += chunk.lines;
    checksum += lineUnits(chunk.text, chunk.lines);
  }
  return { lines, checksum };
}

/**
 * The summed lengths of the `lines` lines of a chunk's `text` (the line pass's checksum):
 * its length less the terminators, a `\n` and the `\r` before it (or at its very end).
 *
 * @param text - A chunk's text.
 * @param lines - Its line count.
 * @returns The units of its lines.
 * @example
 * ```ts
 * lineUnits('ab\r\nc\n', 2); // 3
 * ```
 */
export function lineUnits(text: string, lines: number): number {
  const last = text.length - 1;
  let units = text.length - (text.charCodeAt(last) === 10 ? lines : lines - 1);
  for (let cr = text.indexOf('\r'); cr !== -1; cr = text.indexOf('\r', cr + 1)) {
    if (cr === last || text.charCodeAt(cr + 1) === 10) units--;
  }
  return units;
}
