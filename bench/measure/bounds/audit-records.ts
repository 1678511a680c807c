/**
 * The per-record part of an audit pass, with nothing the product could skip left out and
 * nothing more: each chunk of `readTextChunks` cut into line strings (a `\r` before `\n`
 * dropped), a provenance object per line (every line is cited as evidence), the header read
 * unchecked, and the records grouped into events.
 */
import type { ReadTextChunks } from '../api.js';
import { type AuditGroup, createAuditGroups } from './audit-groups.js';
import { newAuditHeader, readAuditHeader } from './audit-header.js';

/**
 * Reads `file` and hands every complete event's records to `close`.
 *
 * @param readTextChunks - src/node readTextChunks (the audit pass's reader)
 * @param file - the audit.log
 * @param close - receives each event's group
 * @returns the number of lines read
 * @example
 * ```ts
 * const lines = await readAuditGroups(api.readTextChunks, file, (g) => g.evidence.length);
 * ```
 */
export async function readAuditGroups(
  readTextChunks: ReadTextChunks,
  file: string,
  close: (group: AuditGroup) => void,
): Promise<number> {
  const groups = createAuditGroups(close);
  const h = newAuditHeader();
  let line = 0;
  for await (const chunk of readTextChunks(file)) {
    const text = chunk.text;
    let from = 0;
    while (from < text.length) {
      let nl = text.indexOf('\n', from);
      if (nl === -1) nl = text.length;
      const stop = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      const record = text.slice(from, stop);
      line++;
      readAuditHeader(record, h);
      groups.add(h.type, h.key, h.body, { source: file, line, text: record });
      from = nl + 1;
    }
  }
  groups.flush();
  return line;
}
