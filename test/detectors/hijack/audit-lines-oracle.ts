// keyLines before its single-scan `keep` (verbatim but for the export names): the oracle of
// audit-lines.test.ts. It prefixed a space to every `type=` line (a copy of the line) and
// searched the line once per kept type.
import type { SshtrailEvent } from '../../../src/events/index.js';
import type { Provenance } from '../../../src/events/provenance.js';

const KEEP = [' type=SYSCALL ', ' type=EXECVE ', ' type=SOCKADDR ', ' type=OBJ_PID '];

function keep(text: string): boolean {
  const t = text.startsWith('type=') ? ` ${text}` : text;
  for (const k of KEEP) if (t.includes(k)) return true;
  return t.includes(' type=PATH ') && t.includes(' item=0 ') && !t.includes('nametype=PARENT');
}

/** The old keyLines. */
export function oracleKeyLines(event: SshtrailEvent): readonly Provenance[] {
  if (!('evidence' in event) || !Array.isArray(event.evidence)) return [event.source];
  const all = event.evidence as readonly Provenance[];
  if (all.length <= 1) return all;
  const out = all.filter((p) => keep(p.text));
  return out.length > 0 ? out : all;
}
