/** `agent.<pid>`: the socket name of a forwarded agent (sshd) or of `ssh-agent` (its parent pid). */
export const AGENT_BASENAME_PATTERN: RegExp = /^agent\.(\d{1,10})$/;

/** `ssh-XXXXXXXXXX`: the `mkdtemp` directory that holds `agent.<pid>` before OpenSSH 10.1. */
export const SSH_TMPDIR_PATTERN: RegExp = /^ssh-[A-Za-z0-9]{4,32}$/;

/** OpenSSH 10.1+ `~/.ssh/agent/s.<hostname hash>.<sshd|agent>.<random>` socket names. */
export const AGENT_SOCKET_NAME_PATTERN: RegExp =
  /^s\.[A-Za-z0-9+=_-]{1,128}\.(sshd|agent)\.[A-Za-z0-9]{1,32}$/;

/** `tmux-<uid>`: tmux's per-uid socket directory (under `/tmp` or `$TMUX_TMPDIR`). */
export const TMUX_DIR_PATTERN: RegExp = /^tmux-(\d{1,10})$/;

/** `S-<user>`: GNU screen's per-user socket directory (`/run/screen`, `/var/run/screen`). */
export const SCREEN_DIR_PATTERN: RegExp = /^S-([^/]{1,64})$/;

/** `<pid>.<tty>.<host>`: a GNU screen session socket name. */
export const SCREEN_SOCKET_PATTERN: RegExp = /^(\d{1,10})\.[^/]{0,255}$/;

/** A decimal uid or pid path segment. */
export const DECIMAL_SEGMENT_PATTERN: RegExp = /^\d{1,10}$/;
