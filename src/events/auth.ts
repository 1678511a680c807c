import type { EventBase } from './base.js';

/** `pam_unix(SERVICE:session): session opened|closed for user U[(uid=N)] [by B(uid=M)]`. */
export interface PamSessionEvent extends EventBase {
  /** Discriminant. */
  readonly kind: 'pam.session';
  /** PAM service (`sshd`, `su`, `su-l`, `sudo`, `sudo-i`, `login`...). */
  readonly service: string;
  /** Opened or closed. */
  readonly action: 'open' | 'close';
  /** The session's user. */
  readonly user: string;
  /** The user's uid, when logged (Linux-PAM 1.5+). */
  readonly uid: number | undefined;
  /** The invoking login name (`by alice(uid=1000)`), empty for sshd. */
  readonly byUser: string | undefined;
  /** The invoking uid. */
  readonly byUid: number | undefined;
}

/**
 * A PAM authentication or account message:
 * `pam_unix(sshd:auth): authentication failure; ... rhost=R  user=U`, `check pass; user unknown`,
 * `PAM N more authentication failures; ...`, `pam_unix(sshd:account): ...`.
 */
export interface PamAuthEvent extends EventBase {
  /** Discriminant. */
  readonly kind: 'pam.auth';
  /** PAM service. */
  readonly service: string;
  /** PAM module that wrote the line (`pam_unix`, `pam_sss`...), or `PAM` for the libpam summary. */
  readonly module: string;
  /** The outcome. */
  readonly outcome: 'failure' | 'user_unknown' | 'max_retries' | 'account_denied';
  /** Target user (`user=`), when logged. */
  readonly user: string | undefined;
  /** Remote user (`ruser=`, client-controlled). */
  readonly ruser: string | undefined;
  /** Canonical remote IP from `rhost=`, when it is an IP. */
  readonly sourceIp: string | undefined;
  /** `rhost=` as logged when it is not an IP (a name). */
  readonly sourceName: string | undefined;
  /** `tty=` as logged (`ssh` for sshd). */
  readonly tty: string | undefined;
  /** Failures this line stands for (`N more authentication failures`), at least 1. */
  readonly count: number;
}

/** systemd-logind session lifecycle lines. */
export interface LogindSessionEvent extends EventBase {
  /** Discriminant. */
  readonly kind: 'logind.session';
  /** `New session N of user U.`, `Session N logged out. ...`, `Removed session N.` */
  readonly action: 'new' | 'logged_out' | 'removed';
  /** The logind session id (`12`, `c1`). */
  readonly sessionId: string;
  /** The user, for `new`. */
  readonly user: string | undefined;
  /** The session leader pid (the sshd monitor), when known (journald `LEADER`). */
  readonly leaderPid: number | undefined;
}

/** A sudo decision: `U : [error ; ]TTY=T ; PWD=P ; USER=R ; COMMAND=C`. */
export interface SudoEvent extends EventBase {
  /** Discriminant. */
  readonly kind: 'priv.sudo';
  /** The invoking user. */
  readonly user: string;
  /** Allowed, or why not. */
  readonly outcome: 'allowed' | 'not_in_sudoers' | 'not_allowed' | 'bad_password' | 'error';
  /** Failed password attempts, for `bad_password`. */
  readonly attempts: number | undefined;
  /** The error text sudo wrote before `TTY=`, when any. */
  readonly error: string | undefined;
  /** Terminal (`pts/0`, `unknown`), absent with no tty. */
  readonly tty: string | undefined;
  /** Working directory. */
  readonly cwd: string | undefined;
  /** The target user (`USER=`). */
  readonly runAs: string | undefined;
  /** The target group (`GROUP=`), when given. */
  readonly runAsGroup: string | undefined;
  /** The command line (the rest of the line; it may itself contain ` ; `). */
  readonly command: string | undefined;
}

/** A su switch: util-linux `(to root) alice on pts/0`, shadow `Successful su for root by alice`, `FAILED SU`... */
export interface SuEvent extends EventBase {
  /** Discriminant. */
  readonly kind: 'priv.su';
  /** Whether the switch succeeded. */
  readonly outcome: 'success' | 'failure';
  /** The invoking user, when logged. */
  readonly user: string | undefined;
  /** The target user. */
  readonly target: string | undefined;
  /** The terminal, when logged (`pts/0`, without `/dev/`). */
  readonly tty: string | undefined;
}

/** Any event from sshd's neighbours in the auth log. */
export type AuthEvent = PamSessionEvent | PamAuthEvent | LogindSessionEvent | SudoEvent | SuEvent;
