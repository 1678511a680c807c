import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { SshtrailEvent } from '../../src/events/index.js';
import type { InputFormat } from '../../src/node/input-format.js';
import { readLines } from '../../src/node/read-lines.js';
import { type ReadPlanOptions, readPlan } from '../../src/node/read-plan.js';
import { createSourceParser } from '../../src/parsers/create-source-parser.js';
import type { LineOutcome } from '../../src/parsers/outcome.js';
import type { SourceStats } from '../../src/parsers/source-stats.js';

// readPlan reads a whole audit file in chunks (SourceParser.pushChunk): these pin that it
// gives what the line path gives (readLines, one push per line), progress included.

const dir = mkdtempSync(path.join(tmpdir(), 'sshtrail-plan-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (name: string, content: string | Uint8Array): string => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};

const CAP = 400;

/** One exec event (7 records) with serial `n`. */
function event(n: number): string[] {
  const m = `msg=audit(1615114232.375:${n}):`;
  return [
    `type=SYSCALL ${m} arch=c000003e syscall=59 success=yes exit=0 a0=63b29337fd18 a1=63b293387d58 a2=63b293375640 a3=fffffffffffff000 items=2 ppid=10883 pid=${n} auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=1 comm="whoami" exe="/usr/bin/whoami" key=(null)\u001dARCH=x86_64 SYSCALL=execve AUID="user" UID="root"`,
    `type=EXECVE ${m} argc=2 a0="whoami" a1="é${n}"`,
    `type=CWD ${m} cwd="/home/user/tmp"`,
    `type=PATH ${m} item=0 name="/usr/bin/whoami" inode=261214 dev=ca:03 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0\u001dOUID="root" OGID="root"`,
    `type=PATH ${m} item=1 name="/lib64/ld-linux-x86-64.so.2" inode=262146 dev=ca:03 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0`,
    `type=PROCTITLE ${m} proctitle="whoami"`,
    `type=EOE ${m}`,
  ];
}

/** Several reads' worth of events, `\n` ends, with odd lines among them. */
function auditText(): string {
  const lines: string[] = [];
  for (let n = 1; n <= 400; n++) {
    lines.push(...event(n));
    if (n % 50 === 0) lines.push('', '# comment', 'not audit');
    if (n === 120) lines.push(`type=EOE msg=audit(1.000:1): ${'x'.repeat(CAP * 3)}`);
    // Cut at the cap with a `\r` as its last kept unit.
    if (n === 130)
      lines.push(`type=EOE msg=audit(1.000:2): ${'y'.repeat(CAP - 29)}\r${'z'.repeat(9)}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Read {
  readonly events: readonly SshtrailEvent[];
  readonly misses: readonly LineOutcome[];
  readonly stats: readonly SourceStats[];
  readonly lines: number;
  readonly units: number;
}

/** The line path: readLines' lines pushed one at a time. */
async function byLine(file: string): Promise<Read> {
  const parser = createSourceParser({ source: file, format: 'auditd', maxLineLength: CAP });
  const outcomes: LineOutcome[] = [];
  let lines = 0;
  let units = 0;
  for await (const line of readLines(file, { maxLineLength: CAP })) {
    lines++;
    units += line.length + 1;
    outcomes.push(...parser.push(line));
  }
  outcomes.push(...parser.flush());
  return {
    events: outcomes.flatMap((o) => (o.kind === 'event' ? [o.event] : [])),
    misses: outcomes.filter((o) => o.kind !== 'event'),
    stats: [parser.stats()],
    lines,
    units,
  };
}

async function byPlan(
  file: string,
  format: InputFormat | undefined,
  options: ReadPlanOptions = {},
): Promise<Read> {
  const misses: LineOutcome[] = [];
  let lines = 0;
  let units = 0;
  const reader = readPlan(
    { files: [file], format, host: undefined, reason: 'test' },
    {
      maxLineLength: CAP,
      onMiss: (m) => misses.push(m),
      onRead: (l, u) => {
        lines += l;
        units += u;
      },
      ...options,
    },
  );
  const events: SshtrailEvent[] = [];
  for await (const batch of reader.batches) events.push(...batch);
  return { events, misses, stats: reader.stats, lines, units };
}

const withoutProgress = ({ events, misses, stats }: Read) => ({ events, misses, stats });

describe('readPlan of a whole audit file (the chunk path)', () => {
  const text = auditText();

  it('gives the events, misses and stats of the line path, and its progress', async () => {
    const file = put('audit.log', text);
    const want = await byLine(file);
    expect(want.events).toHaveLength(400);
    expect(want.misses.map((m) => m.kind === 'event' || m.reason)).toContain('line_too_long');
    const got = await byPlan(file, 'auditd');
    expect(withoutProgress(got)).toEqual(withoutProgress(want));
    expect(got.lines).toBe(want.lines);
    // A line end is one unit on both paths, but the line cut with a `\r` last ends in `\r\n`
    // in its chunk (so this also shows that the chunk path was taken).
    expect(got.units).toBe(want.units + 1);
  });

  it('reports the units of an LF file exactly as the line path does', async () => {
    const plain = text.split('\n').filter((l) => l.length <= CAP);
    const file = put('plain.log', plain.join('\n'));
    const want = await byLine(file);
    const got = await byPlan(file, 'auditd');
    expect(withoutProgress(got)).toEqual(withoutProgress(want));
    expect([got.lines, got.units]).toEqual([want.lines, want.units]);
    expect(got.units).toBe(plain.join('\n').length);
  });

  it('sniffs the format from the first chunk, plain or gzip', async () => {
    const plain = put('sniffed.log', text);
    const same = async (file: string, format: InputFormat | undefined): Promise<void> => {
      const [got, want] = [await byPlan(file, format), await byLine(file)];
      expect(withoutProgress(got)).toEqual(withoutProgress(want));
      expect(got.lines).toBe(want.lines);
    };
    await same(plain, undefined);
    const gz = put('audit.log.1.gz', gzipSync(text));
    await same(gz, undefined);
    await same(gz, 'auditd');
  });

  it('reads CRLF, CRCRLF and a last line with no end as the line path does', async () => {
    const lines = text.split('\n');
    const odd = lines
      .map((l, i) => l + ['\n', '\r\n', '\r\r\n', '\r\n'][i % 4])
      .join('')
      .replace(/\r*\n$/, '\r\r');
    const file = put('crlf.log', odd);
    const want = await byLine(file);
    const got = await byPlan(file, 'auditd');
    expect(withoutProgress(got)).toEqual(withoutProgress(want));
    // Progress counts the units read: a `\r\n` end is two (one on the line path).
    expect(got.lines).toBe(want.lines);
    expect(got.units).toBeGreaterThan(want.units);
    expect(got.units).toBeLessThanOrEqual(want.units + want.lines);
    expect(withoutProgress(await byPlan(file, undefined))).toEqual(withoutProgress(want));
  });

  it('reads stdin line by line, to the same events', async () => {
    const file = put('stdin.log', text);
    const want = await byLine(file);
    const got = await byPlan('-', 'auditd', { stdin: Readable.from([Buffer.from(text)]) });
    const named = (r: Read) =>
      JSON.stringify(withoutProgress(r)).replaceAll(JSON.stringify(file).slice(1, -1), '-');
    expect(named(got)).toBe(named(want));
  });

  it('reads a sniffed whole file of another format from its chunks, as when named', async () => {
    const syslog = Array.from(
      { length: 3000 },
      (_, i) =>
        `Mar  1 12:00:${String(i % 60).padStart(2, '0')} bastion sshd[${i}]: Connection closed by 10.0.0.5 port ${1024 + i}`,
    );
    const file = put('auth.log', `${syslog.join('\r\n')}\n`);
    const options = { year: 2024 };
    const named = await byPlan(file, 'syslog', options);
    expect(named.events).toHaveLength(3000);
    expect(await byPlan(file, undefined, options)).toEqual(named);
  });
});
