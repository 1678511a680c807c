/** A forwarded-agent socket of OpenSSH before 10.1: `/tmp/ssh-XXXXXXXXXX/agent.<sshd pid>`. */
export const TMP_AGENT_SOCKET: RegExp = /^\/tmp\/ssh-[A-Za-z0-9]{1,64}\/agent\.(\d{1,10})$/;

/** The file name of an OpenSSH 10.1+ agent socket in `~/.ssh/agent/`: `s.<hash>.<sshd|agent>.<random>`. */
export const HOME_AGENT_SOCKET_NAME: RegExp =
  /^s\.[A-Za-z0-9_+=-]{1,128}\.(sshd|agent)\.[A-Za-z0-9]{1,64}$/;

/** An sshd process title: `sshd: alice@pts/0`, `sshd-session: alice [priv]`, `sshd: alice@notty`. */
export const SSHD_TITLE: RegExp =
  /^(sshd|sshd-session|sshd-auth): ([^\s@[]{1,64})(?:@([^\s]{1,64})| \[(priv|net|accepted)\])$/;
