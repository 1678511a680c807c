import type { Provenance } from '../events/provenance.js';

/** Finding severity, lowest to highest. */
export type Severity = 'low' | 'medium' | 'high' | 'critical';

/**
 * A log line cited as evidence. Serialized exactly as the output contract asks:
 * `{"source": "<file path as given>", "line": <1-based>, "text": "<raw line>"}`.
 */
export type Evidence = Provenance;

/**
 * A threat-intel match carried by a finding (`ssh.unusual_source` sets it when a listed
 * address was involved).
 *
 * @example
 * ```ts
 * const intel: FindingIntel = { list: 'blocklist.txt', label: 'known scanner' };
 * ```
 */
export interface FindingIntel {
  /** The list that matched (its name or file). */
  readonly list: string;
  /** The entry's label, when the list gave one. */
  readonly label: string | undefined;
}

/**
 * Who acted, when a detector knows it apart from the finding's `user` (the account whose
 * identity, socket or key was used): the process that did it, the person logged in behind it
 * (audit login uid) and their SSH session. Set by the hijack detectors.
 *
 * @example
 * ```ts
 * const actor: FindingActor = {
 *   user: 'mallory', uid: 1003, effectiveUser: 'root', effectiveUid: 0,
 *   sessionId: 'bastion/5201/1773133240000', sourceIp: '10.20.0.66', pid: 5250, exe: '/usr/bin/ssh',
 * };
 * ```
 */
export interface FindingActor {
  /** The account the actor logged in as (audit login uid), else the one it ran as. */
  readonly user?: string;
  /** That account's uid. */
  readonly uid?: number;
  /** The account the acting process ran as (`root` after sudo), when known. */
  readonly effectiveUser?: string;
  /** That account's uid. */
  readonly effectiveUid?: number;
  /** The actor's SSH session (one of the finding's `sessionIds`), when resolved. */
  readonly sessionId?: string;
  /** The address the actor's SSH session came from, when known. */
  readonly sourceIp?: string;
  /** The acting process. */
  readonly pid?: number;
  /** Its executable. */
  readonly exe?: string;
}

/**
 * A detector's finding (the `type: "finding"` record of the JSONL contract in DESIGN.md).
 * Every finding cites the log lines behind it and explains itself in one or two sentences.
 *
 * @example
 * ```ts
 * const f: Finding = {
 *   type: 'finding', id: 'f-1', detector: 'ssh.brute_force_success', title: 'Password guessed',
 *   severity: 'high', confidence: 0.8, techniques: ['T1110.001'], time: '2024-03-04T09:11:09.000Z',
 *   host: 'bastion', user: 'root', sourceIp: '203.0.113.77', sessionIds: [], evidence: [],
 *   explanation: '41 failed passwords from 203.0.113.77 were followed by a success.',
 * };
 * ```
 */
export interface Finding {
  /** Record type in the JSONL stream. */
  readonly type: 'finding';
  /** Stable id, deterministic for the same input. */
  readonly id: string;
  /** Dotted detector id, e.g. `ssh.agent_socket_hijack`. */
  readonly detector: string;
  /** Short title. */
  readonly title: string;
  /** Severity. */
  readonly severity: Severity;
  /** Confidence from 0 to 1. */
  readonly confidence: number;
  /** MITRE ATT&CK technique ids (`T1563.001`...). */
  readonly techniques: readonly string[];
  /** When it happened, ISO-8601 UTC. */
  readonly time: string;
  /** The host it happened on, when known. */
  readonly host: string | undefined;
  /** The account involved, when known. */
  readonly user: string | undefined;
  /** The source address involved, when known. */
  readonly sourceIp: string | undefined;
  /** Ids of the sessions involved. */
  readonly sessionIds: readonly string[];
  /** The log lines behind the finding. */
  readonly evidence: readonly Evidence[];
  /** One or two sentences an analyst can check against the evidence. */
  readonly explanation: string;
  /** The threat-intel match behind the finding, when a listed address was involved. */
  readonly intel?: FindingIntel;
  /**
   * Who acted, when known apart from `user` (hijack detectors: the other account behind a
   * socket or process of `user`).
   */
  readonly actor?: FindingActor;
}
