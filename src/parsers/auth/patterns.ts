/**
 * Every regular expression of the auth-log neighbour parsers (PAM, systemd-logind, sudo, su).
 *
 * Each one is anchored at both ends, bounds every repetition and never nests quantifiers, so
 * matching is linear in the message length; `test/parsers/auth/redos.test.ts` checks each
 * with recheck. Parsers dispatch on `startsWith`/`indexOf` first and try at most one of these
 * per message family.
 *
 * @module
 */

/**
 * PAM session lifecycle (pam_unix and friends), every Linux-PAM generation:
 * `session opened for user alice(uid=1000) by alice(uid=1000)`,
 * `session opened for user rda by (uid=0)`, `session closed for user fztu`.
 * Groups: 1 action, 2 user, 3 uid, 4 by-user (may be empty), 5 by-uid.
 *
 * @example
 * ```ts
 * PAM_SESSION_PATTERN.exec('session closed for user fztu')?.[2]; // 'fztu'
 * ```
 */
export const PAM_SESSION_PATTERN: RegExp =
  /^session (opened|closed) for user ([^\s(]{1,256})(?:\(uid=(\d{1,10})\))?(?: by ([^\s(]{0,256})(?:\(uid=(\d{1,10})\))?)?[ \t]{0,16}$/;

/**
 * The pam_unix summary written when a PAM handle that failed several times is released:
 * `5 more authentication failures; logname= ...` (after a `PAM `, `pam_unix(svc:auth): ` or no prefix).
 * Group 1 is the count; the key=value tail follows the match.
 *
 * @example
 * ```ts
 * PAM_MORE_FAILURES_PATTERN.exec('1 more authentication failure; logname= uid=0')?.[1]; // '1'
 * ```
 */
export const PAM_MORE_FAILURES_PATTERN: RegExp = /^(\d{1,9}) more authentication failures?;/;

/**
 * libpam's retry cap notice, after the `PAM ` prefix: `service(sshd) ignoring max retries; 6 > 3`.
 * Groups: 1 service, 2 attempts, 3 limit.
 *
 * @example
 * ```ts
 * PAM_MAX_RETRIES_PATTERN.exec('service(sshd) ignoring max retries; 6 > 3')?.[1]; // 'sshd'
 * ```
 */
export const PAM_MAX_RETRIES_PATTERN: RegExp =
  /^service\(([^\s()]{1,64})\) ignoring max retries; (\d{1,9}) > (\d{1,9})[ \t]{0,16}$/;

/**
 * pam_unix account-management denials: `account alice has expired (account expired)`,
 * `account alice has expired (failed to change password)`,
 * `account alice has password changed in future`. Group 1 is the user.
 *
 * @example
 * ```ts
 * PAM_ACCOUNT_DENIED_PATTERN.exec('account bob has expired (account expired)')?.[1]; // 'bob'
 * ```
 */
export const PAM_ACCOUNT_DENIED_PATTERN: RegExp =
  /^account (\S{1,256}) has (?:expired \([^()]{1,64}\)|password changed in future)[ \t]{0,16}$/;

/**
 * pam_unix expired-password denial: `expired password for user root (root enforced)`,
 * `expired password for user alice (password aged)`. Group 1 is the user.
 *
 * @example
 * ```ts
 * PAM_EXPIRED_PASSWORD_PATTERN.exec('expired password for user root (root enforced)')?.[1]; // 'root'
 * ```
 */
export const PAM_EXPIRED_PASSWORD_PATTERN: RegExp =
  /^expired password for user (\S{1,256}) \([^()]{1,64}\)[ \t]{0,16}$/;

/**
 * pam_tally / pam_tally2 lock-out: `user zbadguy (4001) tally 6, deny 5`.
 * Groups: 1 user, 2 uid, 3 tally, 4 deny.
 *
 * @example
 * ```ts
 * PAM_TALLY_PATTERN.exec('user zbadguy (4001) tally 6, deny 5')?.[3]; // '6'
 * ```
 */
export const PAM_TALLY_PATTERN: RegExp =
  /^user (\S{1,256}) \((\d{1,10})\) tally (\d{1,10}), deny (\d{1,10})[ \t]{0,16}$/;

/**
 * pam_faillock lock-out: `Consecutive login failures for user root account temporarily locked`.
 * Group 1 is the user.
 *
 * @example
 * ```ts
 * PAM_FAILLOCK_PATTERN.exec('Consecutive login failures for user root account temporarily locked')?.[1]; // 'root'
 * ```
 */
export const PAM_FAILLOCK_PATTERN: RegExp =
  /^Consecutive login failures for user (\S{1,256}) account temporarily locked[ \t]{0,16}$/;

/**
 * pam_access denial: ``access denied for user `bob' from `192.0.2.9'`` (the origin is the
 * remote host, or a tty for local logins). Groups: 1 user, 2 origin.
 *
 * @example
 * ```ts
 * PAM_ACCESS_DENIED_PATTERN.exec("access denied for user `bob' from `192.0.2.9'")?.[2]; // '192.0.2.9'
 * ```
 */
export const PAM_ACCESS_DENIED_PATTERN: RegExp =
  /^access denied for user [`']([^\s'`]{1,256})' from [`']([^\s'`]{0,256})'[ \t]{0,16}$/;

/**
 * pam_listfile denial: `Refused user bob for service sshd`. Groups: 1 user, 2 service.
 *
 * @example
 * ```ts
 * PAM_LISTFILE_REFUSED_PATTERN.exec('Refused user bob for service sshd')?.[1]; // 'bob'
 * ```
 */
export const PAM_LISTFILE_REFUSED_PATTERN: RegExp =
  /^Refused user (\S{1,256}) for service (\S{1,64})[ \t]{0,16}$/;

/**
 * sudo's wrong-password error (before `; TTY=`): `3 incorrect password attempts`,
 * `1 incorrect password attempt`. Group 1 is the count.
 *
 * @example
 * ```ts
 * SUDO_BAD_PASSWORD_PATTERN.exec('3 incorrect password attempts')?.[1]; // '3'
 * ```
 */
export const SUDO_BAD_PASSWORD_PATTERN: RegExp = /^(\d{1,9}) incorrect password attempts?$/;

/**
 * util-linux su: `(to root) alice on pts/0`, `FAILED SU (to root) alice on pts/0`.
 * Groups: 1 `FAILED SU ` when failed, 2 target, 3 user, 4 tty.
 *
 * @example
 * ```ts
 * SU_UTIL_LINUX_PATTERN.exec('(to root) alice on pts/0')?.[3]; // 'alice'
 * ```
 */
export const SU_UTIL_LINUX_PATTERN: RegExp =
  /^(FAILED SU )?\(to ([^\s()]{1,256})\) (\S{1,256}) on (\S{1,256})[ \t]{0,16}$/;

/**
 * shadow su, worded form: `Successful su for root by alice`, `FAILED su for root by alice`.
 * Groups: 1 `Successful` or `FAILED`, 2 target, 3 user.
 *
 * @example
 * ```ts
 * SU_SHADOW_WORDS_PATTERN.exec('Successful su for root by alice')?.[2]; // 'root'
 * ```
 */
export const SU_SHADOW_WORDS_PATTERN: RegExp =
  /^(Successful|FAILED) su for (\S{1,256}) by (\S{1,256})[ \t]{0,16}$/;

/**
 * shadow su, sulog form: `+ pts/0 alice:root` (success), `- pts/0 alice:root` (failure).
 * Groups: 1 sign, 2 tty, 3 user, 4 target.
 *
 * @example
 * ```ts
 * SU_SHADOW_SIGN_PATTERN.exec('- pts/0 alice:root')?.[1]; // '-'
 * ```
 */
export const SU_SHADOW_SIGN_PATTERN: RegExp =
  /^([+-]) (\S{1,256}) ([^\s:]{1,256}):(\S{1,256})[ \t]{0,16}$/;

/**
 * Old BSD-style su: `dcid to root on /dev/ttyp1`, `BAD SU ger to fwmaster on /dev/ttyp0`.
 * Groups: 1 `BAD SU ` when failed, 2 user, 3 target, 4 tty.
 *
 * @example
 * ```ts
 * SU_BSD_PATTERN.exec('BAD SU ger to fwmaster on /dev/ttyp0')?.[3]; // 'fwmaster'
 * ```
 */
export const SU_BSD_PATTERN: RegExp =
  /^(BAD SU )?(\S{1,256}) to (\S{1,256}) on (\S{1,256})[ \t]{0,16}$/;

/**
 * Old System V su failure: `failed: ttyq4 changing from ldap to root`.
 * Groups: 1 tty, 2 user, 3 target.
 *
 * @example
 * ```ts
 * SU_CHANGING_PATTERN.exec('failed: ttyq4 changing from ldap to root')?.[2]; // 'ldap'
 * ```
 */
export const SU_CHANGING_PATTERN: RegExp =
  /^failed: (\S{1,256}) changing from (\S{1,256}) to (\S{1,256})[ \t]{0,16}$/;
