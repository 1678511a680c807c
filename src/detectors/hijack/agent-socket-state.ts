import type { Provenance } from '../../events/provenance.js';
import type { FindingActor } from '../../findings/finding.js';
import type { SshSession } from '../../model/session.js';
import type { Lru } from '../lru.js';
import type { HostFacts } from './host-facts.js';

// The plain-JSON state of agentSocketHijack: what it follows between events and keeps in
// snapshots.

/**
 * One ssh client process of a {@link HijackActor} (plain JSON state of {@link agentSocketHijack}):
 * an onward login is pinned on the client that went there, not on the actor's first use.
 */
export interface OnwardClient {
  /** Its pid, when known. */
  pid: number | undefined;
  /** When it started (its exec, else its first line seen). */
  time: number;
  /** Its exec and TCP connect lines. */
  lines: Provenance[];
  /** Addresses it connected to on port 22. */
  addresses: string[];
  /** Its own uses of the socket (connect lines). */
  uses: Provenance[];
  /** When it first used the socket, once seen. */
  useTime: number | undefined;
  /** Its executable, when known (absent in states saved before). */
  exe?: string | undefined;
  /** Who it ran as, from its own records (absent in states saved before). */
  who?: FindingActor | undefined;
}

/**
 * A TCP connect to port 22 seen before any use of an agent socket by its process (plain JSON
 * state of {@link agentSocketHijack}): an ssh client connects to the server before it asks the
 * agent to sign, so when its first use of another user's socket starts a hijack, the hijack
 * adopts the connect and its target.
 */
export interface PriorConnect {
  /** Host of the connecting process. */
  host: string | undefined;
  /** The connecting process. */
  pid: number | undefined;
  /** When it connected. */
  time: number;
  /** The address it connected to. */
  address: string | undefined;
  /** Its connect lines. */
  lines: Provenance[];
}

/** How an actor first used the socket (worded in the critical finding). */
export type FirstUse = 'connect' | 'argument' | 'environment';

/**
 * An onward login already matched to an actor, held until the client's own use of the socket
 * is seen (syslog stamps the login to the second, so that use may come later in the stream).
 */
export interface PendingOnward {
  /** The actor's key in {@link AgentSocketHijackState.actors}. */
  actorKey: string;
  /** The client process it waits for. */
  clientPid: number | undefined;
  /** The onward session. */
  session: SshSession;
  /** Stream time after which it is reported without that use. */
  due: number;
}

/** One actor that used another user's agent (plain JSON state of {@link agentSocketHijack}). */
export interface HijackActor {
  host: string | undefined;
  time: number;
  pid: number | undefined;
  ses: number | undefined;
  path: string;
  ownerUser: string | undefined;
  ownerUid: number | undefined;
  ownerSessionId: string | undefined;
  ownerKey: string | undefined;
  actorSessionId: string | undefined;
  actor: string;
  evidence: Provenance[];
  onward: Provenance[];
  onwardAddresses: string[];
  onwardTime: number | undefined;
  /** Its ssh client processes (absent in states saved before). */
  clients?: OnwardClient[];
  /** Who acted, as findings name it (absent in states saved before). */
  who?: FindingActor;
  /** How it first used the socket (absent in states saved before). */
  firstUse?: FirstUse;
  escalated: boolean;
}

/** State of {@link agentSocketHijack}. */
export interface AgentSocketHijackState {
  /** What the detector learned from the stream (processes, accounts, addresses). */
  readonly facts: HostFacts;
  /** Actors that used another user's agent, by host, audit session (or pid) and socket. */
  readonly actors: Lru<HijackActor>;
  /** Recent `/proc/PID/environ` reads of other users' processes, by host and actor. */
  readonly recon: Lru<Provenance[]>;
  /** Hosts with process-execution telemetry. */
  readonly execHosts: Lru<true>;
  /** Hosts whose TCP connects are audited. */
  readonly inetHosts: Lru<true>;
  /** Recently opened sessions (downstream candidates that may be logged before the hijack). */
  readonly recent: SshSession[];
  /** Onward logins waiting for their client's own socket use (absent in states saved before). */
  pending?: PendingOnward[];
  /** Recent TCP connects to port 22, oldest first (absent in states saved before). */
  connects?: PriorConnect[];
}
