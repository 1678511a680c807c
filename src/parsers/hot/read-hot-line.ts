import type { SshtrailEvent } from '../../events/index.js';
import type { HotContext } from './hot-context.js';
import { hotLogind } from './hot-logind.js';
import { hotPam } from './hot-pam.js';
import { hotSshd } from './hot-sshd.js';
import { bulk, literalAt } from './text-at.js';

const KERNEL = bulk('kernel:');

/**
 * The event of a syslog line of one of the hottest shapes of brute-force auth logs, read in
 * one pass over the line (no message slice, no context, no match arrays), or `undefined`
 * when the line is of no such exact shape. Routing mirrors `routeMessage`: PAM prefixes
 * first, whatever the program, then the program. The general path stays the single source
 * of truth: a hot reader returns exactly the event the general path would, or nothing
 * (test/parsers/line-parser/hot-path.test.ts compares both).
 *
 * @internal
 */
export function readHotLine(h: HotContext): SshtrailEvent | undefined {
  const first = h.text.charCodeAt(h.envelope.start);
  // `pam_...` is PAM under any program; `kernel:`, `PAM ` and `(pam_` are left to the general path.
  if (first === 112 /* p */) return hotPam(h);
  if (first === 80 /* P */ || first === 40 /* ( */) return undefined;
  if (first === 107 /* k */ && literalAt(h.text, h.envelope.start, KERNEL, h.text.length)) {
    return undefined;
  }
  switch (h.envelope.program) {
    case 'sshd':
    case 'sshd-session':
    case 'sshd-auth':
      return hotSshd(h);
    case 'systemd-logind':
      return hotLogind(h);
    default:
      return undefined;
  }
}
