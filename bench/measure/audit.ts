/**
 * Audit parsing + assembly throughput (issue 4): every record line through
 * `createAuditAssembler().push`, then `flush`, each result consumed (counted by kind and
 * event kind).
 */
import type { AuditResultLike, CreateAuditAssembler, ReadLineBatches } from './api.js';
import type { PassOutput } from './floors.js';

/**
 * One assembly pass over an audit.log read with `readLineBatches`.
 *
 * @param create - createAuditAssembler
 * @param readLineBatches - src/node readLineBatches
 * @param file - the audit.log
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
  let lines = 0;
  let checksum = 0;
  for await (const batch of readLineBatches(file)) {
    for (const line of batch) {
      lines++;
      checksum += line.length;
      count(assembler.push(line, { source: file, line: lines }));
    }
  }
  count(assembler.flush());
  return {
    lines,
    checksum,
    detail: {
      results: Object.fromEntries(results),
      eventKinds: Object.fromEntries([...events].sort((a, b) => b[1] - a[1])),
      stats: assembler.stats(),
    },
  };
}
