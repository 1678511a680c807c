import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionChange, SshSession } from '../../src/model/index.js';
import { createSessionTracker } from '../../src/model/index.js';
import { parseLines } from './parse-lines.js';

function track(lines: readonly string[], options = {}) {
  const tracker = createSessionTracker(options);
  const changes: SessionChange[] = [];
  for (const e of parseLines(lines)) changes.push(...tracker.push(e));
  const byId = new Map<string, SshSession>();
  for (const c of changes) if (c.kind !== 'diagnostic') byId.set(c.session.id, c.session);
  return { tracker, changes, sessions: [...byId.values()] };
}

describe('real log lines through the parsers', () => {
  it('OpenSSH 9.8+ VERBOSE session with sudo, agent forwarding and logind (sshd-session)', () => {
    const { sessions } = track([
      'Jun  1 12:00:00 db1 sshd-session[2124]: Connection from 198.51.100.7 port 41000 on 10.0.0.5 port 22',
      'Jun  1 12:00:01 db1 sshd-session[2124]: Accepted key ED25519 SHA256:kzfjfps/WFgXAdNgzvHBLuI072Y+f+91rpinXJAAvkM found at /home/bob/.ssh/authorized_keys:3',
      'Jun  1 12:00:01 db1 sshd-session[2124]: Accepted publickey for bob from 198.51.100.7 port 41000 ssh2: ED25519 SHA256:kzfjfps/WFgXAdNgzvHBLuI072Y+f+91rpinXJAAvkM',
      'Jun  1 12:00:01 db1 sshd-session[2124]: pam_unix(sshd:session): session opened for user bob(uid=1001) by bob(uid=0)',
      'Jun  1 12:00:01 db1 systemd-logind[700]: New session 7 of user bob.',
      'Jun  1 12:00:01 db1 sshd-session[2124]: User child is on pid 2131',
      'Jun  1 12:00:02 db1 sshd-session[2131]: Starting session: shell on pts/0 for bob from 198.51.100.7 port 41000 id 0',
      'Jun  1 12:01:00 db1 sudo[2200]:      bob : TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/usr/bin/systemctl restart postgresql',
      'Jun  1 12:02:00 db1 sshd-session[2131]: debug1: server_input_channel_req: channel 0 request auth-agent-req@openssh.com reply 0',
      'Jun  1 12:05:00 db1 su[3333]: (to root) bob on pts/0',
      'Jun  1 12:10:00 db1 sshd-session[2131]: Close session: user bob from 198.51.100.7 port 41000 id 0',
      'Jun  1 12:10:00 db1 sshd-session[2131]: Received disconnect from 198.51.100.7 port 41000:11: disconnected by user',
      'Jun  1 12:10:00 db1 sshd-session[2131]: Disconnected from user bob 198.51.100.7 port 41000',
      'Jun  1 12:10:00 db1 sshd-session[2124]: pam_unix(sshd:session): session closed for user bob',
      'Jun  1 12:10:00 db1 systemd-logind[700]: Session 7 logged out. Waiting for processes to exit.',
      'Jun  1 12:10:00 db1 systemd-logind[700]: Removed session 7.',
    ]);
    expect(sessions).toHaveLength(1);
    const [s] = sessions;
    expect(s).toMatchObject({
      id: 'db1/2124/1717243200000',
      state: 'closed',
      user: 'bob',
      sourceIp: '198.51.100.7',
      sourcePort: 41000,
      keyLocation: '/home/bob/.ssh/authorized_keys:3',
      pids: { monitor: 2124, child: 2131 },
      tty: 'pts/0',
      logindSessionId: '7',
      agentForwarding: true,
      endReason: 'received_disconnect',
      durationMs: 600_000,
      partial: { start: false, end: false },
    });
    expect(
      s?.privilegeChanges.map((p) => `${p.kind}:${p.user}->${p.target}:${p.attachedBy}`),
    ).toEqual(['sudo:bob->root:tty', 'su:bob->root:tty']);
    expect(s?.evidence).toHaveLength(16);
  });

  it('INFO level, OpenSSH <= 9.7: P2 lines joined by ip and port, brute force counted', () => {
    const { sessions, tracker } = track([
      'Jun  1 11:59:40 web1 sshd[4100]: Failed password for alice from 198.51.100.7 port 50010 ssh2',
      'Jun  1 11:59:44 web1 sshd[4100]: Failed password for alice from 198.51.100.7 port 50010 ssh2',
      'Jun  1 11:59:45 web1 sshd[4100]: Connection closed by authenticating user alice 198.51.100.7 port 50010 [preauth]',
      'Jun  1 12:00:00 web1 sshd[4242]: Accepted password for alice from 198.51.100.7 port 50022 ssh2',
      'Jun  1 12:00:00 web1 sshd[4242]: pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)',
      'Jun  1 12:00:00 web1 systemd-logind[612]: New session 12 of user alice.',
      'Jun  1 12:05:00 web1 sshd[4250]: Received disconnect from 198.51.100.7 port 50022:11: disconnected by user',
      'Jun  1 12:05:00 web1 sshd[4250]: Disconnected from user alice 198.51.100.7 port 50022',
      'Jun  1 12:05:00 web1 sshd[4242]: pam_unix(sshd:session): session closed for user alice',
      'Jun  1 12:05:00 web1 systemd-logind[612]: Removed session 12.',
    ]);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      failedAttempts: 2,
      failedAttemptsOnConnection: 0,
      pids: { monitor: 4242, child: 4250 },
      logindSessionId: '12',
      endTime: Date.UTC(2024, 5, 1, 12, 5),
    });
    expect(sessions[0]?.evidence.map((p) => p.line)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(tracker.size().pending).toBe(0);
  });

  it('an injected user name does not move a session to another address', () => {
    const { sessions } = track([
      'Jun  1 12:00:00 web1 sshd[4242]: Accepted password for x from 6.6.6.6 port 22 from 198.51.100.7 port 50022 ssh2',
      'Jun  1 12:05:00 web1 sshd[4250]: Disconnected from user x from 6.6.6.6 port 22 198.51.100.7 port 50022',
    ]);
    expect(sessions.map((s) => [s.sourceIp, s.state])).toEqual([['198.51.100.7', 'closed']]);
  });
});

const corpus = path.resolve(process.cwd(), '../shared/corpora/sshd/loghub/OpenSSH_2k.log');
const hasCorpus = existsSync(corpus);

describe.skipIf(!hasCorpus)('loghub OpenSSH_2k.log (skipped: ../shared/corpora absent)', () => {
  it('finds the one authenticated session among 2000 brute-force lines, without leaking state', () => {
    const lines = hasCorpus
      ? readFileSync(corpus, 'utf8')
          .split('\n')
          .filter((l) => l !== '')
      : [];
    const { sessions, tracker, changes } = track(lines, { maxPendingConnections: 50 });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      host: 'LabSZ',
      user: 'fztu',
      sourceIp: '119.137.62.142',
      sourcePort: 49116,
      state: 'closed',
      endReason: 'pam_session_closed',
      durationMs: (12 * 60 + 46) * 1000,
      pids: { monitor: 24680 },
    });
    expect(sessions[0]?.evidence.map((p) => p.line)).toEqual([956, 957, 965]);
    expect(tracker.size().pending).toBeLessThanOrEqual(50);
    expect(changes.filter((c) => c.kind === 'open')).toHaveLength(1);
  });
});
