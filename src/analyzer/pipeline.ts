import type { Baseline } from '../baseline/baseline.js';
import { emptyConfig, type SshtrailConfig } from '../config/config.js';
import { defaultDetectors } from '../detectors/catalog.js';
import type { Detector, DetectorContext, DetectorInput } from '../detectors/detector.js';
import { createDetectorContext } from '../detectors/detector-context.js';
import {
  createDetectorSet,
  type DetectorSet,
  type DetectorSetSnapshot,
} from '../detectors/detector-set.js';
import {
  createLogGapBuffer,
  hopGraphView,
  logGapView,
  processTreeView,
  socketRegistryView,
} from '../detectors/hijack/index.js';
import type { SshtrailEvent } from '../events/index.js';
import type { Case } from '../findings/case.js';
import type { Finding } from '../findings/finding.js';
import type { Intel } from '../intel/create-intel.js';
import { createLogGapMonitor } from '../model/gaps/index.js';
import { createHopGraph, type HopGraph } from '../model/hops/index.js';
import type { SessionChange, SessionViews, SshSession } from '../model/index.js';
import { createSessionJoiner, type JoinChange, type SessionJoiner } from '../model/join/index.js';
import {
  createSessionJoin,
  restoreSessionJoin,
  type SessionJoin,
  type SessionJoinSnapshot,
} from '../model/processes/index.js';
import {
  createSocketRegistry,
  restoreSocketRegistry,
  type SocketRegistry,
  type SocketRegistrySnapshot,
} from '../model/sockets/index.js';
import { createTriage, type Triage, type TriageSnapshot } from '../triage/index.js';
import type { TriageOptions } from '../triage/triage-options.js';
import { createClockOffsetMonitor } from './clock-offset.js';
import type { Diagnostic } from './diagnostic.js';
import { createLearnedIdentity } from './learned-identity.js';

/**
 * What the analyzer detects with: the configuration, a baseline, threat intel, the detectors
 * (default: the whole catalog as configured) and triage options.
 */
export interface DetectionOptions {
  /** Hosts, users, networks, windows, intel lists and detector settings (default: empty). */
  readonly config?: SshtrailConfig;
  /** A learned or configured baseline. */
  readonly baseline?: Baseline;
  /** Threat-intel lists. */
  readonly intel?: Intel;
  /** The detectors to run (default: `defaultDetectors(config)`, the whole catalog). */
  readonly detectors?: readonly Detector[];
  /** Case grouping, escalation policy and the data sources available. */
  readonly triage?: TriageOptions;
}

/**
 * The detection side of an {@link AnalyzerSnapshot}: the telemetry join with its process trees,
 * the socket registry, every detector's state and triage's open cases. The hop graph, the Zeek
 * join and the log-gap monitor restart empty after a restore.
 */
export interface PipelineSnapshot {
  /** Process trees and the join of host telemetry to sessions. */
  readonly join: SessionJoinSnapshot;
  /** Agent and ControlMaster socket owners. */
  readonly sockets: SocketRegistrySnapshot;
  /** Each detector's state. */
  readonly detectors: DetectorSetSnapshot;
  /** Open cases and their context (absent in snapshots of earlier versions: triage restarts). */
  readonly triage?: TriageSnapshot;
  /** Stream time (epoch ms) of triage's next settlement; `null` before the first event. */
  readonly settleAt?: number | null;
}

const NO_INPUTS: readonly DetectorInput[] = [];
const DEFAULT_CASE_WINDOW_MS = 4 * 3_600_000;
const DEFAULT_IDLE_MS = 7 * 24 * 3_600_000;

/** @internal Where the pipeline reports. */
export interface PipelineSink {
  finding(finding: Finding): void;
  incident(incident: Case): void;
  link(change: JoinChange): void;
  /** A note about the input (`clock_offset`); without it the check is not run at all. */
  diagnostic?(diagnostic: Diagnostic): void;
}

/** @internal */
export interface Pipeline {
  /** One event in time order, with the session changes the tracker made of it. */
  event(event: SshtrailEvent, changes: readonly SessionChange[]): void;
  /** End of input: the tracker's final changes, then everything pending. */
  flush(changes: readonly SessionChange[], lastTime: number): void;
  snapshot(): PipelineSnapshot;
  /** How much state each part holds now (entries, not bytes): for bounds checks. */
  sizes(): PipelineSizes;
}

/** @internal The state each part of the pipeline holds, in entries. */
export interface PipelineSizes {
  readonly join: ReturnType<SessionJoin['size']>;
  readonly sockets: ReturnType<SocketRegistry['size']>;
  readonly hops: ReturnType<HopGraph['size']>;
  readonly network: ReturnType<SessionJoiner['size']>;
  readonly triage: ReturnType<Triage['size']>;
  /** Each detector's state, as the length of its JSON, by detector id. */
  readonly detectors: Readonly<Record<string, number>>;
}

/**
 * @internal
 * Wires the host model (process trees, session join, socket registry), the network model
 * (host identity, Zeek join, hop graph, log gaps), the detectors and triage, in the order
 * each part needs: session changes reach the joins before the event that caused them is
 * joined, and detectors see an event before the session changes it made.
 */
export function createPipeline(
  sessions: SessionViews,
  options: DetectionOptions,
  sink: PipelineSink,
  saved?: PipelineSnapshot,
  idleMs = DEFAULT_IDLE_MS,
): Pipeline {
  const config = options.config ?? emptyConfig();
  const detectors = options.detectors ?? defaultDetectors(config);
  const join = saved ? restoreSessionJoin(saved.join) : createSessionJoin();
  const sockets = saved
    ? restoreSocketRegistry(saved.sockets, { join })
    : createSocketRegistry({ join });
  const identity = createLearnedIdentity(config);
  const hops = createHopGraph({ identity });
  const network = createSessionJoiner({ identity });
  const gaps = createLogGapMonitor({ identity });
  const gapLog = createLogGapBuffer();
  const triage = createTriage(options.triage, saved?.triage);
  // Sessions and telemetry of a host whose syslog was read in the wrong zone never join: say so.
  const clock = sink.diagnostic === undefined ? undefined : createClockOffsetMonitor();
  // Cases and sessions that can no longer change are let go every eighth of the case window
  // of stream time, so triage holds the recent past, not the whole input.
  const settleEvery = (options.triage?.windowMs ?? DEFAULT_CASE_WINDOW_MS) / 8;
  let nextSettle = saved?.settleAt ?? Number.NEGATIVE_INFINITY;
  const set: DetectorSet = createDetectorSet(detectors, saved ? { snapshot: saved.detectors } : {});
  const context: DetectorContext = createDetectorContext({
    sessions,
    config,
    baselines: options.baseline,
    intel: options.intel,
    processes: processTreeView(join),
    sockets: socketRegistryView(sockets),
    hops: hopGraphView(hops),
    gaps: logGapView(gapLog),
  });

  const report = (findings: readonly Finding[]): void => {
    for (const finding of findings) {
      sink.finding(finding);
      for (const incident of triage.addFinding(finding)) sink.incident(incident);
    }
  };
  const detect = (input: DetectorInput): void => {
    const findings = set.push(input, context);
    if (findings.length > 0) report(findings);
  };
  const joined = (list: readonly JoinChange[]): void => {
    for (const change of list) {
      sink.link(change);
      gapLog.add(gaps.join(change));
    }
  };
  const sessionChanged = (session: SshSession, opened: boolean): void => {
    identity.learn(session);
    join.addSession(session);
    sockets.addSession(session);
    triage.addSession(session);
    gaps.session(session);
    hops.addSession(session);
    joined(network.addSession(session));
    if (opened) {
      const upstream = hops.chainOf(session.id)?.hops.find((h) => h.childId === session.id);
      if (upstream !== undefined) triage.addHop({ from: upstream.parentId, to: session.id });
    }
  };
  const applyChanges = (changes: readonly SessionChange[]): DetectorInput[] => {
    const inputs: DetectorInput[] = [];
    for (const change of changes) {
      if (change.kind === 'diagnostic') continue;
      sessionChanged(change.session, change.kind === 'open');
      const kind = change.kind === 'evict' ? 'close' : change.kind;
      inputs.push({ kind: 'session', change: kind, session: change.session });
    }
    return inputs;
  };

  return {
    event(event, changes) {
      const sessionInputs = changes.length === 0 ? NO_INPUTS : applyChanges(changes);
      gapLog.add(gaps.observe(event));
      if (clock !== undefined) for (const d of clock.observe(event)) sink.diagnostic?.(d);
      join.addEvent(event);
      sockets.addEvent(event);
      switch (event.kind) {
        case 'process.exec':
          hops.addProcess(event);
          break;
        case 'audit.login':
          // At LogLevel INFO sshd names no child pid: the login record ties an audit session to
          // its sshd, so a later ssh client is attributed to the session it ran in.
          hops.addLogin(event);
          break;
        case 'net.ssh':
        case 'net.flow':
          joined(network.addNetwork(event));
          break;
        default:
          break;
      }
      detect({ kind: 'event', event });
      for (const input of sessionInputs) detect(input);
      if (event.time >= nextSettle) {
        if (nextSettle !== Number.NEGATIVE_INFINITY) {
          for (const incident of triage.settle(event.time, idleMs)) sink.incident(incident);
        }
        nextSettle = event.time + settleEvery;
      }
    },
    flush(changes, lastTime) {
      for (const input of applyChanges(changes)) detect(input);
      if (clock !== undefined) for (const d of clock.flush()) sink.diagnostic?.(d);
      joined(network.flush());
      report(set.flush(lastTime, context));
      for (const incident of triage.flush()) sink.incident(incident);
    },
    snapshot: () => ({
      join: join.snapshot(),
      sockets: sockets.snapshot(),
      detectors: set.snapshot(),
      triage: triage.snapshot(),
      settleAt: Number.isFinite(nextSettle) ? nextSettle : null,
    }),
    sizes: () => {
      const states = set.snapshot().states;
      const detectorSizes: Record<string, number> = {};
      for (const [id, state] of Object.entries(states)) {
        detectorSizes[id] = JSON.stringify(state ?? null).length;
      }
      return {
        join: join.size(),
        sockets: sockets.size(),
        hops: hops.size(),
        network: network.size(),
        triage: triage.size(),
        detectors: detectorSizes,
      };
    },
  };
}
