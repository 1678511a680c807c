import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProbedLineParser } from '../../../src/parsers/line-parser.js';
import { hostileLineRuns } from './hostile-lines.js';

// The hot paths must build exactly the event the general path builds (same keys, same order,
// same values, `undefined` included), and leave every other line to it.
const UNDEFINED = '\u0000undefined';
const serialize = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v === undefined ? UNDEFINED : v));

const OPTIONS = [
  { source: 's', year: 2024, timezone: 'UTC' },
  { source: 's', referenceTime: Date.UTC(2024, 5, 1), host: 'fallback' },
  { source: 's', timezone: 'Europe/Berlin', referenceTime: Date.UTC(2025, 0, 3) },
] as const;

function compare(lines: readonly string[]): { hot: number; lines: number } {
  let hot = 0;
  for (const options of OPTIONS) {
    const fast = createProbedLineParser(options, true);
    const general = createProbedLineParser(options, false);
    for (const line of lines) {
      expect(serialize(fast.parse(line)), line).toBe(serialize(general.parse(line)));
    }
    expect(serialize(fast.snapshot())).toBe(serialize(general.snapshot()));
    expect(general.hotLines()).toBe(0);
    hot += fast.hotLines();
  }
  return { hot, lines: lines.length * OPTIONS.length };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat === undefined) return [];
    return stat.isDirectory() ? files(path) : stat.size < 4_000_000 ? [path] : [];
  });
}

// One well-formed line per hot reader (and some edge forms): each must be read hot, so a
// reader that stops matching its shape fails here, and read exactly as the general path does.
const T = '2024-03-01T00:00:17.341328+00:00 bastion-01';
const HOT_LINES = [
  `${T} sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=1.2.3.4  user=root`,
  `${T} sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty= ruser= rhost=`,
  `${T} sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=x rhost=h.example  user=a b`,
  `${T} sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=1.2.3.4 \t user=`,
  `${T} sshd[1]: pam_unix(sshd:auth): check pass; user unknown`,
  `${T} sshd[1]: Failed password for invalid user x from 6.6.6.6 port 22 from 1.2.3.4 port 5 ssh2`,
  `${T} sshd[1]: Accepted publickey for a from 10.0.0.1 port 5 ssh2`,
  `${T} sshd[1]: Connection from 1.2.3.4 port 5 on 10.0.0.1 port 22 rdomain ""`,
  `${T} sshd[1]: Connection closed by authenticating user root 1.2.3.4 port 5 [preauth]`,
  `${T} sshd[1]: Connection reset by 1.2.3.4 port 5`,
  `${T} sshd[1]: Connection closed by 1.2.3.4 port 5 [preauth]`,
  `${T} sshd[1]: Connection closed by 1.2.3.4`,
  `${T} sshd[1]: Disconnected from 255.255.255.255 port 65535`,
  `${T} sshd[1]: Disconnected from user a 1.2.3.4 port 5`,
  `${T} sshd[1]: Received disconnect from 1.2.3.4 port 5:11: Bye Bye [preauth]`,
  `${T} sshd[1]: Invalid user a from 1.2.3.4 port 5`,
  `${T} sshd[1]: Invalid user a from example.com port 5`,
  `${T} sshd[1]: Failed none for a from 2001:DB8::0:1 port 5 ssh2`,
  `${T} sshd[1]: Connection from fe80::1%eth0 port 5 on ::1 port 22`,
  `${T} sshd[1]: error: kex_exchange_identification: Connection closed by remote host`,
  `${T} systemd-logind[2]: Session 4 logged out. Waiting for processes to exit.`,
  `${T} systemd-logind[2]: Removed session 4.`,
  `${T} systemd-logind[2]: New session 4 of user alice.`,
  `${T} systemd-logind[2]: New session c4 of user alice`,
  `${T} sshd[1]: pam_unix(sshd:session): session opened for user a(uid=1000) by (uid=0)`,
  `${T} sshd[1]: pam_unix(sshd:session): session closed for user a`,
  `${T} sudo[3]: pam_unix(sudo:session): session opened for user root(uid=0) by dave(uid=1005)`,
  `${T} su[3]: pam_unix(su-l:session): session closed for user root by dave \t`,
  `${T} sshd[1]: User child is on pid 1880`,
  `${T} sshd[1]: Starting session: shell on pts/3 for dave from 10.20.9.40 port 56101 id 0`,
  `${T} sshd[1]: Starting session: command for x from 1.2.3.4 port 5`,
  `${T} sshd[1]: Starting session: subsystem 'sftp' for carol from 10.20.9.31 port 42313 id 0`,
  `${T} sshd[1]: Close session: user bob from 10.20.9.22 port 52374 id 0`,
  `${T} sshd[1]: Close session: user  from example.com port 99999`,
];

describe('line parser hot paths', () => {
  it('read each hot shape hot, exactly as the general path', () => {
    for (const line of HOT_LINES) {
      const { hot, lines } = compare([line]);
      expect(hot, line).toBe(lines);
    }
  });

  it('match the general path on every fixture, taking some lines and leaving others', () => {
    const lines = files(join(__dirname, '../../fixtures')).flatMap((file) =>
      readFileSync(file, 'latin1').split(/\r?\n/),
    );
    const { hot, lines: total } = compare(lines);
    expect(hot).toBeGreaterThan(100);
    expect(hot).toBeLessThan(total);
  });

  it('match the general path on runs of hostile lines', () => {
    let hot = 0;
    let total = 0;
    fc.assert(
      fc.property(hostileLineRuns, (run) => {
        const counts = compare(run);
        hot += counts.hot;
        total += counts.lines;
      }),
      { numRuns: 400 },
    );
    // Both paths are exercised: a share of the lines is hot, the rest falls back.
    expect(hot).toBeGreaterThan(total / 20);
    expect(hot).toBeLessThan(total / 2);
  });
});
