import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyLines } from '../../../src/detectors/hijack/audit-lines.js';
import type { SshtrailEvent } from '../../../src/events/index.js';
import type { Provenance } from '../../../src/events/provenance.js';
import { oracleKeyLines } from './audit-lines-oracle.js';

// keyLines picks an audit event's key lines with one search per line; it must pick exactly the
// lines the old one (a copy and a search per type) picked, on real and on hostile lines.

const CORPORA = join(import.meta.dirname, '../../../../shared/corpora/auditd');

function auditLines(): string[] {
  const lines: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (statSync(path).size < 2_000_000) {
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          if (line.includes('type=')) lines.push(line);
        }
      }
    }
  };
  try {
    walk(CORPORA);
  } catch {
    // Without the shared corpora the generated lines below still run.
  }
  return lines;
}

const SAMPLES = [
  'type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=42 success=yes exit=0 pid=5 comm="ssh" key="x"',
  'type=EXECVE msg=audit(1.000:1): argc=2 a0="ssh" a1="db01"',
  'type=PATH msg=audit(1.000:1): item=0 name="/tmp/ssh-X/agent.1" inode=5 nametype=NORMAL',
  'type=PATH msg=audit(1.000:1): item=1 name="/tmp" inode=5 nametype=PARENT',
  'type=PATH msg=audit(1.000:1): item=0 name="/tmp" inode=5 nametype=PARENT',
  'node=h1 type=SOCKADDR msg=audit(1.000:1): saddr=01002F746D70',
  'type=CWD msg=audit(1.000:1): cwd="/root"',
  'type=EOE msg=audit(1.000:1):',
  'type=OBJ_PID msg=audit(1.000:1): opid=7 ouid=0',
  'type=PROCTITLE msg=audit(1.000:1): proctitle=737368',
  'Mar  1 10:00:00 h sshd[1]: Accepted publickey for a from 10.0.0.1 port 22 ssh2',
];

const INSERTS = [
  ' type=SYSCALL ',
  'type=SYSCALL ',
  ' type=PATH ',
  ' type=',
  'type=',
  ' item=0 ',
  'item=0 ',
  'nametype=PARENT',
  ' ',
  'node=x ',
  'SYSCALL',
  ' type=OBJ_PID',
  ' type=EXECVE ',
  ' type=SOCKADDR ',
];

const line = (base: readonly string[]): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(...base),
      fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...INSERTS)), { maxLength: 3 }),
    )
    .map(([l, edits]) => {
      let s = l;
      for (const [at, drop, ins] of edits) {
        const p = at % (s.length + 1);
        s = s.slice(0, p) + ins + s.slice(p + drop);
      }
      return s;
    });

function eventOf(texts: readonly string[]): SshtrailEvent {
  const evidence: Provenance[] = texts.map((text, i) => ({ source: 'a', line: i + 1, text }));
  return {
    kind: 'process.exec',
    source: evidence[0] ?? { source: 'a', line: 1, text: '' },
    evidence,
  } as unknown as SshtrailEvent;
}

describe('keyLines', () => {
  const corpus = auditLines();

  it('keeps exactly the lines the old keyLines kept, over every corpus line', () => {
    const all = [...SAMPLES, ...corpus];
    for (let i = 0; i < all.length; i += 7) {
      const event = eventOf(all.slice(i, i + 7));
      expect(keyLines(event)).toEqual(oracleKeyLines(event));
    }
    // Each line alone beside a line never kept, so every line's own verdict is compared.
    for (const text of all) {
      const event = eventOf([text, 'type=EOE msg=audit(1.000:1):']);
      expect(keyLines(event)).toEqual(oracleKeyLines(event));
    }
  });

  it('keeps exactly the lines the old keyLines kept, on hostile lines', () => {
    const base = [...SAMPLES, ...corpus.slice(0, 400)];
    fc.assert(
      fc.property(fc.array(line(base), { minLength: 1, maxLength: 8 }), (texts) => {
        const event = eventOf(texts);
        expect(keyLines(event)).toEqual(oracleKeyLines(event));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the SYSCALL, EXECVE, SOCKADDR and first non-parent PATH lines of an event', () => {
    const event = eventOf(SAMPLES.slice(0, 10));
    expect(keyLines(event).map((p) => p.line)).toEqual([1, 2, 3, 6, 9]);
  });
});
