import type { SshtrailEvent } from '../events/index.js';
import { onLogind, onPamSession, onPrivilege, suChange, sudoChange } from './link-auth.js';
import {
  onAuth,
  onChannelClose,
  onChannelOpen,
  onChannelRequest,
  onConnection,
  onDisconnect,
} from './link-sshd.js';
import type { SessionChange } from './session-change.js';
import { bump, byPid, dropPending, hostState, register, type TrackerCore } from './tracker-core.js';
import { changed, monitorOf, postAuthOf, sameAddress } from './tracker-lookup.js';

/** Protocol issues after which sshd's pre-auth process exits. */
const FATAL_ISSUES = new Set([
  'no_identification',
  'kex_failed',
  'negotiation_failed',
  'bad_banner',
  'banner_timeout',
]);

/**
 * @internal Applies one event to the tracker state, appending what changed to `out`.
 */
export function applyEvent(core: TrackerCore, event: SshtrailEvent, out: SessionChange[]): void {
  switch (event.kind) {
    case 'ssh.connection':
      onConnection(core, event, out);
      return;
    case 'ssh.auth':
      onAuth(core, event, out);
      return;
    case 'ssh.disconnect':
      onDisconnect(core, event, out);
      return;
    case 'ssh.session.open':
      onChannelOpen(core, event, out);
      return;
    case 'ssh.session.close':
      onChannelClose(core, event, out);
      return;
    case 'ssh.child': {
      const draft = monitorOf(core, event, undefined);
      if (draft === undefined || draft.phase === 'pending') return;
      draft.childPid = event.childPid;
      register(core, 'c', draft);
      changed(core, draft, event, out);
      return;
    }
    case 'ssh.transfer': {
      const draft = postAuthOf(core, event, undefined);
      if (draft === undefined) return;
      draft.bytes = { sent: event.sent, received: event.received };
      changed(core, draft, event, out);
      return;
    }
    case 'ssh.channel':
      onChannelRequest(core, event, out);
      return;
    case 'ssh.protocol': {
      const draft = monitorOf(core, event, event);
      if (draft?.phase !== 'pending') return;
      if (FATAL_ISSUES.has(event.issue)) dropPending(core, draft);
      else bump(core, draft, event);
      return;
    }
    case 'ssh.server':
      if (event.action === 'listening' && event.pid !== undefined) {
        hostState(core, event.host, event.time).listener = event.pid;
      }
      return;
    case 'pam.session':
      onPamSession(core, event, out);
      return;
    case 'pam.auth': {
      // The monitor's draft, if its address matches (pam lines carry no port).
      const draft = byPid(core, event.host, 'm', event.pid);
      if (draft?.phase === 'pending' && sameAddress(draft, event.sourceIp, event.sourceName)) {
        bump(core, draft, event);
      }
      return;
    }
    case 'logind.session':
      onLogind(core, event, out);
      return;
    case 'priv.sudo':
      onPrivilege(core, event, sudoChange(event), out);
      return;
    case 'priv.su':
      onPrivilege(core, event, suChange(event), out);
      return;
  }
}
