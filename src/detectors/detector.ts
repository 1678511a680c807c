import type { Baseline } from '../baseline/baseline.js';
import type { SshtrailConfig } from '../config/config.js';
import type { SshtrailEvent } from '../events/index.js';
import type { Finding } from '../findings/finding.js';
import type { Intel } from '../intel/create-intel.js';
import type { LogGapFinding } from '../model/gaps/gap-types.js';
import type { HopChain } from '../model/hops/hop-types.js';
import type { SshSession } from '../model/session.js';
import type { SessionViews } from '../model/session-views.js';

/**
 * Data a detector needs to say anything:
 * - `auth`: auth.log / secure / journald sshd, PAM, sudo, su lines (INFO level);
 * - `auth_verbose`: sshd `LogLevel VERBOSE` (`Starting session ... id N`, `Connection from`);
 * - `auth_debug`: sshd `LogLevel DEBUG1` (channel requests such as agent forwarding);
 * - `process`: process creation (auditd EXECVE, Sysmon, osquery);
 * - `audit_socket`: auditd `connect` on unix sockets;
 * - `network`: Zeek ssh.log / conn.log;
 * - `baseline`: a learned or configured {@link Baseline} (without it the detector learns as it goes, or stays quiet);
 * - `intel`: threat-intel lists;
 * - `config`: the configuration file (hosts, users, networks, windows).
 */
export type DetectorNeed =
  | 'auth'
  | 'auth_verbose'
  | 'auth_debug'
  | 'process'
  | 'audit_socket'
  | 'network'
  | 'baseline'
  | 'intel'
  | 'config';

/**
 * What a detector is fed: every normalized event, and every session change.
 *
 * @example
 * ```ts
 * const input: DetectorInput = { kind: 'session', change: 'close', session };
 * ```
 */
export type DetectorInput =
  | { readonly kind: 'event'; readonly event: SshtrailEvent }
  | {
      readonly kind: 'session';
      /** `open` on authentication, `update` when it changed, `close` when it ended (or was evicted). */
      readonly change: 'open' | 'update' | 'close';
      /** A full copy of the session. */
      readonly session: SshSession;
    };

/**
 * The minimal read-only process-tree view host-telemetry detectors use (built by the
 * process model; optional in {@link DetectorContext}).
 */
export interface ProcessTreeView {
  /**
   * The ancestors of a process, nearest first.
   *
   * @param host - The host.
   * @param pid - The process id.
   * @param time - When (pids are reused).
   * @returns The ancestors' pid, uid, login uid and executable.
   */
  ancestors(
    host: string | undefined,
    pid: number,
    time: number,
  ): readonly {
    readonly pid: number;
    readonly uid: number | undefined;
    readonly auid: number | undefined;
    readonly exe: string | undefined;
  }[];
  /**
   * Optional: the process alive as `pid` at a time (pids are reused).
   *
   * @param host - The host.
   * @param pid - The process id.
   * @param time - When.
   * @returns Its ids, executable and arguments, or `undefined` when unknown.
   */
  processAt?(host: string | undefined, pid: number, time: number): ProcessFactsView | undefined;
  /**
   * Optional: the account name of a uid on a host, as learned from login records and sessions.
   *
   * @param host - The host.
   * @param uid - The uid.
   * @returns The account, or `undefined`.
   */
  userOf?(host: string | undefined, uid: number): string | undefined;
  /**
   * Optional: the SSH session a process ran in (audit session, pid ancestry, terminal).
   *
   * @param host - The host.
   * @param query - What is known about the process.
   * @returns The session id and user, or `undefined`.
   */
  sessionOf?(
    host: string | undefined,
    query: {
      readonly pid?: number | undefined;
      readonly ses?: number | undefined;
      readonly auid?: number | undefined;
      readonly uid?: number | undefined;
      readonly time: number;
    },
  ): { readonly sessionId: string; readonly user: string | undefined } | undefined;
}

/**
 * What {@link ProcessTreeView.processAt} tells about one process.
 *
 * @example
 * ```ts
 * const p: ProcessFactsView = {
 *   pid: 16468, ppid: 16438, uid: 0, euid: 0, auid: 0, ses: 38, exe: '/usr/bin/ssh',
 *   argv: ['ssh', 'alice@app1', 'id'],
 * };
 * ```
 */
export interface ProcessFactsView {
  /** Process id. */
  readonly pid: number;
  /** Parent pid. */
  readonly ppid: number | undefined;
  /** Real uid. */
  readonly uid: number | undefined;
  /** Effective uid. */
  readonly euid: number | undefined;
  /** Audit login uid. */
  readonly auid: number | undefined;
  /** Audit session id. */
  readonly ses: number | undefined;
  /** Executable path. */
  readonly exe: string | undefined;
  /** Arguments of the latest exec. */
  readonly argv: readonly string[] | undefined;
}

/**
 * The read-only view of missing-or-tampered-log records (the log-gap monitor's output, kept
 * in order by the analyzer): a detector reads what is new since its cursor.
 */
export interface LogGapView {
  /**
   * Records added after a cursor.
   *
   * @param cursor - The cursor a previous call returned (0 at first).
   * @returns The new records (at most the buffer's capacity) and the next cursor.
   */
  since(cursor: number): {
    readonly gaps: readonly LogGapFinding[];
    readonly cursor: number;
  };
}

/**
 * The minimal read-only socket-registry view (agent and ControlMaster sockets by path).
 */
export interface SocketRegistryView {
  /**
   * Who owns a unix socket path at a time.
   *
   * @param host - The host.
   * @param path - The socket path.
   * @param time - When.
   * @returns Owner uid, user and the kind of socket, or `undefined` when unknown.
   */
  ownerOf(
    host: string | undefined,
    path: string,
    time: number,
  ):
    | {
        readonly uid: number | undefined;
        readonly user: string | undefined;
        readonly socket: 'agent' | 'control_master' | 'tmux' | 'other';
        /** The finer kind (`forwarded_agent`, `ssh_agent`, `gpg_agent`, `control_master`, `tmux`, `screen`, `other`). */
        readonly kind?: string | undefined;
        /** The owning process (sshd child of a forwarded agent, the ssh master). */
        readonly pid?: number | undefined;
        /** The SSH session that owns the socket, when known. */
        readonly sessionId?: string | undefined;
      }
    | undefined;
}

/**
 * The minimal read-only cross-host hop view.
 */
export interface HopGraphView {
  /**
   * Sessions that a session led to (it was their source), within a window.
   *
   * @param sessionId - The session.
   * @returns Ids of the next-hop sessions.
   */
  nextHops(sessionId: string): readonly string[];
  /**
   * Optional: the chain from its root down to a session.
   *
   * @param sessionId - The session.
   * @returns The chain, or `undefined` for an unknown session.
   */
  chainOf?(sessionId: string): HopChain | undefined;
}

/**
 * Read-only knowledge a detector may consult at each step. Only what is listed here; the
 * optional views exist when the analyzer has the telemetry to build them.
 *
 * @example
 * ```ts
 * const context = createDetectorContext({ sessions: tracker, config });
 * ```
 */
export interface DetectorContext {
  /** Open, live-at and recent sessions. */
  readonly sessions: SessionViews;
  /** A learned baseline, when one was given. */
  readonly baselines: Baseline | undefined;
  /** Threat intel, when lists were given. */
  readonly intel: Intel | undefined;
  /** The configuration (hosts, users, networks, windows); empty by default. */
  readonly config: SshtrailConfig;
  /** Process trees (host telemetry). */
  readonly processes?: ProcessTreeView;
  /** Agent / ControlMaster socket owners (host telemetry). */
  readonly sockets?: SocketRegistryView;
  /** Cross-host hops (network telemetry). */
  readonly hops?: HopGraphView;
  /** Missing or tampered logs (the log-gap monitor's records). */
  readonly gaps?: LogGapView;
}

/**
 * What one step produced: the next state and any findings.
 *
 * @example
 * ```ts
 * const step: DetectorStep<number> = { state: 1, findings: [] };
 * ```
 */
export interface DetectorStep<S> {
  /** The next state (may be the same object, updated). */
  readonly state: S;
  /** Findings, in time order. */
  readonly findings: readonly Finding[];
}

/**
 * A detector: a small, pure unit with bounded plain state. Time comes only from its inputs
 * (never the wall clock), so replays are deterministic. `step` may update the state object
 * it is given and return it (callers treat the state they passed as consumed); the state
 * must stay JSON-serializable for checkpoints.
 *
 * @example
 * ```ts
 * const counter: Detector<number> = {
 *   id: 'demo.count', title: 'Counts', description: 'Counts events.', techniques: [], needs: ['auth'],
 *   options: {}, init: () => 0, step: (n) => ({ state: n + 1, findings: [] }),
 * };
 * ```
 */
export interface Detector<S = unknown> {
  /** Dotted id (`ssh.brute_force_success`); also the ECS `rule.id`. */
  readonly id: string;
  /** Short title. */
  readonly title: string;
  /** One sentence on what it finds. */
  readonly description: string;
  /** MITRE ATT&CK technique ids. */
  readonly techniques: readonly string[];
  /** Data it needs. */
  readonly needs: readonly DetectorNeed[];
  /** Its options, with every default filled in. */
  readonly options: Readonly<Record<string, unknown>>;
  /**
   * A fresh state.
   *
   * @returns The initial state.
   */
  init(): S;
  /**
   * Processes one input.
   *
   * @param state - The current state.
   * @param input - An event or a session change.
   * @param context - Read-only views.
   * @returns The next state and findings.
   */
  step(state: S, input: DetectorInput, context: DetectorContext): DetectorStep<S>;
  /**
   * Optional: called at the end of input (or on a time tick) to report what waits on time
   * (e.g. absence windows that have run out).
   *
   * @param state - The current state.
   * @param now - The latest event time (epoch ms).
   * @param context - Read-only views.
   * @returns The next state and findings.
   */
  flush?(state: S, now: number, context: DetectorContext): DetectorStep<S>;
}
