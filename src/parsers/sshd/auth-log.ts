import type { SshKey, SshPeer } from '../../events/ssh.js';
import type { MessageContext, MessageResult } from '../outcome.js';
import { authEvent } from './build.js';
import type { MarkedMessage } from './markers.js';
import { UNKNOWN } from './miss.js';
import { AUTH_LOG, KEY_INFO, KEY_LIKE } from './patterns.js';
import { peerOf } from './peer.js';

const OUTCOMES = {
  Accepted: 'success',
  Failed: 'failure',
  Partial: 'partial',
  Postponed: 'postponed',
} as const;

/** At most this many `": "` split points are tried (real lines have one or two). */
const MAX_SPLITS = 16;

/**
 * Parses sshd's key info (`ED25519 SHA256:...`, MD5 hex, certificates, the hostbased
 * `, client user "..."` tail), strictly.
 *
 * @param extra - The text after `ssh2: `.
 * @returns The key, or `undefined` when the text is not in sshd's strict form.
 * @internal
 */
export function parseKeyInfo(extra: string): SshKey | undefined {
  const hostbased = extra.indexOf(', client user "');
  const text = hostbased >= 0 ? extra.slice(0, hostbased) : extra;
  const m = KEY_INFO.exec(text);
  if (m === null) return undefined;
  const type = m[1] ?? '';
  const fingerprint = m[2] ?? '';
  const id = m[3];
  return {
    type,
    fingerprint,
    certificate:
      id === undefined
        ? undefined
        : { id, serial: m[4] ?? '', caType: m[5] ?? '', caFingerprint: m[6] ?? '' },
  };
}

/**
 * Parses `Accepted|Failed|Partial|Postponed METHOD for [invalid user ]U from H port N ssh2[: EXTRA]`.
 *
 * The user is attacker-controlled: the host is taken from the right. Candidate split points are
 * the end of the text and each `ssh2: `; a split is kept when its left part is a complete auth line
 * and its right part is absent, sshd's strict key info, or legacy auth info (`ruser X`, anything
 * not key-like: fail2ban gh-2185). A right part that merely starts like key info and goes on
 * (`RSA SHA256:x from 9.9.9.9 port 7 ssh2`) belongs to the user name, so a later split is tried.
 *
 * @param m - The marked message.
 * @param c - The envelope context.
 * @returns An `ssh.auth` event, or a miss.
 * @internal
 */
export function parseAuthLog(m: MarkedMessage, c: MessageContext): MessageResult {
  const body = m.body;
  let from = 0;
  for (let tries = 0; tries <= MAX_SPLITS; tries++) {
    const colon = tries === MAX_SPLITS ? -1 : nextKeySplit(body, from);
    const left = colon < 0 ? body : body.slice(0, colon);
    const match = AUTH_LOG.exec(left);
    if (match !== null) {
      let key: SshKey | undefined;
      let accept = colon < 0;
      if (!accept) {
        const extra = body.slice(colon + 2);
        key = parseKeyInfo(extra);
        accept = key !== undefined || !KEY_LIKE.test(extra);
      }
      if (accept) return build(m, c, match, key);
    }
    if (colon < 0) return UNKNOWN;
    from = colon + 2;
  }
  return UNKNOWN;
}

/** The next `": "` that follows ` ssh2`/` ssh1` (sshd writes key info only there; a `": "` elsewhere may end an IPv6 address such as `::`). */
function nextKeySplit(body: string, from: number): number {
  let at = body.indexOf(': ', from);
  while (at >= 0 && !(body.startsWith(' ssh2', at - 5) || body.startsWith(' ssh1', at - 5))) {
    at = body.indexOf(': ', at + 2);
  }
  return at;
}

function build(
  m: MarkedMessage,
  c: MessageContext,
  match: RegExpExecArray,
  key: SshKey | undefined,
): MessageResult {
  const verb = (match[1] ?? 'Failed') as keyof typeof OUTCOMES;
  const methodText = match[2] ?? '';
  const slash = methodText.indexOf('/');
  const peer: SshPeer = peerOf(match[5], match[6]);
  return authEvent(c, m, peer, {
    outcome: OUTCOMES[verb],
    method: slash < 0 ? methodText : methodText.slice(0, slash),
    submethod: slash < 0 ? undefined : methodText.slice(slash + 1),
    user: match[4] ?? '',
    invalidUser: match[3] !== undefined,
    key,
    keyLocation: undefined,
    reason: undefined,
  });
}
