import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLogMetadata } from '../../bench/generate/write-audit-file.js';
import { writeAuditLog } from '../../bench/generate/write-audit-file.js';

const LINES = 20_000;
const HEADER = /^type=([A-Z_]+) msg=audit\((\d+)\.(\d{3}):(\d+)\):/;

describe('writeAuditLog', () => {
  let dir: string;
  let lines: string[];
  let meta: AuditLogMetadata;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sshtrail-bench-audit-'));
    meta = writeAuditLog(join(dir, 'a.log'), { seed: 5, lines: LINES });
    lines = readFileSync(join(dir, 'a.log'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same bytes twice for the same seed', () => {
    writeAuditLog(join(dir, 'b.log'), { seed: 5, lines: LINES });
    expect(readFileSync(join(dir, 'b.log')).equals(readFileSync(join(dir, 'a.log')))).toBe(true);
  });

  it('writes exactly the requested records, each with an audit header, counted per type', () => {
    expect(lines).toHaveLength(LINES);
    const types = new Map<string, number>();
    for (const line of lines) {
      const m = HEADER.exec(line);
      expect(m, line).not.toBeNull();
      const type = m?.[1] ?? '';
      types.set(type, (types.get(type) ?? 0) + 1);
    }
    expect(Object.fromEntries(types)).toEqual(meta.types);
  });

  it('gives each event one time and serial, serials increasing, kernel events ending in EOE', () => {
    const byId = new Map<string, string[]>();
    let lastSerial = 0;
    for (const line of lines) {
      const [, type = '', sec, ms, serial] = HEADER.exec(line) ?? [];
      const id = `${sec}.${ms}:${serial}`;
      const seen = byId.get(id);
      if (seen) seen.push(type);
      else {
        byId.set(id, [type]);
        expect(Number(serial)).toBeGreaterThan(lastSerial);
        lastSerial = Number(serial);
      }
    }
    expect(byId.size).toBe(meta.events);
    expect(Object.values(meta.scenarios).reduce((a, b) => a + b, 0)).toBe(meta.events);
    const kernel = [...byId.values()].filter((t) => t[0] === 'SYSCALL');
    expect(kernel.length).toBeGreaterThan(100);
    // The last event may be cut by the line budget.
    for (const t of kernel.slice(0, -2)) expect(t[t.length - 1]).toBe('EOE');
  });

  it('interleaves the records of some concurrent events, as the metadata says', () => {
    let switches = 0;
    let previous = '';
    let open = new Set<string>();
    for (const line of lines) {
      const [, type, sec, ms, serial] = HEADER.exec(line) ?? [];
      const id = `${sec}.${ms}:${serial}`;
      if (open.has(id) && id !== previous) switches++;
      if (type === 'EOE') open.delete(id);
      else if (type === 'SYSCALL') open = new Set([...open, id]);
      previous = id;
    }
    expect(meta.interleaved).toBeGreaterThan(0);
    expect(switches).toBeGreaterThan(0);
  });

  it('writes sshd logins with LOGIN assigning the audit session used by later commands', () => {
    const login = lines.find((l) => l.startsWith('type=LOGIN ') && / auid=100\d /.test(l));
    const ses = login ? / ses=(\d+) /.exec(login)?.[1] : undefined;
    expect(ses).toBeDefined();
    expect(lines.some((l) => l.startsWith('type=SYSCALL ') && l.includes(` ses=${ses} `))).toBe(
      true,
    );
    expect(meta.successfulLogins).toBe(
      lines.filter((l) => l.startsWith('type=USER_LOGIN ') && l.endsWith("res=success'")).length,
    );
  });
});
