/**
 * PAM services and modules whose lines sshtrail knows and skips.
 *
 * @internal
 * @module
 */

/** PAM services whose lines carry nothing for SSH sessions. @internal */
export const IRRELEVANT_SERVICES: ReadonlySet<string> = new Set([
  'cron',
  'CRON',
  'crond',
  'atd',
  'systemd-user',
]);

/** Modules whose messages are known and carry nothing for sshtrail. @internal */
export const IRRELEVANT_MODULES: ReadonlySet<string> = new Set([
  'pam_systemd',
  'pam_systemd_home',
  'pam_env',
  'pam_motd',
  'pam_mail',
  'pam_keyinit',
  'pam_limits',
  'pam_loginuid',
  'pam_selinux',
  'pam_namespace',
  'pam_lastlog',
  'pam_lastlog2',
  'pam_umask',
  'pam_succeed_if',
  'pam_gnome_keyring',
  'pam_kwallet5',
  'pam_ecryptfs',
  'pam_mkhomedir',
]);

/** Application-side reports of PAM API calls (`pam_authenticate: Authentication failure`). @internal */
export const PAM_API_CALLS: ReadonlySet<string> = new Set([
  'pam_authenticate',
  'pam_acct_mgmt',
  'pam_open_session',
  'pam_close_session',
  'pam_setcred',
  'pam_start',
  'pam_end',
  'pam_chauthtok',
]);
