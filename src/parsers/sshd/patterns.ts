/**
 * Every regular expression of the sshd message grammar. Each one is anchored, has no nested
 * quantifiers over overlapping classes, and is checked by `recheck` in the test suite
 * (`test/parsers/sshd/redos.test.ts`). The dispatcher picks at most one of them per message
 * after a `startsWith` switch on the first word, so a line never tries more than one or two.
 *
 * Right-anchored tails (`from <ip> port <n> ssh2`, connection ids) are parsed with greedy
 * captures so the LAST occurrence wins: user names are attacker-controlled and may contain
 * fake `from 1.2.3.4 port 5` text, but sshd always writes the real peer at the end.
 *
 * @packageDocumentation
 */

/**
 * The left part of sshd's `auth_log` line, cut before the first `": "` (user names cannot
 * hold a colon: sshd splits `user:style`, so the first `": "` starts sshd's own key info).
 * Groups: 1 verb, 2 method, 3 `invalid user `/`illegal user `, 4 user, 5 host, 6 port, 7 protocol.
 *
 * @example
 * ```ts
 * AUTH_LOG.exec('Failed password for invalid user x from 1.2.3.4 port 22 ssh2')?.[5]; // '1.2.3.4'
 * ```
 */
export const AUTH_LOG: RegExp =
  /^(Accepted|Failed|Partial|Postponed) (\S+) for ((?:invalid|illegal) user )?(.*) from (\S+?)(?: port (\d+))?(?: (ssh[12]))?$/;

/**
 * sshd's own key info after `ssh2: `: `TYPE FP`, optionally a certificate
 * (`ID <id> (serial <n>) CA <type> <fp>`) and the hostbased client part.
 * Groups: 1 type, 2 fingerprint, 3 cert id, 4 serial, 5 CA type, 6 CA fingerprint.
 *
 * @example
 * ```ts
 * KEY_INFO.exec('ED25519 SHA256:abc')?.[1]; // 'ED25519'
 * ```
 */
export const KEY_INFO: RegExp =
  /^([A-Z][A-Z0-9@._-]*) (SHA256:[A-Za-z0-9+/=$]+|MD5:[0-9A-Fa-fx]+(?::[0-9A-Fa-fx]+)+|[0-9A-Fa-fx]+(?::[0-9A-Fa-fx]+)+)(?: ID (.*) \(serial (\d+)\) CA (\S+) (\S+))?$/;

/**
 * The start of something that looks like sshd's key info (`TYPE SHA256:`, `TYPE MD5:`, `TYPE aa:`).
 * After a fake `ssh2: ` inside a user name, such text is part of the name; any other text after
 * `ssh2: ` is the legacy attacker-controlled auth info (`ruser X`) and the anchor before it stands.
 *
 * @example
 * ```ts
 * KEY_LIKE.test('RSA SHA256:x from 9.9.9.9 port 7 ssh2'); // true
 * ```
 */
export const KEY_LIKE: RegExp = /^[A-Z][A-Z0-9@._-]* (?:SHA256:|MD5:|[0-9A-Fa-fx]+:)/;

/**
 * `Accepted key TYPE FP found at FILE:LINE` (VERBOSE, 7.7+). Groups: 1 type, 2 fp, 3 location.
 *
 * @example
 * ```ts
 * ACCEPTED_KEY.exec('Accepted key RSA SHA256:x found at /h/.ssh/authorized_keys:3')?.[3];
 * ```
 */
export const ACCEPTED_KEY: RegExp = /^Accepted key (\S+) (\S+) found at ([\s\S]+)/;

/**
 * `Accepted certificate ID "ID" (serial N) signed by REST` where REST is
 * `[TYPE ]CA CATYPE CAFP (found at|via) LOC` (split without a regex). Groups: 1 id, 2 serial, 3 rest.
 *
 * @example
 * ```ts
 * ACCEPTED_CERT.exec('Accepted certificate ID "a" (serial 1) signed by ED25519 CA ED25519 SHA256:c via /x')?.[3];
 * ```
 */
export const ACCEPTED_CERT: RegExp =
  /^Accepted certificate ID "(.*)" \(serial (\d+)\) signed by ([\s\S]*)/;

/**
 * `Invalid user U from H[ port N]` and the ancient `Illegal user U from H`.
 * Groups: 1 user, 2 host, 3 port.
 *
 * @example
 * ```ts
 * INVALID_USER.exec('Invalid user x from 6.6.6.6 port 22 from 1.2.3.4 port 5')?.[2]; // '1.2.3.4'
 * ```
 */
export const INVALID_USER: RegExp = /^(?:Invalid|Illegal) user (.*) from (\S+?)(?: port (\d+))?$/;

/**
 * `User U from H not allowed because REASON` (AllowUsers, DenyUsers, groups).
 * Groups: 1 user, 2 host, 3 reason.
 *
 * @example
 * ```ts
 * USER_NOT_ALLOWED_FROM.exec('User root from 1.2.3.4 not allowed because listed in DenyUsers')?.[3];
 * ```
 */
export const USER_NOT_ALLOWED_FROM: RegExp =
  /^User (.*) from (\S+) not allowed because ((?:not )?listed in (?:Allow|Deny)Users|not in any group|a group is listed in DenyGroups|none of user's groups are listed in AllowGroups)$/;

/**
 * `User U not allowed because REASON` (locked account, missing shell, nologin file).
 * Groups: 1 user, 2 reason.
 *
 * @example
 * ```ts
 * USER_NOT_ALLOWED.exec('User root not allowed because account is locked')?.[2]; // 'account is locked'
 * ```
 */
export const USER_NOT_ALLOWED: RegExp = /^User (.*) not allowed because ([\s\S]*)/;

/**
 * `User child is on pid N`. Group 1: the child pid.
 *
 * @example
 * ```ts
 * USER_CHILD.exec('User child is on pid 4242')?.[1]; // '4242'
 * ```
 */
export const USER_CHILD: RegExp = /^User child is on pid (\d+)$/;

/**
 * `maximum authentication attempts exceeded for [invalid user ]U from H port N ssh2`.
 * Groups: 1 `invalid user `, 2 user, 3 host, 4 port.
 *
 * @example
 * ```ts
 * MAX_ATTEMPTS.exec('maximum authentication attempts exceeded for root from 1.2.3.4 port 5 ssh2')?.[2];
 * ```
 */
export const MAX_ATTEMPTS: RegExp =
  /^maximum authentication attempts exceeded for (invalid user )?(.*) from (\S+?)(?: port (\d+))?(?: ssh[12])?$/;

/**
 * The part of sshd's `PAM: <error> for [illegal user ]U from H[ via LOCAL]` after `for `.
 * Groups: 1 `illegal user `, 2 user, 3 host.
 *
 * @example
 * ```ts
 * PAM_FOR.exec('illegal user x from 1.2.3.4')?.[3]; // '1.2.3.4'
 * ```
 */
export const PAM_FOR: RegExp = /^(illegal user )?(.*) from (\S+?)(?: via \S+)?$/;

/**
 * `ROOT LOGIN REFUSED FROM H[ port N]`. Groups: 1 host, 2 port.
 *
 * @example
 * ```ts
 * ROOT_REFUSED.exec('ROOT LOGIN REFUSED FROM 1.2.3.4 port 22')?.[1]; // '1.2.3.4'
 * ```
 */
export const ROOT_REFUSED: RegExp = /^ROOT LOGIN REFUSED FROM (\S+?)(?: port (\d+))?$/;

/**
 * `Authentication refused for U: REASON` or `Authentication refused: REASON`.
 * Groups: 1 user, 2 reason.
 *
 * @example
 * ```ts
 * AUTH_REFUSED.exec('Authentication refused: bad ownership or modes for directory /home/a')?.[2];
 * ```
 */
export const AUTH_REFUSED: RegExp = /^Authentication refused(?: for ([^:]*))?: ([\s\S]*)/;

/**
 * `Access denied for user U by PAM account configuration`. Group 1: user.
 *
 * @example
 * ```ts
 * PAM_ACCESS_DENIED.exec('Access denied for user bob by PAM account configuration')?.[1]; // 'bob'
 * ```
 */
export const PAM_ACCESS_DENIED: RegExp =
  /^Access denied for user (.*) by PAM account configuration$/;

/**
 * `administratively prohibited connection for [invalid ]user U from H port N` (9.9+ RefuseConnection).
 * Groups: 1 `invalid `, 2 user, 3 host, 4 port.
 *
 * @example
 * ```ts
 * PROHIBITED.exec('administratively prohibited connection for user a from 1.2.3.4 port 5')?.[3];
 * ```
 */
export const PROHIBITED: RegExp =
  /^administratively prohibited connection for (invalid )?(?:user )?(.*) from (\S+?)(?: port (\d+))?$/;

/**
 * libwrap's `refused connect from NAME (ADDR)`. Groups: 1 name, 2 address.
 *
 * @example
 * ```ts
 * TCPWRAP_REFUSED.exec('refused connect from example.com (1.2.3.4)')?.[2]; // '1.2.3.4'
 * ```
 */
export const TCPWRAP_REFUSED: RegExp = /^refused connect from (\S*) \(([^()\s]+)\)$/;

/**
 * `Connection from H port N[ on LH port LN[ rdomain "X"]]`. Groups: 1 host, 2 port, 3 local host, 4 local port.
 *
 * @example
 * ```ts
 * CONNECTION_FROM.exec('Connection from 1.2.3.4 port 5 on 10.0.0.1 port 22')?.[3]; // '10.0.0.1'
 * ```
 */
export const CONNECTION_FROM: RegExp =
  /^Connection from (\S+)(?: port (\d+)(?: on (\S+) port (\d+)(?: rdomain "[^"]*")?)?)?$/;

/**
 * `Received disconnect from H port N:CODE: TEXT` (7.2+) or `from H: CODE: TEXT` (older).
 * Groups: 1 host, 2 port, 3 code, 4 text.
 *
 * @example
 * ```ts
 * RECEIVED_DISCONNECT.exec('Received disconnect from 1.2.3.4 port 5:11: bye')?.[3]; // '11'
 * ```
 */
export const RECEIVED_DISCONNECT: RegExp =
  /^Received disconnect from (\S+)(?: port (\d+):|:) ?(\d+):? ?([\s\S]*)/;

/**
 * `Timeout before authentication for connection from H to L, pid = N[ (status)]` (9.8+ listener)
 * or `Timeout before authentication for H port N` (older, fatal). Groups: 1 host (listener form),
 * 2 pid, 3 host (old form), 4 port.
 *
 * @example
 * ```ts
 * PREAUTH_TIMEOUT.exec('Timeout before authentication for connection from 1.2.3.4 to 10.0.0.1, pid = 7')?.[2]; // '7'
 * ```
 */
export const PREAUTH_TIMEOUT: RegExp =
  /^Timeout before authentication for (?:connection from (\S+)(?: to \S+)?, pid = (\d+)(?: \([^)]*\))?|(\S+?)(?: port (\d+))?)$/;

/**
 * `session process P for CONNID killed by signal N[...]` / `... terminated abnormally, status=0xN[...]`
 * (9.8+ listener). Groups: 1 pid, 2 connection id, 3 `killed by signal N` or `terminated ...` text.
 *
 * @example
 * ```ts
 * SESSION_PROCESS.exec('session process 99 for 1.2.3.4 port 5 killed by signal 9')?.[1]; // '99'
 * ```
 */
export const SESSION_PROCESS: RegExp =
  /^session process (\d+) for (.*) ((?:killed by signal|terminated abnormally, status=)[ 0-9a-fx]+[\s\S]*)/;

/**
 * `Session process P unpriv child crash for CONNID` (9.8+ listener). Groups: 1 pid, 2 connection id.
 *
 * @example
 * ```ts
 * SESSION_CRASH.exec('Session process 99 unpriv child crash for 1.2.3.4 port 5')?.[1]; // '99'
 * ```
 */
export const SESSION_CRASH: RegExp = /^Session process (\d+) unpriv child crash for ([\s\S]*)/;

/**
 * `Starting session: TYPE[ on TTY] for U from H port N[ id S]`. Groups: 1 type text,
 * 2 tty, 3 user, 4 host, 5 port, 6 session id.
 *
 * @example
 * ```ts
 * STARTING_SESSION.exec('Starting session: shell on pts/0 for a from 1.2.3.4 port 5 id 0')?.[2]; // 'pts/0'
 * ```
 */
export const STARTING_SESSION: RegExp =
  /^Starting session: (.*?)(?: on (\S+))? for (\S*) from (\S+) port (\d+)(?: id (\d+))?$/;

/**
 * The session type of `Starting session:`: `shell`, `command`, `subsystem 'NAME'`,
 * `forced-command (config|key-option) 'TEXT'`. Groups: 1 type, 2 forced-by, 3 quoted text.
 *
 * @example
 * ```ts
 * SESSION_TYPE.exec("subsystem 'sftp'")?.[3]; // 'sftp'
 * ```
 */
export const SESSION_TYPE: RegExp =
  /^(shell|command|subsystem|forced-command)(?: \((config|key-option)\))?(?: '(.*)')?$/;

/**
 * `Close session: user U from H port N[ id S]`. Groups: 1 user, 2 host, 3 port, 4 session id.
 *
 * @example
 * ```ts
 * CLOSE_SESSION.exec('Close session: user a from 1.2.3.4 port 5 id 0')?.[1]; // 'a'
 * ```
 */
export const CLOSE_SESSION: RegExp =
  /^Close session: user (\S*) from (\S+) port (\d+)(?: id (\d+))?$/;

/**
 * `Transferred: sent N, received M bytes`. Groups: 1 sent, 2 received.
 *
 * @example
 * ```ts
 * TRANSFERRED.exec('Transferred: sent 2048, received 1024 bytes')?.[2]; // '1024'
 * ```
 */
export const TRANSFERRED: RegExp = /^Transferred: sent (\d+), received (\d+) bytes$/;

/**
 * DEBUG1 `server_input_channel_req: channel N request NAME reply R`. Groups: 1 channel, 2 request.
 *
 * @example
 * ```ts
 * CHANNEL_REQ.exec('server_input_channel_req: channel 0 request auth-agent-req@openssh.com reply 0')?.[2];
 * ```
 */
export const CHANNEL_REQ: RegExp =
  /^server_input_channel_req: channel (\d+) request (\S+) reply \d+$/;

/**
 * DEBUG1 `session_input_channel_req: session N req NAME`. Groups: 1 session, 2 request.
 *
 * @example
 * ```ts
 * SESSION_REQ.exec('session_input_channel_req: session 0 req pty-req')?.[2]; // 'pty-req'
 * ```
 */
export const SESSION_REQ: RegExp = /^session_input_channel_req: session (\d+) req (\S+)$/;

/**
 * `refused local port forward: originator H port N, target T port P` and the streamlocal
 * form `..., target PATH`. Groups: 1 kind (`local`/`streamlocal`), 2 target.
 *
 * @example
 * ```ts
 * REFUSED_FORWARD.exec('refused local port forward: originator 1.2.3.4 port 5, target db port 5432')?.[2];
 * ```
 */
export const REFUSED_FORWARD: RegExp =
  /^refused (local|streamlocal) port forward: originator \S+ port \d+, target ([\s\S]*)/;

/**
 * `Received request from H port N to connect to host T port P, but the request was denied.`
 * Groups: 1 target host, 2 target port.
 *
 * @example
 * ```ts
 * DENIED_OPEN.exec('Received request from 1.2.3.4 port 5 to connect to host db port 5432, but the request was denied.')?.[1];
 * ```
 */
export const DENIED_OPEN: RegExp =
  /^Received request (?:from \S+ port \d+ )?to connect to host (\S+) port (\d+), but the request was denied\.$/;

/**
 * `subsystem request for NAME by user U[ failed, REASON]`. Groups: 1 name, 2 user, 3 failure.
 *
 * @example
 * ```ts
 * SUBSYSTEM_REQ.exec('subsystem request for sftp by user a')?.[1]; // 'sftp'
 * ```
 */
export const SUBSYSTEM_REQ: RegExp =
  /^subsystem request for (\S+) by user (\S*)(?: (failed), .*)?$/;

/**
 * `Did not receive identification string from H[ port N]` (before 8.0). Groups: 1 host, 2 port.
 *
 * @example
 * ```ts
 * NO_IDENT.exec('Did not receive identification string from 1.2.3.4 port 5')?.[1]; // '1.2.3.4'
 * ```
 */
export const NO_IDENT: RegExp =
  /^Did not receive identification string from (\S+?)(?: port (\d+))?$/;

/**
 * `banner exchange: Connection from H port N: REASON` (8.0+). Groups: 1 host, 2 port, 3 reason.
 *
 * @example
 * ```ts
 * BANNER_EXCHANGE.exec('banner exchange: Connection from 1.2.3.4 port 5: invalid format')?.[3];
 * ```
 */
export const BANNER_EXCHANGE: RegExp =
  /^banner exchange: Connection from (\S+) port (\d+): ([\s\S]*)/;

/**
 * `Bad protocol version identification 'BANNER' from H[ port N]` (the banner is attacker
 * controlled: the host is the LAST `from`). Groups: 1 banner, 2 host, 3 port.
 *
 * @example
 * ```ts
 * BAD_VERSION.exec("Bad protocol version identification 'x' from 1.2.3.4 port 5")?.[2]; // '1.2.3.4'
 * ```
 */
export const BAD_VERSION: RegExp =
  /^Bad protocol version identification '(.*)' from (\S+?)(?: port (\d+))?$/;

/**
 * `drop connection #N from [H]:P on [L]:LP REASON` (listener). Groups: 1 host, 2 port, 3 reason.
 *
 * @example
 * ```ts
 * DROP_CONNECTION.exec('drop connection #3 from [1.2.3.4]:5 on [10.0.0.1]:22 past MaxStartups')?.[1];
 * ```
 */
export const DROP_CONNECTION: RegExp =
  /^drop connection #\d+ from \[([^\]\s]+)\]:(\d+) on \[[^\]\s]+\]:\d+ ([\s\S]*)/;

/**
 * `srclimit_penalise: FAMILY: new ADDR/MASK active|deferred penalty of S seconds for REASON`.
 * Groups: 1 address, 2 mask, 3 rest.
 *
 * @example
 * ```ts
 * PENALTY.exec('srclimit_penalise: ipv4: new 1.2.3.4/32 active penalty of 30.000 seconds for penalty: noauth')?.[1];
 * ```
 */
export const PENALTY: RegExp =
  /^srclimit_penalise: \S+ new ([^/\s]+)(?:\/(\d+))? ((?:active|deferred) penalty of .*)$/;

/**
 * `reverse mapping checking getaddrinfo for NAME [ADDR] failed[ - POSSIBLE BREAK-IN ATTEMPT!]`.
 * Groups: 1 name, 2 address.
 *
 * @example
 * ```ts
 * REVERSE_MAPPING.exec('reverse mapping checking getaddrinfo for a.example [1.2.3.4] failed.')?.[2];
 * ```
 */
export const REVERSE_MAPPING: RegExp =
  /^reverse mapping checking getaddrinfo for (\S+) \[([^\]\s]+)\] failed\b[\s\S]*/;

/**
 * `Address ADDR maps to NAME, but this does not map back to the address[ - POSSIBLE BREAK-IN ATTEMPT!]`.
 * Groups: 1 address, 2 name.
 *
 * @example
 * ```ts
 * ADDRESS_MAPS.exec('Address 1.2.3.4 maps to a.example, but this does not map back to the address.')?.[1];
 * ```
 */
export const ADDRESS_MAPS: RegExp =
  /^Address (\S+) maps to (\S+), but this does not map back to the address\b[\s\S]*/;

/**
 * `Server listening on ADDR port P[ rdomain X].` Groups: 1 address, 2 port.
 *
 * @example
 * ```ts
 * SERVER_LISTENING.exec('Server listening on :: port 22.')?.[1]; // '::'
 * ```
 */
export const SERVER_LISTENING: RegExp =
  /^Server listening on (\S+) port (\d+)(?: rdomain \S*)?\.?$/;

/**
 * `Received signal N; terminating.` and `Received SIGHUP; restarting.` Groups: 1 signal number.
 *
 * @example
 * ```ts
 * RECEIVED_SIGNAL.test('Received SIGHUP; restarting.'); // true
 * ```
 */
export const RECEIVED_SIGNAL: RegExp =
  /^Received (?:signal (\d+); terminating|SIGHUP; restarting)\.$/;

/**
 * `Read error from remote host H[ port N]: REASON`. Groups: 1 host, 2 port, 3 reason.
 *
 * @example
 * ```ts
 * READ_ERROR.exec('Read error from remote host 1.2.3.4 port 5: Connection reset by peer')?.[1];
 * ```
 */
export const READ_ERROR: RegExp = /^Read error from remote host (\S+)(?: port (\d+))?: ([\s\S]*)/;

/**
 * `Closing connection to H port N`. Groups: 1 host, 2 port.
 *
 * @example
 * ```ts
 * CLOSING_CONNECTION.exec('Closing connection to 1.2.3.4 port 5')?.[2]; // '5'
 * ```
 */
export const CLOSING_CONNECTION: RegExp = /^Closing connection to (\S+) port (\d+)$/;

/**
 * Negotiation failures without a peer: `Unable to negotiate a key exchange method` and
 * `no matching (cipher|mac|comp) found: client X server Y`. Group 1: the whole detail.
 *
 * @example
 * ```ts
 * NO_MATCHING.test('no matching cipher found: client aes128-cbc server aes256-ctr'); // true
 * ```
 */
export const NO_MATCHING: RegExp =
  /^(Unable to negotiate a key exchange method|no matching \S+ found: .*)$/;

/**
 * The `[ID 800047 auth.info] ` tag Solaris inserts before the message. Group 1: nothing (test only).
 *
 * @example
 * ```ts
 * SOLARIS_ID.test('[ID 800047 auth.info] Failed none for root'); // true
 * ```
 */
export const SOLARIS_ID: RegExp = /^\[ID \d+ [a-z0-9]+\.[a-z]+\] /;

/**
 * The non-upstream `Magic value check failed (N) on obfuscated handshake from H port N`.
 * Groups: 1 host, 2 port.
 *
 * @example
 * ```ts
 * OBFUSCATED_HANDSHAKE.exec('Magic value check failed (1) on obfuscated handshake from 1.2.3.4 port 5')?.[1];
 * ```
 */
export const OBFUSCATED_HANDSHAKE: RegExp =
  /^Magic value check failed \(\d+\) on obfuscated handshake from (\S+) port (\d+)$/;

/**
 * The part after `LOC: ` of `LOC: Authentication tried for U with correct key but not from a
 * permitted host (host=H, ip=A, required=R).` (authorized_keys `from=`). Groups: 1 user, 2 host, 3 ip.
 *
 * @example
 * ```ts
 * KEY_FROM_REFUSED.exec('Authentication tried for a with correct key but not from a permitted host (host=h, ip=1.2.3.4, required=10.*).')?.[3];
 * ```
 */
export const KEY_FROM_REFUSED: RegExp =
  /^Authentication tried for (.*) with correct key but not from a permitted host \(host=(\S*), ip=(\S*), required=[\s\S]*/;

/**
 * DEBUG1 `server_input_global_request: rtype R want_reply W` (`tcpip-forward` is a remote
 * forward, `streamlocal-forward@openssh.com` a socket forward). Group 1: the request type.
 *
 * @example
 * ```ts
 * GLOBAL_REQUEST.exec('server_input_global_request: rtype tcpip-forward want_reply 1')?.[1];
 * ```
 */
export const GLOBAL_REQUEST: RegExp = /^server_input_global_request: rtype (\S+) want_reply \d+$/;

/**
 * DEBUG1 `server_request_direct_tcpip: originator H port P, target T port TP` (a local forward,
 * `ssh -L`/`-W`/`ProxyJump`). Groups: 1 target host, 2 target port.
 *
 * @example
 * ```ts
 * DIRECT_TCPIP.exec('server_request_direct_tcpip: originator 127.0.0.1 port 1, target 10.0.0.5 port 22')?.[1];
 * ```
 */
export const DIRECT_TCPIP: RegExp =
  /^server_request_direct_tcpip: originator \S+ port \d+, target (\S+) port (\d+)$/;

/**
 * DEBUG1 `server_request_direct_streamlocal: originator H port P, path PATH`. Group 1: the path.
 *
 * @example
 * ```ts
 * DIRECT_STREAMLOCAL.exec('server_request_direct_streamlocal: originator  port 0, path /run/x.sock')?.[1];
 * ```
 */
export const DIRECT_STREAMLOCAL: RegExp =
  /^server_request_direct_streamlocal: originator \S* port \d+, path ([\s\S]*)/;

/**
 * DEBUG1 `server_input_channel_open: ctype T rchan N win W max M` and
 * `server_input_channel_open: confirm|failure T`. Groups: 1 type, 2 channel; or 3 verdict, 4 type.
 *
 * @example
 * ```ts
 * CHANNEL_OPEN.exec('server_input_channel_open: failure direct-tcpip')?.[3]; // 'failure'
 * ```
 */
export const CHANNEL_OPEN: RegExp =
  /^server_input_channel_open: (?:ctype (\S+) rchan (\d+) win \d+ max \d+|(confirm|failure) (\S+))$/;
