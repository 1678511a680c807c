import { describe, expect, it } from 'vitest';
import type { PamAuthEvent, PamSessionEvent } from '../../../src/events/auth.js';
import { parsePamMessage } from '../../../src/parsers/auth/parse-pam-message.js';
import type { MessageResult } from '../../../src/parsers/outcome.js';
import { context } from '../../helpers/context.js';

const sshd = context({ program: 'sshd', pid: 24227 });

function auth(result: MessageResult): PamAuthEvent {
  if (result.kind !== 'pam.auth')
    throw new Error(`expected pam.auth, got ${JSON.stringify(result)}`);
  return result;
}

function session(result: MessageResult): PamSessionEvent {
  if (result.kind !== 'pam.session') {
    throw new Error(`expected pam.session, got ${JSON.stringify(result)}`);
  }
  return result;
}

describe('parsePamMessage', () => {
  describe('sessions', () => {
    it('reads the old `by (uid=0)` form of sshd (loghub OpenSSH_2k.log:957)', () => {
      const ctx = context({ program: 'sshd', pid: 24680 });
      const r = parsePamMessage(
        'pam_unix(sshd:session): session opened for user fztu by (uid=0)',
        ctx,
      );
      expect(r).toStrictEqual({
        kind: 'pam.session',
        time: ctx.time,
        timeBasis: ctx.timeBasis,
        host: ctx.host,
        program: 'sshd',
        pid: 24680,
        repeat: 1,
        source: ctx.source,
        service: 'sshd',
        action: 'open',
        user: 'fztu',
        uid: undefined,
        byUser: '',
        byUid: 0,
      });
    });

    it('reads a session close (loghub OpenSSH_2k.log:965)', () => {
      const r = session(
        parsePamMessage('pam_unix(sshd:session): session closed for user fztu', sshd),
      );
      expect([r.action, r.user, r.uid, r.byUser, r.byUid]).toStrictEqual([
        'close',
        'fztu',
        undefined,
        undefined,
        undefined,
      ]);
    });

    it('reads the Linux-PAM 1.5 form with uids on both sides (sshd-messages.md section 5)', () => {
      const r = session(
        parsePamMessage(
          'pam_unix(su:session): session opened for user root(uid=0) by alice(uid=1000)',
          context({ program: 'su' }),
        ),
      );
      expect([r.service, r.user, r.uid, r.byUser, r.byUid]).toStrictEqual([
        'su',
        'root',
        0,
        'alice',
        1000,
      ]);
    });

    it('reads `by name(uid=N)` after a user without uid (elastic-beats timestamp.log:1)', () => {
      const r = session(
        parsePamMessage(
          'pam_unix(sudo-i:session): session opened for user root by userauth3(uid=0)',
          context({ program: 'sudo' }),
        ),
      );
      expect([r.service, r.user, r.uid, r.byUser, r.byUid]).toStrictEqual([
        'sudo-i',
        'root',
        undefined,
        'userauth3',
        0,
      ]);
    });

    it('reads the pre-0.99 `su(pam_unix)` program form (wazuh pam.ini)', () => {
      const ctx = context({ program: 'su(pam_unix)', pid: 14592 });
      const opened = session(parsePamMessage('session opened for user news by (uid=0)', ctx));
      const closed = session(parsePamMessage('session closed for user news', ctx));
      expect([opened.service, opened.action, opened.user, opened.byUid]).toStrictEqual([
        'su',
        'open',
        'news',
        0,
      ]);
      expect([closed.service, closed.action, closed.user]).toStrictEqual(['su', 'close', 'news']);
    });

    it('returns unrecognized for a session line it cannot read', () => {
      expect(parsePamMessage('pam_unix(sshd:session): session opened for', sshd)).toStrictEqual({
        kind: 'unrecognized',
        reason: 'unknown_pam_message',
      });
    });
  });

  describe('authentication failures', () => {
    it('reads rhost and the double-spaced user (fail2ban sshd, 2015-04-16T18:02:50 line)', () => {
      const r = auth(
        parsePamMessage(
          'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.112  user=root',
          sshd,
        ),
      );
      expect(r).toMatchObject({
        service: 'sshd',
        module: 'pam_unix',
        outcome: 'failure',
        user: 'root',
        ruser: undefined,
        sourceIp: '192.0.2.112',
        sourceName: undefined,
        tty: 'ssh',
        count: 1,
      });
    });

    it('leaves user undefined when `user=` is absent (loghub OpenSSH_2k.log, unknown user)', () => {
      const r = auth(
        parsePamMessage(
          'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=5.188.10.180 ',
          sshd,
        ),
      );
      expect([r.user, r.sourceIp, r.count]).toStrictEqual([undefined, '5.188.10.180', 1]);
    });

    it('keeps a host name in sourceName (loghub OpenSSH_2k.log, omantel.net.om)', () => {
      const r = auth(
        parsePamMessage(
          'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=5.36.59.76.dynamic-dsl-ip.omantel.net.om  user=root',
          sshd,
        ),
      );
      expect([r.sourceIp, r.sourceName, r.user]).toStrictEqual([
        undefined,
        '5.36.59.76.dynamic-dsl-ip.omantel.net.om',
        'root',
      ]);
    });

    it('canonicalises an IPv6 rhost', () => {
      const r = auth(
        parsePamMessage(
          'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=2001:DB8:0::1  user=root',
          sshd,
        ),
      );
      expect([r.sourceIp, r.sourceName]).toStrictEqual(['2001:db8::1', undefined]);
    });

    it('reads sudo failures with an empty rhost and a tty path (crowdsec pam-logs.log:2)', () => {
      const r = auth(
        parsePamMessage(
          'pam_unix(sudo:auth): authentication failure; logname=zbadguy uid=4001 euid=0 tty=/dev/pts/12 ruser=zbadguy rhost=  user=zbadguy',
          context({ program: 'sudo' }),
        ),
      );
      expect(r).toMatchObject({
        service: 'sudo',
        user: 'zbadguy',
        ruser: 'zbadguy',
        sourceIp: undefined,
        sourceName: undefined,
        tty: '/dev/pts/12',
      });
    });

    it('reads a single-spaced user after an empty rhost (elastic test-auth.log:12)', () => {
      const r = auth(
        parsePamMessage(
          'pam_unix(sudo:auth): authentication failure; logname=bob uid=1117 euid=0 tty=/dev/pts/1 ruser=alice rhost= user=root',
          context({ program: 'sudo', pid: 654321 }),
        ),
      );
      expect([r.user, r.ruser, r.sourceIp, r.sourceName]).toStrictEqual([
        'root',
        'alice',
        undefined,
        undefined,
      ]);
    });

    it('reads the pre-0.99 `su(pam_unix)` failure (wazuh pam.ini)', () => {
      const r = auth(
        parsePamMessage(
          'authentication failure; logname= uid=1342 euid=0 tty= ruser=dcid rhost=  user=osaudit',
          context({ program: 'su(pam_unix)', pid: 23164 }),
        ),
      );
      expect([r.service, r.module, r.user, r.ruser, r.tty]).toStrictEqual([
        'su',
        'pam_unix',
        'osaudit',
        'dcid',
        undefined,
      ]);
    });

    it('reads the `(pam_unix) ` prefix with the service from the program (fail2ban pam-generic)', () => {
      const r = auth(
        parsePamMessage(
          '(pam_unix) authentication failure; logname= uid=0 euid=0 tty=pure-ftpd ruser=sample-user rhost=192.168.1.1 ',
          context({ program: 'pure-ftpd', pid: undefined }),
        ),
      );
      expect([r.service, r.module, r.ruser, r.sourceIp, r.user]).toStrictEqual([
        'pure-ftpd',
        'pam_unix',
        'sample-user',
        '192.168.1.1',
        undefined,
      ]);
    });

    it('drops the `[preauth]` relay marker (fail2ban sshd, gh-2070 block)', () => {
      const r = auth(
        parsePamMessage(
          'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=rda rhost=192.0.2.113 [preauth]',
          sshd,
        ),
      );
      expect([r.ruser, r.sourceIp, r.user]).toStrictEqual(['rda', '192.0.2.113', undefined]);
    });

    it('does not let an injected ` rhost=` in ruser change the source (fail2ban pam-generic)', () => {
      const r = auth(
        parsePamMessage(
          'pam_unix(auth): authentication failure; logname= uid=0 euid=0 tty=xxx ruser=test rhost=192.0.2.151 rhost=192.0.2.1',
          context({ program: 'daemon' }),
        ),
      );
      expect([r.service, r.ruser, r.sourceIp]).toStrictEqual([
        'daemon',
        'test rhost=192.0.2.151',
        '192.0.2.1',
      ]);
    });

    it('does not let an injected ` rhost=` in user change the source (fail2ban pam-generic)', () => {
      const r = auth(
        parsePamMessage(
          'pam_unix(auth): authentication failure; logname= uid=0 euid=0 tty=xxx ruser= rhost=192.0.2.2 user=test rhost=192.0.2.152',
          context({ program: 'daemon' }),
        ),
      );
      expect([r.user, r.sourceIp]).toStrictEqual(['test rhost=192.0.2.152', '192.0.2.2']);
    });

    it('still reports a failure when the tail is cut short', () => {
      const r = auth(
        parsePamMessage('pam_unix(sshd:auth): authentication failure; logname= uid=0', sshd),
      );
      expect([r.outcome, r.sourceIp, r.user, r.tty]).toStrictEqual([
        'failure',
        undefined,
        undefined,
        undefined,
      ]);
    });
  });

  describe('summaries and other outcomes', () => {
    it('counts `PAM N more authentication failures` as N (loghub OpenSSH_2k.log, pid 24227)', () => {
      const r = auth(
        parsePamMessage(
          'PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=5.36.59.76.dynamic-dsl-ip.omantel.net.om  user=root',
          sshd,
        ),
      );
      expect([r.module, r.service, r.outcome, r.count, r.user]).toStrictEqual([
        'PAM',
        'sshd',
        'failure',
        5,
        'root',
      ]);
    });

    it('reads the singular `1 more authentication failure` (loghub OpenSSH_2k.log, pid 24375)', () => {
      const r = auth(
        parsePamMessage(
          'PAM 1 more authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=5.188.10.180 ',
          sshd,
        ),
      );
      expect([r.count, r.sourceIp]).toStrictEqual([1, '5.188.10.180']);
    });

    it('reads the un-prefixed summary of `sshd(pam_unix)` (wazuh pam.ini)', () => {
      const r = auth(
        parsePamMessage(
          '2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=10.0.3.1  user=root',
          context({ program: 'sshd(pam_unix)' }),
        ),
      );
      expect([r.service, r.module, r.count, r.sourceIp, r.user]).toStrictEqual([
        'sshd',
        'pam_unix',
        2,
        '10.0.3.1',
        'root',
      ]);
    });

    it('reads `check pass; user unknown` (loghub OpenSSH_2k.log)', () => {
      const r = auth(parsePamMessage('pam_unix(sshd:auth): check pass; user unknown', sshd));
      expect([r.outcome, r.user, r.count]).toStrictEqual(['user_unknown', undefined, 1]);
    });

    it('reads `check pass; user unknown` under `vsftpd(pam_unix)` (wazuh pam.ini)', () => {
      const r = auth(
        parsePamMessage('check pass; user unknown', context({ program: 'vsftpd(pam_unix)' })),
      );
      expect([r.service, r.outcome]).toStrictEqual(['vsftpd', 'user_unknown']);
    });

    it('reads pam_succeed_if on an unknown name (fail2ban testcase-wrong-char.log:3)', () => {
      const r = auth(
        parsePamMessage(
          'pam_succeed_if(sshd:auth): error retrieving information about user llincoñir',
          sshd,
        ),
      );
      expect([r.module, r.outcome, r.user]).toStrictEqual([
        'pam_succeed_if',
        'user_unknown',
        'llincoñir',
      ]);
    });

    it('reads `PAM service(sshd) ignoring max retries; 6 > 3` (loghub OpenSSH_2k.log)', () => {
      const r = auth(parsePamMessage('PAM service(sshd) ignoring max retries; 6 > 3', sshd));
      expect([r.module, r.service, r.outcome, r.count]).toStrictEqual([
        'PAM',
        'sshd',
        'max_retries',
        1,
      ]);
    });

    it.each([
      ['pam_unix(sshd:account): account alice has expired (account expired)', 'alice'],
      ['pam_unix(sshd:account): account bob has expired (failed to change password)', 'bob'],
      ['pam_unix(sshd:account): expired password for user root (root enforced)', 'root'],
      ['pam_unix(sshd:account): account carol has password changed in future', 'carol'],
      [
        'pam_faillock(sshd:auth): Consecutive login failures for user dave account temporarily locked',
        'dave',
      ],
    ])('reads the account denial %s', (message, user) => {
      const r = auth(parsePamMessage(message, sshd));
      expect([r.outcome, r.user]).toStrictEqual(['account_denied', user]);
    });

    it('reads a pam_listfile refusal as account_denied', () => {
      const r = auth(
        parsePamMessage('pam_listfile(sshd:auth): Refused user bob for service sshd', sshd),
      );
      expect([r.module, r.outcome, r.user]).toStrictEqual([
        'pam_listfile',
        'account_denied',
        'bob',
      ]);
    });

    it.each([
      ["access denied for user `bob' from `192.0.2.9'", '192.0.2.9', undefined, undefined],
      [
        "access denied for user `bob' from `bastion.example.org'",
        undefined,
        'bastion.example.org',
        undefined,
      ],
      ["access denied for user `bob' from `tty1'", undefined, undefined, 'tty1'],
    ])('reads the pam_access denial %s', (text, sourceIp, sourceName, tty) => {
      const r = auth(parsePamMessage(`pam_access(sshd:account): ${text}`, sshd));
      expect([r.outcome, r.user, r.sourceIp, r.sourceName, r.tty]).toStrictEqual([
        'account_denied',
        'bob',
        sourceIp,
        sourceName,
        tty,
      ]);
    });

    it('reads a pam_tally2 lock-out as account_denied (crowdsec pam-logs.log:1)', () => {
      const r = auth(
        parsePamMessage(
          'pam_tally2(sudo:auth): user zbadguy (4001) tally 6, deny 5',
          context({ program: 'sudo' }),
        ),
      );
      expect([r.module, r.service, r.outcome, r.user]).toStrictEqual([
        'pam_tally2',
        'sudo',
        'account_denied',
        'zbadguy',
      ]);
    });
  });

  describe('misses', () => {
    it('ignores pam_systemd `Failed to create session` (wazuh sshd.ini)', () => {
      expect(
        parsePamMessage('pam_systemd(sshd:session): Failed to create session: Access denied', sshd),
      ).toStrictEqual({ kind: 'ignored', reason: 'irrelevant_pam_module' });
    });

    it.each([
      'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)',
      'pam_unix(CRON:session): session closed for user root',
      'pam_unix(systemd-user:session): session opened for user alice(uid=1000) by (uid=0)',
    ])('ignores irrelevant services: %s', (message) => {
      expect(parsePamMessage(message, context({ program: 'CRON' }))).toStrictEqual({
        kind: 'ignored',
        reason: 'irrelevant_service',
      });
    });

    it('parses services other than the cron family, e.g. login', () => {
      const r = session(
        parsePamMessage(
          'pam_unix(login:session): session opened for user root(uid=0) by LOGIN(uid=0)',
          context({ program: 'login' }),
        ),
      );
      expect([r.service, r.byUser]).toStrictEqual(['login', 'LOGIN']);
    });

    it.each([
      ['pam_unix(sshd:auth): auth could not identify password for [alice]', 'pam_no_password'],
      ['pam_unix(passwd:chauthtok): password changed for alice', 'pam_password_notice'],
      ['PAM unable to dlopen(/lib/security/pam_foo.so): missing', 'pam_config_error'],
      ['pam_authenticate: Authentication failure', 'pam_api_report'],
    ])('ignores the known line %s', (message, reason) => {
      expect(parsePamMessage(message, sshd)).toStrictEqual({ kind: 'ignored', reason });
    });

    it('returns unrecognized for unknown PAM text', () => {
      expect(parsePamMessage('pam_unix(sshd:auth): something new happened', sshd)).toStrictEqual({
        kind: 'unrecognized',
        reason: 'unknown_pam_message',
      });
    });

    it('returns not_pam_message for text without a PAM prefix', () => {
      expect(
        parsePamMessage('Accepted password for root from 1.2.3.4 port 22 ssh2', sshd),
      ).toStrictEqual({ kind: 'unrecognized', reason: 'not_pam_message' });
    });
  });
});
