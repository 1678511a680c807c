import type { SshtrailEvent } from '../../events/index.js';
import type { Provenance } from '../../events/provenance.js';

/** Record types whose lines are kept, as they read after `type=`. */
const KEPT_TYPES = ['SYSCALL ', 'EXECVE ', 'SOCKADDR ', 'OBJ_PID '];

/**
 * Whether a line holds ` type=T ` for a kept type `T`, or is the first non-parent `PATH` item
 * (` type=PATH `, ` item=0 `, no `nametype=PARENT`); a line that starts with `type=` reads as
 * if a space came before it. Each ` type=` of the line is found by one search and its type
 * read in place: no copy of the line, and one scan instead of one per type (this runs on every
 * line of every audit event some detectors look at).
 */
function keep(text: string): boolean {
  let path = false;
  for (
    let at = text.startsWith('type=') ? 0 : text.indexOf(' type=');
    at !== -1;
    at = text.indexOf(' type=', at + 1)
  ) {
    const type = at === 0 && text.charCodeAt(0) !== 32 ? 5 : at + 6;
    for (const k of KEPT_TYPES) if (text.startsWith(k, type)) return true;
    if (text.startsWith('PATH ', type)) path = true;
  }
  return path && text.includes(' item=0 ') && !text.includes('nametype=PARENT');
}

/**
 * Each event's key lines, once: several detectors ask for the same event's (one to remember a
 * connect, another for a finding's evidence). The lists are read-only, so sharing them is safe.
 */
const KEY_LINES = new WeakMap<object, readonly Provenance[]>();

/**
 * @internal The lines an analyst needs from an event: for audit events the `SYSCALL`,
 * `EXECVE`, `SOCKADDR`, `OBJ_PID` and first `PATH` records (the socket or file and its owner);
 * otherwise the event's line.
 */
export function keyLines(event: SshtrailEvent): readonly Provenance[] {
  if (!('evidence' in event) || !Array.isArray(event.evidence)) return [event.source];
  const all = event.evidence as readonly Provenance[];
  if (all.length <= 1) return all;
  const known = KEY_LINES.get(event);
  if (known !== undefined) return known;
  const out = all.filter((p) => keep(p.text));
  const lines = out.length > 0 ? out : all;
  KEY_LINES.set(event, lines);
  return lines;
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
