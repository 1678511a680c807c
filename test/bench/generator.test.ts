import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthLogGenerator } from '../../bench/generate/auth-log.js';
import {
  type AuthLogMetadata,
  metadataPath,
  writeAuthLog,
} from '../../bench/generate/write-file.js';

const LINES = 10_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Parsed {
  readonly timeUs: number;
  readonly host: string;
  readonly program: string;
  readonly pid: number | undefined;
  readonly message: string;
}

/** Reads the envelope of a generated line (ISO-8601 with microseconds, or RFC3164 in 2024 UTC). */
function parseLine(line: string): Parsed {
  let rest: string;
  let timeUs: number;
  const iso = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{6})([+-]\d\d):(\d\d) /.exec(line);
  if (iso) {
    const [, base, micro, oh, om] = iso;
    const offsetMin = Number(oh) * 60 + Math.sign(Number(oh)) * Number(om);
    timeUs = (Date.parse(`${base}Z`) - offsetMin * 60_000) * 1000 + Number(micro);
    rest = line.slice(iso[0].length);
  } else {
    const bsd = /^([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d) /.exec(line);
    if (!bsd) throw new Error(`unparseable timestamp: ${line}`);
    const [, mon, day, h, m, s] = bsd;
    timeUs =
      Date.UTC(2024, MONTHS.indexOf(mon ?? ''), Number(day), Number(h), Number(m), Number(s)) *
      1000;
    rest = line.slice(bsd[0].length);
  }
  const header = /^(\S+) ([\w-]+)(?:\[(\d+)\])?: /.exec(rest);
  if (!header) throw new Error(`unparseable header: ${line}`);
  const [, host = '', program = '', pid] = header;
  return {
    timeUs,
    host,
    program,
    pid: pid === undefined ? undefined : Number(pid),
    message: rest.slice(header[0].length),
  };
}

describe('writeAuthLog', () => {
  let dir: string;
  let text: string;
  let lines: string[];
  let meta: AuthLogMetadata;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sshtrail-bench-'));
    meta = writeAuthLog(join(dir, 'a.log'), { seed: 7, lines: LINES });
    text = readFileSync(join(dir, 'a.log'), 'utf8');
    lines = text.split('\n');
    expect(lines.pop()).toBe('');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same bytes twice for the same seed', () => {
    writeAuthLog(join(dir, 'b.log'), { seed: 7, lines: LINES });
    expect(readFileSync(join(dir, 'b.log')).equals(readFileSync(join(dir, 'a.log')))).toBe(true);
    expect(readFileSync(metadataPath(join(dir, 'b.log')), 'utf8')).toBe(
      readFileSync(metadataPath(join(dir, 'a.log')), 'utf8'),
    );
  });

  it('writes different bytes for a different seed', () => {
    writeAuthLog(join(dir, 'c.log'), { seed: 8, lines: LINES });
    expect(readFileSync(join(dir, 'c.log'), 'utf8')).not.toBe(text);
  });

  it('writes exactly the requested number of lines and bytes, as the metadata says', () => {
    expect(lines).toHaveLength(LINES);
    expect(meta.lines).toBe(LINES);
    expect(meta.bytes).toBe(Buffer.byteLength(text));
    expect(Object.values(meta.kinds).reduce((a, b) => a + b, 0)).toBe(LINES);
    expect(meta.hosts.reduce((a, h) => a + h.lines, 0)).toBe(LINES);
    const onDisk = JSON.parse(
      readFileSync(metadataPath(join(dir, 'a.log')), 'utf8'),
    ) as AuthLogMetadata;
    expect(onDisk).toEqual(meta);
  });

  it('counts successful logins as the number of Accepted lines', () => {
    const accepted = lines.filter((l) => parseLine(l).message.startsWith('Accepted ')).length;
    expect(accepted).toBeGreaterThan(0);
    expect(meta.successfulLogins).toBe(accepted);
    expect(meta.successfulLogins).toBe(
      (meta.kinds['sshd.accepted_publickey'] ?? 0) + (meta.kinds['sshd.accepted_password'] ?? 0),
    );
  });

  it('keeps every host time-ordered', () => {
    const last = new Map<string, number>();
    for (const line of lines) {
      const { host, timeUs } = parseLine(line);
      expect(timeUs).toBeGreaterThanOrEqual(last.get(host) ?? 0);
      last.set(host, timeUs);
    }
    expect(last.size).toBe(meta.hosts.length);
  });

  it('mixes ISO and RFC3164 timestamps and both sshd process models', () => {
    expect(lines.some((l) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d /.test(l))).toBe(
      true,
    );
    expect(lines.some((l) => /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d /.test(l))).toBe(true);
    const programs = new Set(lines.map((l) => parseLine(l).program));
    for (const p of ['sshd', 'sshd-session', 'systemd-logind', 'CRON', 'sudo']) {
      expect(programs).toContain(p);
    }
  });

  it('is dominated by brute-force noise', () => {
    const k = meta.kinds;
    const bruteForce =
      (k['sshd.invalid_user'] ?? 0) +
      (k['sshd.failed_password'] ?? 0) +
      (k['sshd.failed_password_invalid_user'] ?? 0) +
      (k['pam.auth_failure'] ?? 0);
    expect(bruteForce / LINES).toBeGreaterThan(0.3);
    expect(k['sshd.message_repeated'] ?? 0).toBeGreaterThan(0);
    const attackers = new Set(
      lines.flatMap(
        (l) => /^Invalid user \S+ from (\S+) port \d+$/.exec(parseLine(l).message)?.slice(1) ?? [],
      ),
    );
    expect(attackers.size).toBeGreaterThan(10);
  });

  it('allocates pids in time order: new connections and cron jobs get increasing pids per host', () => {
    const lastPid = new Map<string, number>();
    let checked = 0;
    for (const line of lines) {
      const { host, program, pid, message } = parseLine(line);
      if (pid === undefined) continue;
      const key = program === 'CRON' ? `${host} cron` : `${host} sshd`;
      const isStart =
        (program === 'CRON' && message.includes('session opened')) ||
        (program !== 'CRON' &&
          program.startsWith('sshd') &&
          message.startsWith('Connection from '));
      if (!isStart) continue;
      expect(pid).toBeGreaterThan(lastPid.get(key) ?? 0);
      lastPid.set(key, pid);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('gives the user child a pid after its monitor', () => {
    const children = lines
      .map(parseLine)
      .filter((p) => p.message.startsWith('User child is on pid '))
      .map((p) => ({
        monitor: p.pid ?? 0,
        child: Number(p.message.slice('User child is on pid '.length)),
      }));
    expect(children.length).toBeGreaterThan(0);
    for (const { monitor, child } of children) expect(child).toBeGreaterThan(monitor);
  });
});

describe('createAuthLogGenerator', () => {
  it('writes real OpenSSH message shapes for a legitimate session', () => {
    const gen = createAuthLogGenerator({ seed: 3 });
    const text = Array.from({ length: 5_000 }, () => gen.nextLine()).join('\n');
    expect(text).toMatch(
      /: Accepted publickey for \w+ from [\d.]+ port \d+ ssh2: (ED25519|RSA|ECDSA) SHA256:[A-Za-z0-9+/]{43}\n/,
    );
    expect(text).toMatch(
      /: pam_unix\(sshd:session\): session opened for user \w+(\(uid=\d+\))? by \(uid=0\)\n/,
    );
    expect(text).toMatch(/systemd-logind\[\d+\]: New session \d+ of user \w+\.\n/);
    expect(text).toMatch(
      /: message repeated [2-5] times: \[ Failed password for root from \S+ port \d+ ssh2\]\n/,
    );
  });
});
