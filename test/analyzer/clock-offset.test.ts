/**
 * The clock-offset diagnostic: a host whose RFC3164 auth.log was read in the wrong time zone
 * (here Europe/Berlin local time read as UTC) while its audit.log carries epoch times. Every
 * session then sits an hour away from its telemetry and the joins fail silently; the analyzer
 * must say so once per host, and stay quiet on the look-alikes (right zone, a pid reused an
 * hour later, a host with only one of the two logs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClockOffsetMonitor } from '../../src/analyzer/clock-offset.js';
import type { Diagnostic } from '../../src/analyzer/diagnostic.js';
import { createPipeline } from '../../src/analyzer/pipeline.js';
import type { SshtrailEvent } from '../../src/events/index.js';
import { createSessionTracker } from '../../src/model/index.js';
import { createSourceParser } from '../../src/parsers/create-source-parser.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = 'test/fixtures/clock-offset';
const SCENARIOS = 'test/fixtures/scenarios';

/** The events of the log files given (relative to the repo), each file's host its folder. */
function parse(files: readonly string[], timezone?: string): SshtrailEvent[] {
  const events: SshtrailEvent[] = [];
  for (const file of files) {
    const parser = createSourceParser({
      source: file,
      host: path.basename(path.dirname(file)),
      format: path.basename(file).startsWith('audit') ? 'auditd' : 'auto',
      year: 2026,
      ...(timezone === undefined ? {} : { timezone }),
    });
    const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
    for (const line of lines.slice(0, -1)) {
      for (const o of parser.push(line)) if (o.kind === 'event') events.push(o.event);
    }
    for (const o of parser.flush()) if (o.kind === 'event') events.push(o.event);
  }
  // In time order, as the analyzer's merge hands them on (stable: ties keep file order).
  return events.sort((a, b) => a.time - b.time);
}

/** The log files under a folder of host folders. */
function logsOf(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir))
    .filter((host) => statSync(path.join(ROOT, dir, host)).isDirectory())
    .flatMap((host) =>
      readdirSync(path.join(ROOT, dir, host))
        .filter((f) => f.endsWith('.log'))
        .map((f) => `${dir}/${host}/${f}`),
    );
}

/** The diagnostics of the detection pipeline over the events, with the session tracker. */
function diagnose(events: readonly SshtrailEvent[]): Diagnostic[] {
  const tracker = createSessionTracker();
  const out: Diagnostic[] = [];
  const pipeline = createPipeline(
    tracker,
    {},
    {
      finding: () => undefined,
      incident: () => undefined,
      link: () => undefined,
      diagnostic: (d) => out.push(d),
    },
  );
  let last = 0;
  for (const event of events) {
    pipeline.event(event, tracker.push(event));
    last = event.time;
  }
  pipeline.flush(tracker.flush(), last);
  return out;
}

const LOCALTIME = logsOf(`${FIXTURES}/localtime`);
const UTC = logsOf(`${FIXTURES}/utc`);

describe('clock_offset diagnostic', () => {
  it('reports a host whose auth.log was read as UTC but is in Berlin local time, once', () => {
    const found = diagnose(parse(LOCALTIME));
    expect(found).toHaveLength(1);
    const [d] = found;
    expect(d).toMatchObject({
      kind: 'diagnostic',
      code: 'clock_offset',
      host: 'jump01',
      offsetMinutes: 60,
      count: 2,
      evidence: {
        sshd: {
          source: `${FIXTURES}/localtime/jump01/auth.log`,
          line: 2,
          text: 'Nov 26 15:00:02 jump01 sshd[21410]: Accepted publickey for alice from 10.60.1.14 port 53122 ssh2: ED25519 SHA256:Jf3mYq0Lk8Rz2Wc5Tb7Nv1Xp4Hs6Ud9Ga0Ee3Ki5Oo7',
        },
        audit: { source: `${FIXTURES}/localtime/jump01/audit.log`, line: 1 },
      },
    });
    expect(d?.message).toMatch(/^jump01: sshd logins are 60 minutes ahead of the audit records/);
    expect(d?.message).toContain('UTC+01:00');
    expect(d?.message).toContain('check --timezone');
    // What to do with the option, not its name glossed by itself.
    expect(d?.message).toMatch(
      /: check --timezone \(not given: set it, or the analyzer's timezone option, to the host's zone; the configuration's timezone is the users' zone\)$/,
    );
    expect(d?.message).not.toContain('(the timezone option)');
    // One sentence, one line.
    expect(d?.message).not.toMatch(/\n|\.\s/);
  });

  it('is quiet when the same lines are read in their zone', () => {
    expect(diagnose(parse(LOCALTIME, 'Europe/Berlin'))).toEqual([]);
  });

  it('is quiet on the same login logged in UTC', () => {
    expect(diagnose(parse(UTC))).toEqual([]);
  });

  it('reports sshd behind the audit records when a wrong zone was given', () => {
    const found = diagnose(parse(UTC, 'Europe/Berlin'));
    expect(found.map((d) => (d.code === 'clock_offset' ? d.offsetMinutes : d.code))).toEqual([-60]);
    expect(found[0]?.message).toMatch(/60 minutes behind .* were read in the time zone given/);
    expect(found[0]?.message).toMatch(
      /: check --timezone \(or the analyzer's timezone option\) against the host's zone$/,
    );
  });

  it('is quiet when two sshd pids are reused an hour later by other logins', () => {
    // sshd[21410] and sshd[21502] each log in twice, an hour apart, every login with its own
    // audit records at the same time: the hour between one login's sshd line and the other
    // login's audit record is pid reuse, not a clock offset.
    expect(diagnose(parse(logsOf(`${FIXTURES}/pid-reuse`)))).toEqual([]);
  });

  it('is quiet on a host with only its audit.log or only its auth.log', () => {
    const audit = LOCALTIME.filter((f) => f.endsWith('audit.log'));
    const auth = LOCALTIME.filter((f) => f.endsWith('auth.log'));
    expect(audit).toHaveLength(1);
    expect(auth).toHaveLength(2);
    expect(diagnose(parse(audit))).toEqual([]);
    expect(diagnose(parse(auth))).toEqual([]);
  });

  it('is quiet over every scenario of the repository (logs in their zone)', () => {
    for (const scenario of readdirSync(path.join(ROOT, SCENARIOS))) {
      expect([scenario, diagnose(parse(logsOf(`${SCENARIOS}/${scenario}`)))]).toEqual([
        scenario,
        [],
      ]);
    }
  });

  it('decides the same whichever source comes first among simultaneous events', () => {
    const forward = diagnose(parse(LOCALTIME));
    const backward = diagnose(parse([...LOCALTIME].reverse()));
    expect(backward).toEqual(forward);
  });

  it('holds a bounded number of logins, dropping the oldest by count and by age', () => {
    const monitor = createClockOffsetMonitor({ maxLogins: 4 });
    const events = parse(logsOf(`${FIXTURES}/pid-reuse`));
    let most = 0;
    for (const event of events) {
      monitor.observe(event);
      most = Math.max(most, monitor.size().logins);
    }
    expect(most).toBeLessThanOrEqual(4);
    expect(monitor.size().evicted).toBeGreaterThan(0);
    // Past the widest zone offset (14 h) nothing is held any more.
    const last = events.at(-1);
    if (last === undefined) throw new Error('no events');
    monitor.observe({ ...last, time: last.time + 15 * 3_600_000 });
    expect(monitor.size()).toMatchObject({ logins: 0, candidates: 0 });
  });
});
