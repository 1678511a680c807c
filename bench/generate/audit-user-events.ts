/**
 * User-space audit events (single records, no EOE) of sshd and cron: the pam/LOGIN
 * sequence of a login, the logout, brute-force failures, cron sessions.
 */
import {
  type AuditSession,
  auditValue,
  type RecordBody,
  UNSET,
  userFields,
} from './audit-records.js';
import type { Rng } from './rng.js';

const SSHD = '/usr/libexec/openssh/sshd-session';

/**
 * The user-space records of a successful sshd login (single-record events, no EOE), in
 * the order pam and sshd write them.
 *
 * @param s - the new session
 * @param monitor - sshd-session monitor pid
 * @param ip - client address
 * @param port - client port
 * @returns one record list per event
 * @example
 * ```ts
 * loginEvents(session, 2124, '10.20.9.14', 50022);
 * ```
 */
export function loginEvents(
  s: AuditSession,
  monitor: number,
  ip: string,
  port: number,
): RecordBody[][] {
  const user = (auid: number, ses: number, inner: string): string =>
    userFields(
      monitor,
      0,
      auid,
      ses,
      `${inner} exe="${SSHD}" hostname=${ip} addr=${ip} terminal=ssh res=success`,
    );
  const acct = `acct=${auditValue(s.user)}`;
  const fp = `SHA256:${s.agentDir.padEnd(43, 'Q')}`;
  return [
    [
      [
        'CRYPTO_KEY_USER',
        user(UNSET, UNSET, `op=destroy kind=server fp=${fp} direction=? spid=${monitor} suid=0`),
      ],
    ],
    [['USER_AUTH', user(UNSET, UNSET, `op=pubkey_auth grantors=auth-key ${acct} rport=${port}`)]],
    [
      [
        'USER_ACCT',
        user(UNSET, UNSET, `op=PAM:accounting grantors=pam_unix,pam_localuser ${acct}`),
      ],
    ],
    [['CRED_ACQ', user(UNSET, UNSET, `op=PAM:setcred grantors=pam_env,pam_unix ${acct}`)]],
    [
      [
        'LOGIN',
        `pid=${monitor} uid=0 subj=unconfined old-auid=${UNSET} auid=${s.uid} tty=(none) old-ses=${UNSET} ses=${s.ses} res=1`,
      ],
    ],
    [
      [
        'USER_START',
        user(
          s.uid,
          s.ses,
          `op=PAM:session_open grantors=pam_selinux,pam_loginuid,pam_unix ${acct}`,
        ),
      ],
    ],
    [['CRED_REFR', user(s.uid, s.ses, `op=PAM:setcred grantors=pam_env,pam_unix ${acct}`)]],
    [
      [
        'USER_LOGIN',
        userFields(
          monitor,
          0,
          s.uid,
          s.ses,
          `op=login id=${s.uid} exe="${SSHD}" hostname=${ip} addr=${ip} terminal=/dev/${s.tty.replace('pts', 'pts/')} res=success`,
        ),
      ],
    ],
  ];
}

/**
 * The user-space records of a logout.
 *
 * @param s - the session
 * @param monitor - sshd-session monitor pid
 * @param ip - client address
 * @returns one record list per event
 * @example
 * ```ts
 * logoutEvents(session, 2124, '10.20.9.14');
 * ```
 */
export function logoutEvents(s: AuditSession, monitor: number, ip: string): RecordBody[][] {
  const acct = `acct=${auditValue(s.user)}`;
  const end = `exe="${SSHD}" hostname=${ip} addr=${ip} terminal=ssh res=success`;
  return [
    [
      [
        'USER_END',
        userFields(
          monitor,
          0,
          s.uid,
          s.ses,
          `op=PAM:session_close grantors=pam_selinux,pam_loginuid,pam_unix ${acct} ${end}`,
        ),
      ],
    ],
    [
      [
        'USER_LOGOUT',
        userFields(
          monitor,
          0,
          s.uid,
          s.ses,
          `op=login id=${s.uid} exe="${SSHD}" hostname=${ip} addr=${ip} terminal=/dev/${s.tty.replace('pts', 'pts/')} res=success`,
        ),
      ],
    ],
    [
      [
        'CRED_DISP',
        userFields(
          monitor,
          0,
          s.uid,
          s.ses,
          `op=PAM:setcred grantors=pam_env,pam_unix ${acct} ${end}`,
        ),
      ],
    ],
  ];
}

/**
 * A brute-force failure as audit sees it (USER_AUTH failed, then USER_LOGIN failed with
 * `acct="(unknown)"` hex-encoded for invalid users).
 *
 * @param rng - random source
 * @param monitor - sshd-session pid
 * @param ip - attacker
 * @returns one record list per event
 * @example
 * ```ts
 * failedLogin(rng, 3001, '203.0.113.9');
 * ```
 */
export function failedLogin(rng: Rng, monitor: number, ip: string): RecordBody[][] {
  const root = rng.chance(0.4);
  const acct = root ? 'acct="root"' : `acct=${auditValue('(invalid user)')}`;
  const tail = `exe="${SSHD}" hostname=? addr=${ip} terminal=ssh res=failed`;
  return [
    [
      [
        'USER_AUTH',
        userFields(monitor, 0, UNSET, UNSET, `op=PAM:authentication grantors=? ${acct} ${tail}`),
      ],
    ],
    [['USER_LOGIN', userFields(monitor, 0, UNSET, UNSET, `op=login ${acct} ${tail}`)]],
  ];
}

/**
 * A cron job's PAM sequence (user-space, no EOE).
 *
 * @param pid - cron child pid
 * @param ses - the new audit session id
 * @returns one record list per event
 * @example
 * ```ts
 * cronEvents(7001, 55);
 * ```
 */
export function cronEvents(pid: number, ses: number): RecordBody[][] {
  const tail = 'acct="root" exe="/usr/sbin/cron" hostname=? addr=? terminal=cron res=success';
  return [
    [
      [
        'USER_ACCT',
        userFields(pid, 0, UNSET, UNSET, `op=PAM:accounting grantors=pam_permit ${tail}`),
      ],
    ],
    [
      [
        'CRED_ACQ',
        userFields(pid, 0, UNSET, UNSET, `op=PAM:setcred grantors=pam_permit,pam_cap ${tail}`),
      ],
    ],
    [
      [
        'LOGIN',
        `pid=${pid} uid=0 subj=unconfined old-auid=${UNSET} auid=0 tty=(none) old-ses=${UNSET} ses=${ses} res=1`,
      ],
    ],
    [
      [
        'USER_START',
        userFields(
          pid,
          0,
          0,
          ses,
          `op=PAM:session_open grantors=pam_loginuid,pam_env,pam_unix ${tail}`,
        ),
      ],
    ],
    [
      [
        'CRED_DISP',
        userFields(pid, 0, 0, ses, `op=PAM:setcred grantors=pam_permit,pam_cap ${tail}`),
      ],
    ],
    [
      [
        'USER_END',
        userFields(
          pid,
          0,
          0,
          ses,
          `op=PAM:session_close grantors=pam_loginuid,pam_env,pam_unix ${tail}`,
        ),
      ],
    ],
  ];
}
