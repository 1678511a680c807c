import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyConfig, parseConfig, type SshtrailConfig } from '../../../src/config/index.js';
import {
  createLogGapBuffer,
  hopGraphView,
  logGapView,
  processTreeView,
  socketRegistryView,
} from '../../../src/detectors/hijack/index.js';
import {
  createDetectorContext,
  createDetectorSet,
  type Detector,
  type DetectorInput,
} from '../../../src/detectors/index.js';
import type { SshtrailEvent } from '../../../src/events/index.js';
import type { Finding } from '../../../src/findings/finding.js';
import { createLogGapMonitor } from '../../../src/model/gaps/index.js';
import { createHopGraph } from '../../../src/model/hops/index.js';
import { createSessionTracker, type SshSession } from '../../../src/model/index.js';
import { createHostIdentity } from '../../../src/model/join/index.js';
import { createSessionJoin } from '../../../src/model/processes/index.js';
import { createSocketRegistry } from '../../../src/model/sockets/index.js';
import { createSourceParser } from '../../../src/parsers/create-source-parser.js';

/** One log file of a scenario: its path, the format to read it with and the host it belongs to. */
export interface ScenarioFile {
  readonly path: string;
  readonly format: 'auto' | 'auditd' | 'osquery' | 'zeek';
  readonly host: string | undefined;
}

/** What the pipeline made of a scenario. */
export interface PipelineResult {
  readonly findings: readonly Finding[];
  readonly sessions: readonly SshSession[];
  readonly events: readonly SshtrailEvent[];
}

/**
 * The files of a scenario folder: `<host>/auth.log` (auto), `<host>/audit.log` or `audit.log`
 * (auditd; node= prefixes name the host).
 */
export function scenarioFiles(dir: string): ScenarioFile[] {
  const out: ScenarioFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      for (const f of readdirSync(full).sort()) {
        if (f.startsWith('osquery') && f.endsWith('.log'))
          out.push({ path: join(full, f), format: 'osquery', host: entry.name });
        else if (f.endsWith('.log'))
          out.push({
            path: join(full, f),
            format: f.startsWith('audit') ? 'auditd' : 'auto',
            host: entry.name,
          });
      }
    } else if (entry.name.endsWith('.log')) {
      out.push({
        path: full,
        format: entry.name.startsWith('audit') ? 'auditd' : 'auto',
        host: undefined,
      });
    }
  }
  return out;
}

function linesOf(path: string): string[] {
  const all = readFileSync(path, 'utf8').split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

/** Parses the files (stable merge by time). */
export function parseFiles(files: readonly ScenarioFile[], year: number): SshtrailEvent[] {
  const events: SshtrailEvent[] = [];
  for (const f of files) {
    const parser = createSourceParser({
      source: f.path,
      format: f.format,
      year,
      timezone: 'UTC',
      ...(f.host === undefined ? {} : { host: f.host }),
    });
    for (const line of linesOf(f.path)) {
      for (const o of parser.push(line)) if (o.kind === 'event') events.push(o.event);
    }
    for (const o of parser.flush()) if (o.kind === 'event') events.push(o.event);
  }
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.time - b.e.time || a.i - b.i)
    .map((x) => x.e);
}

/**
 * Runs events through the model (session tracker, session join with its process tree, socket
 * registry, hop graph, log-gap monitor) and a detector set, as the analyzer wires them.
 */
export function runPipeline(
  events: readonly SshtrailEvent[],
  detectors: readonly Detector[],
  config: SshtrailConfig = emptyConfig(),
): PipelineResult {
  const tracker = createSessionTracker();
  const join = createSessionJoin();
  const sockets = createSocketRegistry({ join });
  const identity = createHostIdentity({
    hosts: config.hosts.map((h) => ({
      name: h.name,
      aliases: h.aliases,
      addresses: h.ips,
      networks: h.cidrs,
    })),
  });
  const hops = createHopGraph({ identity });
  const gaps = createLogGapMonitor({ identity });
  const gapLog = createLogGapBuffer();
  const set = createDetectorSet(detectors);
  const context = createDetectorContext({
    sessions: tracker,
    config,
    processes: processTreeView(join),
    sockets: socketRegistryView(sockets),
    hops: hopGraphView(hops),
    gaps: logGapView(gapLog),
  });
  const findings: Finding[] = [];
  const sessions = new Map<string, SshSession>();
  const feed = (input: DetectorInput): void => {
    findings.push(...set.push(input, context));
  };
  const changes = (list: ReturnType<typeof tracker.push>): void => {
    for (const c of list) {
      if (c.kind === 'diagnostic') continue;
      sessions.set(c.session.id, c.session);
      join.addSession(c.session);
      sockets.addSession(c.session);
      hops.addSession(c.session);
      gaps.session(c.session);
      feed({ kind: 'session', change: c.kind === 'evict' ? 'close' : c.kind, session: c.session });
    }
  };
  let last = 0;
  for (const event of events) {
    last = event.time;
    gapLog.add(
      gaps.observe({
        host: event.host,
        time: event.time,
        program: event.program,
        source: event.source,
      }),
    );
    if (event.kind === 'process.exec') hops.addProcess(event);
    join.addEvent(event);
    sockets.addEvent(event);
    changes(tracker.push(event));
    feed({ kind: 'event', event });
  }
  changes(tracker.flush());
  findings.push(...set.flush(last, context));
  return { findings, sessions: [...sessions.values()], events };
}

/** The scenario's `sshtrail.config.json` (hosts and their addresses), else the empty configuration. */
export function scenarioConfig(dir: string): SshtrailConfig {
  const file = join(dir, 'sshtrail.config.json');
  if (!existsSync(file)) return emptyConfig();
  const result = parseConfig(JSON.parse(readFileSync(file, 'utf8')));
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.config;
}

/** Parses a scenario folder (with its configuration) and runs it. */
export function runScenario(
  dir: string,
  detectors: readonly Detector[],
  options: { readonly year?: number; readonly config?: SshtrailConfig } = {},
): PipelineResult {
  return runPipeline(
    parseFiles(scenarioFiles(dir), options.year ?? 2026),
    detectors,
    options.config ?? scenarioConfig(dir),
  );
}

/** Whether a folder exists. */
export function present(dir: string): boolean {
  return existsSync(dir);
}
