import { describe, expect, it } from 'vitest';
import { parseSshdMessage } from '../../../src/parsers/sshd/index.js';
import { context } from '../../helpers/context.js';

const ctx = context();
const parse = (message: string) => parseSshdMessage(message, ctx);

// Lines are real: `f2b` = ../shared/corpora/sshd/fail2ban/sshd, `loghub` = loghub/OpenSSH_2k.log,
// `crowdsec` = crowdsec-hub/*, `wazuh` = wazuh/sshd.ini, `elastic` = elastic-integrations/test-auth.log,
// `catalog` = shared/research/sshd-messages.md (format strings filled in, VERBOSE/DEBUG lines absent
// from the corpora).

describe('parseSshdMessage: event shape', () => {
  it('copies the context and sets every field of the kind, in order', () => {
    const event = parse(
      'Accepted publickey for vagrant from 192.168.121.1 port 56296 ssh2: RSA SHA256:1M4RzhMyWuFS/86uPY/ce2prh/dVTHW7iD2RhpquOZA',
    ); // crowdsec sshd-success-logs
    expect(event).toStrictEqual({
      kind: 'ssh.auth',
      ...ctx,
      prefix: undefined,
      preauth: false,
      sourceIp: '192.168.121.1',
      sourceName: undefined,
      sourcePort: 56296,
      outcome: 'success',
      method: 'publickey',
      submethod: undefined,
      user: 'vagrant',
      invalidUser: false,
      key: {
        type: 'RSA',
        fingerprint: 'SHA256:1M4RzhMyWuFS/86uPY/ce2prh/dVTHW7iD2RhpquOZA',
        certificate: undefined,
      },
      keyLocation: undefined,
      reason: undefined,
      count: 1,
    });
    expect(Object.keys(event)[0]).toBe('kind');
  });
});

describe('parseSshdMessage: authentication', () => {
  it.each([
    // [message, expected subset]
    [
      'Accepted password for known from 192.0.2.114 port 52100 ssh2', // f2b
      {
        outcome: 'success',
        method: 'password',
        user: 'known',
        sourceIp: '192.0.2.114',
        sourcePort: 52100,
      },
    ],
    [
      'Accepted keyboard-interactive/pam for roehl from ::ffff:192.168.0.2 port 53462 ssh2', // wazuh-style
      {
        outcome: 'success',
        method: 'keyboard-interactive',
        submethod: 'pam',
        sourceIp: '192.168.0.2',
      },
    ],
    [
      'Accepted publickey for vagrant from 10.0.2.2 port 63673 ssh2: RSA 39:33:99:e9:a0:dc:f2:33:a3:e5:72:3b:7c:3a:56:84', // elastic
      {
        key: {
          type: 'RSA',
          fingerprint: '39:33:99:e9:a0:dc:f2:33:a3:e5:72:3b:7c:3a:56:84',
          certificate: undefined,
        },
      },
    ],
    [
      'Accepted publickey for alice from 198.51.100.7 port 50022 ssh2: ED25519-CERT SHA256:abc ID alice@corp (serial 42) CA ED25519 SHA256:ca', // catalog
      {
        key: {
          type: 'ED25519-CERT',
          fingerprint: 'SHA256:abc',
          certificate: {
            id: 'alice@corp',
            serial: '42',
            caType: 'ED25519',
            caFingerprint: 'SHA256:ca',
          },
        },
      },
    ],
    [
      'Postponed publickey for git from 192.0.2.1 port 57904 ssh2 [preauth]', // f2b
      { outcome: 'postponed', preauth: true, user: 'git' },
    ],
    [
      'Partial publickey for bob from 203.0.113.9 port 4022 ssh2: ED25519 SHA256:k', // catalog
      { outcome: 'partial', user: 'bob' },
    ],
    [
      'Failed password for invalid user ROOT from aaaa:bbbb:cccc:1234::1:1 port 50273 ssh2', // f2b
      { outcome: 'failure', invalidUser: true, user: 'ROOT', sourceIp: 'aaaa:bbbb:cccc:1234::1:1' },
    ],
    [
      'Failed password for invalid user ROOT from aaaa:bbbb:cccc:1234::1:1', // f2b (no port)
      { outcome: 'failure', sourceIp: 'aaaa:bbbb:cccc:1234::1:1', sourcePort: undefined },
    ],
    [
      'Failed none for invalid user 0 from 182.100.67.59 port 63083 ssh2', // loghub
      { outcome: 'failure', method: 'none', user: '0', invalidUser: true },
    ],
    [
      'Failed hostbased for dan from 127.0.0.1 port 45785 ssh2: RSA 8c:e3:aa:0f:64:51:02:f7:14:79:89:3f:65:84:7c:30, client user "dan", client host "localhost.localdomain"', // f2b
      { outcome: 'failure', method: 'hostbased', key: expect.objectContaining({ type: 'RSA' }) },
    ],
    [
      'Failed keyboard-interactive/pam for invalid user jamedds from 205.186.180.77 port 33723 ssh2', // f2b
      { method: 'keyboard-interactive', submethod: 'pam', user: 'jamedds' },
    ],
    [
      'Failed publickey for invalid user graysky from 127.0.0.1 port 37954 ssh2: RSA SHA256:v3dpapGleDaUKf$4V1vKyR9ZyUgjaJAmoCTcb2PLljI', // f2b
      {
        method: 'publickey',
        invalidUser: true,
        key: expect.objectContaining({
          fingerprint: 'SHA256:v3dpapGleDaUKf$4V1vKyR9ZyUgjaJAmoCTcb2PLljI',
        }),
      },
    ],
    [
      'Failed password for dan from 127.0.0.1 port 45416 ssh1', // f2b
      { outcome: 'failure', user: 'dan', sourcePort: 45416 },
    ],
    [
      '[ID 800047 auth.info] Failed keyboard-interactive for <invalid username> from 205.186.180.55 port 42742 ssh2', // f2b (Solaris)
      { user: '<invalid username>', sourceIp: '205.186.180.55' },
    ],
    [
      'Accepted key ED25519 SHA256:AbC found at /home/alice/.ssh/authorized_keys:3', // catalog (VERBOSE)
      {
        outcome: 'key_found',
        keyLocation: '/home/alice/.ssh/authorized_keys:3',
        key: { type: 'ED25519', fingerprint: 'SHA256:AbC', certificate: undefined },
      },
    ],
    [
      'Accepted certificate ID "alice@corp" (serial 42) signed by ED25519 CA ED25519 SHA256:ca via /etc/ssh/trusted_ca', // catalog
      {
        outcome: 'key_found',
        keyLocation: '/etc/ssh/trusted_ca',
        key: {
          type: 'ED25519',
          fingerprint: 'SHA256:ca',
          certificate: {
            id: 'alice@corp',
            serial: '42',
            caType: 'ED25519',
            caFingerprint: 'SHA256:ca',
          },
        },
      },
    ],
    [
      'Invalid user ftp from 192.0.2.2 port 37220', // f2b
      {
        outcome: 'invalid_user',
        invalidUser: true,
        user: 'ftp',
        sourceIp: '192.0.2.2',
        sourcePort: 37220,
      },
    ],
    [
      'Invalid user  from 192.0.2.68 port 34916', // f2b gh-2749 (empty user)
      { outcome: 'invalid_user', user: '', sourceIp: '192.0.2.68' },
    ],
    [
      'Illegal user test from 10.0.0.1',
      { outcome: 'invalid_user', user: 'test', sourceIp: '10.0.0.1' },
    ], // catalog (ancient)
    [
      'input_userauth_request: invalid user webmaster [preauth]', // loghub
      { outcome: 'invalid_user', user: 'webmaster', preauth: true, sourceIp: undefined },
    ],
    [
      'User root from 46.45.128.3 not allowed because listed in DenyUsers', // f2b
      {
        outcome: 'not_allowed',
        user: 'root',
        reason: 'listed in DenyUsers',
        sourceIp: '46.45.128.3',
      },
    ],
    [
      'User allena from example.com not allowed because not in any group', // f2b (UseDNS)
      { outcome: 'not_allowed', sourceName: 'example.com', sourceIp: undefined },
    ],
    [
      'User root not allowed because account is locked', // f2b
      { outcome: 'not_allowed', reason: 'account is locked', sourceIp: undefined },
    ],
    [
      'error: maximum authentication attempts exceeded for invalid user xxx from 192.0.2.7 port 49941 ssh2 [preauth]', // f2b
      {
        outcome: 'max_attempts',
        prefix: 'error',
        preauth: true,
        user: 'xxx',
        invalidUser: true,
        sourceIp: '192.0.2.7',
      },
    ],
    [
      'error: PAM: User not known to the underlying authentication module for illegal user kernelitshell from 10.215.4.227 ', // f2b (trailing space)
      {
        outcome: 'failure',
        user: 'kernelitshell',
        invalidUser: true,
        sourceIp: '10.215.4.227',
        reason: 'User not known to the underlying authentication module',
      },
    ],
    [
      'error: PAM: authentication error for james from example.com via 192.168.1.201', // f2b
      { outcome: 'failure', user: 'james', sourceName: 'example.com' },
    ],
    [
      'error: PAM: Authentication failure for myhlj1374 from 192.030.0.6', // f2b: not a strict IP
      { sourceIp: undefined, sourceName: '192.030.0.6' },
    ],
    [
      'ROOT LOGIN REFUSED FROM ::ffff:1.2.3.4',
      { outcome: 'refused', user: 'root', sourceIp: '1.2.3.4' },
    ], // f2b
    [
      'refused connect from example.com (192.0.2.5)', // f2b (libwrap)
      { outcome: 'refused', sourceIp: '192.0.2.5', reason: 'tcp_wrappers' },
    ],
    [
      '/home/bob/.ssh/authorized_keys:2: Authentication tried for bob with correct key but not from a permitted host (host=evil.example, ip=203.0.113.66, required=10.0.0.0/8).', // catalog
      {
        outcome: 'refused',
        user: 'bob',
        sourceIp: '203.0.113.66',
        keyLocation: '/home/bob/.ssh/authorized_keys:2',
      },
    ],
    [
      'fatal: Access denied for user bob by PAM account configuration [preauth]', // catalog
      { outcome: 'refused', user: 'bob', prefix: 'fatal', preauth: true },
    ],
  ])('parses %s', (message, expected) => {
    expect(parse(message)).toMatchObject({ kind: 'ssh.auth', ...expected });
  });
});

describe('parseSshdMessage: connection ends', () => {
  it.each([
    [
      'Connection closed by authenticating user root 192.0.2.10 port 46038 [preauth]', // f2b
      {
        reason: 'closed',
        user: 'root',
        userState: 'authenticating',
        sourceIp: '192.0.2.10',
        preauth: true,
      },
    ],
    [
      'Connection closed by 173.234.31.186 [preauth]',
      { reason: 'closed', sourceIp: '173.234.31.186', sourcePort: undefined },
    ], // loghub
    [
      'Connection closed by invalid user  192.0.2.68 port 34916 [preauth]', // f2b (empty user)
      { user: '', userState: 'invalid', sourceIp: '192.0.2.68' },
    ],
    [
      'Connection reset by authenticating user root 192.0.2.20 port 1558 [preauth]', // f2b
      { reason: 'reset', user: 'root' },
    ],
    [
      'Disconnected from user alice 198.51.100.7 port 50022', // catalog
      { reason: 'disconnected', user: 'alice', userState: 'authenticated', preauth: false },
    ],
    [
      'Received disconnect from 198.51.100.76 port 58846:11: Bye Bye [preauth]', // f2b
      { reason: 'received_disconnect', code: 11, detail: 'Bye Bye', sourcePort: 58846 },
    ],
    [
      'error: Received disconnect from 94.249.236.6: 3: Ha ha, suckers!: Auth fail [preauth]', // f2b (pre-7.2)
      { code: 3, detail: 'Ha ha, suckers!: Auth fail', sourceIp: '94.249.236.6', prefix: 'error' },
    ],
    [
      'Received disconnect from 112.95.230.3: 11: disconnected by user', // loghub
      { code: 11, detail: 'disconnected by user', preauth: false },
    ],
    [
      'Disconnecting invalid user admin 192.0.2.117 port 44004: Change of username or service not allowed: (admin,ssh-connection) -> (user,ssh-connection) [preauth]', // f2b
      {
        reason: 'disconnecting',
        user: 'admin',
        userState: 'invalid',
        detail:
          'Change of username or service not allowed: (admin,ssh-connection) -> (user,ssh-connection)',
      },
    ],
    [
      'Disconnecting: Too many authentication failures for root [preauth]', // loghub
      {
        reason: 'disconnecting',
        detail: 'Too many authentication failures for root',
        sourceIp: undefined,
      },
    ],
    [
      'fatal: Timeout before authentication for 192.0.2.14 port 55555', // f2b (≤9.7)
      {
        reason: 'preauth_timeout',
        sourceIp: '192.0.2.14',
        sourcePort: 55555,
        monitorPid: undefined,
      },
    ],
    [
      'Timeout before authentication for connection from 192.0.2.17 to 127.0.0.1, pid = 29098', // f2b (9.8+ listener)
      { reason: 'preauth_timeout', sourceIp: '192.0.2.17', monitorPid: 29098 },
    ],
    [
      'Timeout, client not responding from user alice 198.51.100.7 port 50022', // catalog
      { reason: 'timeout', user: 'alice', sourcePort: 50022 },
    ],
    [
      'terminating inactive connection from user alice 198.51.100.7 port 50022', // catalog
      { reason: 'inactive', user: 'alice' },
    ],
    [
      'Read error from remote host 192.168.1.1: Connection reset by peer', // wazuh
      { reason: 'read_error', sourceIp: '192.168.1.1', detail: 'Connection reset by peer' },
    ],
    ['fatal: Write failed: Connection reset by peer [preauth]', { reason: 'reset', preauth: true }], // loghub
    ['Closing connection to 198.51.100.7 port 50022', { reason: 'closing', sourcePort: 50022 }], // catalog
    [
      'session process 4242 for connection from 198.51.100.7 to 10.0.0.1 killed by signal 9', // catalog (9.8+)
      { reason: 'killed', monitorPid: 4242, sourceIp: '198.51.100.7' },
    ],
    [
      'session process 4242 for 198.51.100.7 port 50022 terminated abnormally, status=0x100', // catalog (9.8+)
      { reason: 'terminated', monitorPid: 4242, sourcePort: 50022 },
    ],
  ])('parses %s', (message, expected) => {
    expect(parse(message)).toMatchObject({ kind: 'ssh.disconnect', ...expected });
  });

  it('reads the monitor-side "authenticatinguser" typo as authenticating', () => {
    expect(
      parse('Connection closed by authenticatinguser alice 10.0.0.1 port 5 [preauth]'),
    ).toMatchObject({
      userState: 'authenticating',
      user: 'alice',
      sourceIp: '10.0.0.1',
    });
  });
});

describe('parseSshdMessage: sessions and channels', () => {
  it.each([
    [
      'Starting session: shell on pts/0 for alice from 198.51.100.7 port 50022 id 0', // catalog
      {
        kind: 'ssh.session.open',
        channelType: 'shell',
        tty: 'pts/0',
        user: 'alice',
        sessionNumber: 0,
      },
    ],
    [
      'Starting session: command for alice from 198.51.100.7 port 50022 id 1', // catalog (multiplexed)
      { kind: 'ssh.session.open', channelType: 'command', tty: undefined, sessionNumber: 1 },
    ],
    [
      "Starting session: subsystem 'sftp' for alice from 198.51.100.7 port 50022 id 0", // catalog
      { kind: 'ssh.session.open', channelType: 'subsystem', subsystem: 'sftp' },
    ],
    [
      "Starting session: forced-command (config) 'internal-sftp' for bob from 10.0.0.2 port 40000 id 0", // catalog
      {
        kind: 'ssh.session.open',
        channelType: 'forced-command',
        forcedBy: 'config',
        subsystem: 'internal-sftp',
      },
    ],
    [
      'Close session: user ansible from 192.168.1.1 port 34928 id 0', // crowdsec sshd-logs-fp
      { kind: 'ssh.session.close', user: 'ansible', sourceIp: '192.168.1.1', sessionNumber: 0 },
    ],
    ['User child is on pid 4243', { kind: 'ssh.child', childPid: 4243 }], // catalog
    [
      'Transferred: sent 3368, received 2852 bytes',
      { kind: 'ssh.transfer', sent: 3368, received: 2852 },
    ], // catalog
    [
      'debug1: server_input_channel_req: channel 0 request auth-agent-req@openssh.com reply 0', // catalog
      { kind: 'ssh.channel', request: 'agent', channel: 0, prefix: 'debug1', allowed: true },
    ],
    [
      'debug1: server_input_channel_req: channel 2 request agent-req reply 1', // catalog (IETF, 10.3+)
      { kind: 'ssh.channel', request: 'agent', requestName: 'agent-req' },
    ],
    [
      'debug1: session_input_channel_req: session 0 req x11-req', // catalog
      { kind: 'ssh.channel', request: 'x11', channel: 0 },
    ],
    [
      'refused local port forward: originator 198.51.100.7 port 50022, target db.internal port 5432', // catalog
      { kind: 'ssh.channel', request: 'port_forward', allowed: false, target: 'db.internal:5432' },
    ],
    [
      'Received request from 198.51.100.7 port 50022 to connect to host 10.0.0.5 port 22, but the request was denied.', // catalog
      { kind: 'ssh.channel', request: 'port_forward', allowed: false, target: '10.0.0.5:22' },
    ],
    [
      'debug1: server_input_global_request: rtype tcpip-forward want_reply 1', // catalog (ssh -R)
      { kind: 'ssh.channel', request: 'port_forward', requestName: 'tcpip-forward' },
    ],
    [
      'debug1: server_request_direct_tcpip: originator 0.0.0.0 port 0, target 10.0.0.5 port 22', // OpenSSH serverloop.c debug()
      { kind: 'ssh.channel', request: 'port_forward', target: '10.0.0.5:22', allowed: true },
    ],
    [
      'debug1: server_input_channel_open: failure direct-tcpip', // wazuh
      { kind: 'ssh.channel', request: 'port_forward', allowed: false },
    ],
    [
      'Received request to connect to host 10.0.0.5 port 22, but the request was denied.', // older PermitOpen form
      { kind: 'ssh.channel', request: 'port_forward', allowed: false, target: '10.0.0.5:22' },
    ],
    [
      'subsystem request for netconf by user checker failed, subsystem not found', // wazuh
      { kind: 'ssh.channel', request: 'subsystem', target: 'netconf', allowed: false },
    ],
  ])('parses %s', (message, expected) => {
    expect(parse(message)).toMatchObject(expected);
  });
});

describe('parseSshdMessage: connection, protocol and listener', () => {
  it.each([
    [
      'Connection from 192.0.2.16 port 51280 on 192.0.2.16 port 22 rdomain ""', // f2b
      {
        kind: 'ssh.connection',
        sourceIp: '192.0.2.16',
        sourcePort: 51280,
        localIp: '192.0.2.16',
        localPort: 22,
      },
    ],
    [
      'Connection from 192.0.2.5',
      { kind: 'ssh.connection', sourcePort: undefined, localIp: undefined },
    ], // f2b
    [
      'Did not receive identification string from 192.0.2.5 port 35836', // f2b
      { kind: 'ssh.protocol', issue: 'no_identification', sourceIp: '192.0.2.5' },
    ],
    [
      'error: kex_exchange_identification: client sent invalid protocol identifier ""', // f2b
      { kind: 'ssh.protocol', issue: 'bad_banner', prefix: 'error' },
    ],
    [
      'error: kex_exchange_identification: Connection closed by remote host', // f2b
      { kind: 'ssh.protocol', issue: 'kex_failed', detail: 'Connection closed by remote host' },
    ],
    [
      'banner exchange: Connection from 192.0.2.12 port 44105: invalid format', // f2b
      {
        kind: 'ssh.protocol',
        issue: 'bad_banner',
        sourceIp: '192.0.2.12',
        detail: 'invalid format',
      },
    ],
    [
      "Bad protocol version identification 'dummy string' from 192.0.2.1' from 69.61.56.115 port 31778", // f2b (injection)
      {
        kind: 'ssh.protocol',
        issue: 'bad_banner',
        sourceIp: '69.61.56.115',
        detail: "dummy string' from 192.0.2.1",
      },
    ],
    [
      'Unable to negotiate with 192.0.2.1 port 55419: no matching cipher found. Their offer: aes256-cbc [preauth]', // f2b
      {
        kind: 'ssh.protocol',
        issue: 'negotiation_failed',
        sourceIp: '192.0.2.1',
        sourcePort: 55419,
      },
    ],
    [
      'fatal: Unable to negotiate a key exchange method [preauth]', // f2b
      { kind: 'ssh.protocol', issue: 'negotiation_failed', sourceIp: undefined },
    ],
    [
      'ssh_dispatch_run_fatal: Connection from 192.0.2.13 port 33738: message authentication code incorrect [preauth]', // f2b
      { kind: 'ssh.protocol', issue: 'dispatch_fatal', sourcePort: 33738 },
    ],
    [
      'drop connection #10 from [203.0.113.5]:40112 on [10.0.0.1]:22 past MaxStartups', // catalog
      {
        kind: 'ssh.protocol',
        issue: 'dropped',
        sourceIp: '203.0.113.5',
        detail: 'past MaxStartups',
      },
    ],
    [
      'srclimit_penalise: ipv4: new 203.0.113.5/32 active penalty of 30.000 seconds for penalty: failed authentication', // catalog
      { kind: 'ssh.protocol', issue: 'penalty', sourceIp: '203.0.113.5' },
    ],
    [
      'PerSourcePenalties logging rate-limited: additional 12 connections dropped', // catalog
      { kind: 'ssh.protocol', issue: 'rate_limited' },
    ],
    [
      'reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT!', // loghub
      {
        kind: 'ssh.protocol',
        issue: 'dns_mismatch',
        sourceIp: '173.234.31.186',
        detail: 'ns.marryaldkfaczcz.com',
      },
    ],
    [
      'Address 1.2.3.4 maps to 1234.bbbbbb.com, but this does not map back to the address - POSSIBLE BREAK-IN ATTEMPT!', // f2b
      { kind: 'ssh.protocol', issue: 'dns_mismatch', sourceIp: '1.2.3.4' },
    ],
    [
      'Server listening on :: port 22.',
      { kind: 'ssh.server', action: 'listening', address: '::', port: 22 },
    ], // catalog
    ['Received signal 15; terminating.', { kind: 'ssh.server', action: 'terminating' }], // catalog
    ['Received SIGHUP; restarting.', { kind: 'ssh.server', action: 'restarting' }], // catalog
  ])('parses %s', (message, expected) => {
    expect(parse(message)).toMatchObject(expected);
  });
});

describe('parseSshdMessage: misses', () => {
  it.each([
    ['debug1: channel 5: connection failed: Connection refused', 'ignored', 'sshd_debug'], // wazuh
    ['debug1: get_remote_port failed', 'ignored', 'sshd_debug'], // wazuh
    ['Set /proc/self/oom_score_adj to 0', 'ignored', 'sshd_oom_adjust'],
    [
      'SSH: Server;Ltype: Version;Remote: 127.0.0.1-1780;Protocol: 2.0;Client: libssh2_1.4.3',
      'ignored',
      'sshd_audit_patch',
    ], // f2b
    ['Multiple access attempts using a denied user]', 'unrecognized', 'unknown_sshd_message'], // wazuh
    [
      'Disconnected from totobad user ftp 92.255.85.135 port 26138 [preauth]',
      'unrecognized',
      'unknown_sshd_message',
    ], // crowdsec
    ['pam_unix(sshd:session): session closed for user alice', 'unrecognized', 'not_sshd_message'],
    ['', 'unrecognized', 'unknown_sshd_message'],
  ])('returns %s as %s (%s)', (message, kind, reason) => {
    expect(parse(message)).toEqual({ kind, reason });
  });

  it('ignores DEBUG lines it does not read (real lab line)', () => {
    expect(parseSshdMessage('debug1: Received SIGCHLD.', context())).toEqual({
      kind: 'ignored',
      reason: 'sshd_debug',
    });
    expect(parseSshdMessage('Received SIGCHLD.', context())).toMatchObject({
      kind: 'unrecognized',
    });
  });
});
