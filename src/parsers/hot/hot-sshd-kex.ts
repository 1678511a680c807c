import type { SshProtocolEvent } from '../../events/ssh.js';
import type { HotContext } from './hot-context.js';
import { bulk, literalAt } from './text-at.js';

const L_CLIENT_SENT = bulk('client sent invalid protocol');
const L_BANNER_LINE = bulk('banner line');

/**
 * `kex_exchange_identification: DETAIL` (what `parseKexIdentification` reads from it): a bad
 * banner or a failed identification exchange, with no peer.
 *
 * @internal
 */
export function hotKexIdentification(h: HotContext): SshProtocolEvent {
  const text = h.text;
  const end = h.bodyEnd;
  const at = h.bodyStart + 29;
  const bad = literalAt(text, at, L_CLIENT_SENT, end) || literalAt(text, at, L_BANNER_LINE, end);
  const e = h.envelope;
  return {
    kind: 'ssh.protocol',
    time: e.time,
    timeBasis: e.timeBasis,
    host: h.host,
    program: e.program,
    pid: e.pid,
    repeat: e.repeat,
    source: h.source,
    prefix: h.prefix,
    preauth: h.preauth,
    sourceIp: undefined,
    sourceName: undefined,
    sourcePort: undefined,
    issue: bad ? 'bad_banner' : 'kex_failed',
    detail: text.slice(at, end),
  };
}
