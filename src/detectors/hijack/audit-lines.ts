import type { SshtrailEvent } from '../../events/index.js';
import type { Provenance } from '../../events/provenance.js';

const KEEP = [' type=SYSCALL ', ' type=EXECVE ', ' type=SOCKADDR ', ' type=OBJ_PID '];

function keep(text: string): boolean {
  const t = text.startsWith('type=') ? ` ${text}` : text;
  for (const k of KEEP) if (t.includes(k)) return true;
  return t.includes(' type=PATH ') && t.includes(' item=0 ') && !t.includes('nametype=PARENT');
}

/**
 * @internal The lines an analyst needs from an event: for audit events the `SYSCALL`,
 * `EXECVE`, `SOCKADDR`, `OBJ_PID` and first `PATH` records (the socket or file and its owner);
 * otherwise the event's line.
 */
export function keyLines(event: SshtrailEvent): readonly Provenance[] {
  if (!('evidence' in event) || !Array.isArray(event.evidence)) return [event.source];
  const all = event.evidence as readonly Provenance[];
  if (all.length <= 1) return all;
  const out = all.filter((p) => keep(p.text));
  return out.length > 0 ? out : all;
}

/** @internal The authentication lines of a session (`Accepted ... for`, `Connection from`). */
export function loginLines(lines: readonly Provenance[]): Provenance[] {
  return lines
    .filter(
      (e) =>
        (e.text.includes('Accepted ') && e.text.includes(' for ')) ||
        e.text.includes('Connection from '),
    )
    .slice(0, 3);
}
