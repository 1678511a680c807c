/**
 * Regression test for the memory of the detection pipeline: over a brute-force-heavy auth.log
 * stream, the state every part holds (session tracker, process-tree join, socket registry, hop
 * graph, Zeek join, triage, each detector) must follow the live state and its windows, not the
 * length of the input. The stream is read once; sizes are taken after N lines (about two days
 * of log time) and again after 4N lines (about eight days): nothing may grow with N.
 */
import { describe, expect, it } from 'vitest';
import { createPipeline, type PipelineSizes } from '../../src/analyzer/pipeline.js';
import { createSessionTracker } from '../../src/model/index.js';
import { createSourceParser } from '../../src/parsers/create-source-parser.js';

const N = 6_000;
const START = Date.UTC(2024, 2, 1);
const STEP_MS = 30_000;
const HOSTS = ['web1', 'web2', 'bastion'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FP = 'SHA256:Vq2Xo7tOe1t8pQ4b1b7kq0Q2c9kP8m3yQm5sJmGm0xA';

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/**
 * An endless auth.log of three hosts, one line every 30 s: mostly pre-auth brute force from
 * ever new addresses (every connection a new pid and port), in daily campaigns some of it
 * ending in an accepted root password; and a legitimate session with a sudo every few minutes.
 */
function* authLog(): Generator<string> {
  let time = START;
  let pid = 20_000;
  let attacker = 0;
  for (let unit = 0; ; unit++) {
    const host = HOSTS[unit % HOSTS.length] as string;
    const lines: string[] = [];
    if (unit % 6 === 5) {
      const port = 50_000 + (unit % 10_000);
      pid += 3;
      lines.push(
        `sshd[${pid}]: Accepted publickey for alice from 198.51.100.23 port ${port} ssh2: ED25519 ${FP}`,
        `sshd[${pid}]: pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)`,
        `sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx`,
        `sshd[${pid}]: pam_unix(sshd:session): session closed for user alice`,
        `sshd[${pid}]: Disconnected from user alice 198.51.100.23 port ${port}`,
      );
    } else {
      attacker++;
      const ip = `203.0.${(attacker >> 8) & 255}.${attacker & 255}`;
      for (let attempt = 0; attempt < 2; attempt++) {
        pid += 1;
        const port = 30_000 + ((attacker * 7 + attempt) % 30_000);
        lines.push(
          `sshd[${pid}]: Invalid user oracle from ${ip} port ${port}`,
          `sshd[${pid}]: Failed password for invalid user oracle from ${ip} port ${port} ssh2`,
          `sshd[${pid}]: Connection closed by invalid user oracle ${ip} port ${port} [preauth]`,
        );
      }
      // Root falls every hour or so during a campaign of about 8 h, then a day of quiet.
      if (attacker % 25 === 0 && unit % 600 < 150) {
        pid += 1;
        const port = 40_000 + (attacker % 20_000);
        lines.push(
          `sshd[${pid}]: Failed password for root from ${ip} port ${port} ssh2`,
          `sshd[${pid}]: Failed password for root from ${ip} port ${port} ssh2`,
          `sshd[${pid}]: Failed password for root from ${ip} port ${port} ssh2`,
          `sshd[${pid}]: Accepted password for root from ${ip} port ${port} ssh2`,
          `sshd[${pid}]: pam_unix(sshd:session): session opened for user root(uid=0) by (uid=0)`,
          `sshd[${pid}]: pam_unix(sshd:session): session closed for user root`,
          `sshd[${pid}]: Disconnected from user root ${ip} port ${port}`,
        );
      }
    }
    for (const message of lines) {
      time += STEP_MS;
      yield `${stamp(time)} ${host} ${message}`;
    }
  }
}

interface Measured {
  readonly pipeline: PipelineSizes;
  readonly tracker: ReturnType<ReturnType<typeof createSessionTracker>['size']>;
  readonly findings: number;
  readonly cases: number;
}

function run(checkpoints: readonly number[]): Measured[] {
  const parser = createSourceParser({ source: 'auth.log', year: 2024, timezone: 'UTC' });
  const tracker = createSessionTracker();
  let findings = 0;
  let cases = 0;
  const pipeline = createPipeline(
    tracker,
    {},
    {
      finding: () => {
        findings++;
      },
      incident: () => {
        cases++;
      },
      link: () => undefined,
    },
  );
  const out: Measured[] = [];
  let lines = 0;
  for (const line of authLog()) {
    for (const outcome of parser.push(line)) {
      if (outcome.kind !== 'event') continue;
      pipeline.event(outcome.event, tracker.push(outcome.event));
    }
    lines++;
    if (lines === checkpoints[out.length]) {
      out.push({ pipeline: pipeline.sizes(), tracker: tracker.size(), findings, cases });
      if (out.length === checkpoints.length) break;
    }
  }
  return out;
}

// Monotone counters of what was dropped: they grow with the input by design.
const COUNTERS = new Set([
  'evicted',
  'sessionsEvicted',
  'auditSessionsEvicted',
  'droppedFindings',
  'forced',
]);

/** Every state size as a flat `path -> number` map (counters excluded). */
function flatten(value: unknown, prefix = ''): Map<string, number> {
  const out = new Map<string, number>();
  if (typeof value === 'number') {
    out.set(prefix, value);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (COUNTERS.has(k)) continue;
      for (const [p, n] of flatten(v, prefix === '' ? k : `${prefix}.${k}`)) out.set(p, n);
    }
  }
  return out;
}

describe('detection pipeline state over a brute-force-heavy stream', () => {
  const [small, large] = run([N, 4 * N]);

  it('sees the attack: findings and cases come out, cases as the stream advances', () => {
    expect(small?.findings).toBeGreaterThan(10);
    expect(large?.findings).toBeGreaterThan(3 * (small?.findings ?? 0));
    // Cases settle during the stream (before any flush), so triage does not keep them all.
    expect(large?.cases).toBeGreaterThan(small?.cases ?? 0);
  });

  it('holds no more state after 4N lines than after N (beyond small fluctuations)', () => {
    const before = flatten({ pipeline: small?.pipeline, tracker: small?.tracker });
    const after = flatten({ pipeline: large?.pipeline, tracker: large?.tracker });
    expect(after.size).toBe(before.size);
    expect(after.size).toBeGreaterThan(20);
    const grown: string[] = [];
    for (const [path, n] of after) {
      const base = before.get(path) ?? 0;
      // Detector states are JSON lengths (bytes); the other sizes are entry counts.
      const slack = path.startsWith('pipeline.detectors.') ? 4_096 : 64;
      if (n > base * 1.5 + slack) grown.push(`${path}: ${base} -> ${n}`);
    }
    expect(grown).toEqual([]);
  });

  it('forgets brute-force sources, lateral-chain nodes and closed sessions by time', () => {
    const detectors = large?.pipeline.detectors ?? {};
    // 4N lines hold thousands of attacker addresses and hundreds of sessions; the windows
    // keep only the last minutes or hours of them.
    expect(detectors['ssh.brute_force_success']).toBeLessThan(20_000);
    expect(detectors['ssh.privilege_escalation']).toBeLessThan(8_000);
    expect(detectors['ssh.lateral_movement_chain']).toBeLessThan(60_000);
    expect(large?.pipeline.sockets.sessions).toBeLessThan(40);
    expect(large?.pipeline.triage.sessions).toBeLessThan(100);
  });
});
