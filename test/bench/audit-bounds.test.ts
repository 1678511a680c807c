import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAuditLog } from '../../bench/generate/write-audit-file.js';
import { auditPass } from '../../bench/measure/audit.js';
import { boundAuditEvent } from '../../bench/measure/bounds/audit-event.js';
import { createAuditGroups } from '../../bench/measure/bounds/audit-groups.js';
import { newAuditHeader, readAuditHeader } from '../../bench/measure/bounds/audit-header.js';
import { readAuditGroups } from '../../bench/measure/bounds/audit-records.js';
import { auditBound } from '../../bench/measure/bounds.js';
import { readLineBatches } from '../../src/node/read-lines.js';
import { readTextChunks } from '../../src/node/read-text-chunks.js';
import { createAuditAssembler } from '../../src/parsers/auditd/index.js';
import { assembledEvents } from './assembled-events.js';

// The audit bound is only worth quoting if it does the assembler's per-line work on the same
// lines and gets the same events out of them: same lines, same grouping, same ids.

const LINES = 20_000;
let dir: string;
let path: string;
let interleaved: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sshtrail-audit-bounds-'));
  path = join(dir, 'audit.log');
  interleaved = writeAuditLog(path, { seed: 7, lines: LINES }).interleaved;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Bound = ReturnType<typeof boundAuditEvent>;

async function boundEvents(file: string): Promise<{ lines: number; events: Bound[] }> {
  const events: Bound[] = [];
  const lines = await readAuditGroups(readTextChunks, file, (g) => {
    events.push(boundAuditEvent(g, 'bastion-01'));
  });
  return { lines, events };
}

// The assembler reports the unset id as undefined; the bound keeps the digits.
const id = (n: number | undefined): number | undefined => (n === 4294967295 ? undefined : n);

describe('audit bound', () => {
  it('reads the lines the audit pass reads, and groups them into as many events', async () => {
    const pass = await auditPass(createAuditAssembler, readLineBatches, path, readTextChunks);
    const records = await auditBound(readTextChunks, path, 'records');
    const events = await auditBound(readTextChunks, path, 'events');
    const results = pass.detail?.results as Record<string, number>;
    expect(interleaved).toBeGreaterThan(0); // so the grouping is tested on interleaved events
    expect(records.lines).toBe(LINES);
    expect(events.lines).toBe(pass.lines);
    expect(records.detail?.events).toBe(results.event);
    expect(events.detail?.events).toBe(results.event);
    expect(Object.keys(results)).toEqual(['event']);
  });

  it('builds each event with the assembler’s time, pid, uid, ses, exe and evidence', async () => {
    const bound = await boundEvents(path);
    const bySerial = new Map((await assembledEvents(path)).map((e) => [e.serial, e]));
    expect(bound.events).toHaveLength(bySerial.size);
    let syscalls = 0;
    for (const b of bound.events) {
      const e = bySerial.get(b.serial);
      expect(e, `serial ${b.serial}`).toBeDefined();
      if (e === undefined) continue;
      expect([b.time, b.host, b.pid, id(b.uid), id(b.ses)]).toEqual([
        e.time,
        e.host,
        e.pid,
        e.uid,
        e.ses,
      ]);
      expect(b.evidence).toEqual(e.evidence);
      expect(b.kind).toBe(e.kind);
      if (b.kind === 'audit.login' || e.kind === 'audit.login' || e.kind === 'audit.anomaly') {
        continue;
      }
      syscalls++;
      expect([b.exe, b.comm, b.key, id(b.auid), b.ppid, b.success]).toEqual([
        e.exe,
        e.comm,
        e.key,
        e.auid,
        e.ppid,
        e.success,
      ]);
    }
    expect(syscalls).toBeGreaterThan(bound.events.length / 2);
  });

  it('counts CRLF, empty and unterminated lines as the audit pass does', async () => {
    const odd = join(dir, 'odd.log');
    writeAuditLog(odd, { seed: 3, lines: 2_000 });
    appendFileSync(odd, 'type=EOE msg=audit(1.000:9):\r\n\n# é\r\ntype=USER_LOGIN msg=audit(');
    const pass = await auditPass(createAuditAssembler, readLineBatches, odd, readTextChunks);
    const bound = await auditBound(readTextChunks, odd, 'events');
    expect(bound.lines).toBe(pass.lines);
    expect(bound.lines).toBe(2_004);
  });
});

describe('createAuditGroups', () => {
  const prov = (line: number) => ({ source: 'a', line, text: '' });

  it('keeps two interleaved events apart, closes at EOE, and a third id closes the older', () => {
    const closed: string[] = [];
    const groups = createAuditGroups((g) => closed.push(`${g.key}:${g.evidence.length}`));
    const records: [string, string][] = [
      ['SYSCALL', 'a'],
      ['SYSCALL', 'b'],
      ['PATH', 'a'],
      ['PATH', 'b'],
      ['EOE', 'a'],
      ['EOE', 'b'],
      ['USER_LOGIN', 'c'],
      ['USER_END', 'd'],
      ['SYSCALL', 'e'],
      ['CWD', 'e'],
    ];
    records.forEach(([type, key], i) => {
      groups.add(type, key, 0, prov(i + 1));
    });
    expect(closed).toEqual(['a:3', 'b:3', 'c:1']);
    groups.flush();
    expect(closed).toEqual(['a:3', 'b:3', 'c:1', 'd:1', 'e:2']);
  });
});

describe('readAuditHeader and boundAuditEvent', () => {
  it('read a header, and never throw on a short or shapeless line', () => {
    const h = newAuditHeader();
    readAuditHeader('type=EOE msg=audit(1709251200.011:7): ', h);
    expect(h).toEqual({ type: 'EOE', key: '1709251200.011:7', body: 38 });
    for (const text of [
      '',
      'x',
      'type=',
      'type=SYSCALL msg=audit(',
      'type=SYSCALL msg=audit(1.0:2): pid=',
    ]) {
      readAuditHeader(text, h);
      const evidence = [{ source: 'a', line: 1, text }];
      for (const syscall of [undefined, text]) {
        const g = { key: h.key, firstType: h.type, evidence, syscall, syscallBody: h.body };
        expect(() => boundAuditEvent(g, 'h')).not.toThrow();
      }
    }
  });
});
