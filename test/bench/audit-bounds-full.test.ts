import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAuditLog } from '../../bench/generate/write-audit-file.js';
import { auditPass } from '../../bench/measure/audit.js';
import {
  type BoundFullEvent,
  boundAuditFullEvent,
} from '../../bench/measure/bounds/audit-event-full.js';
import type { AuditGroup } from '../../bench/measure/bounds/audit-groups.js';
import { newAuditHeader, readAuditHeader } from '../../bench/measure/bounds/audit-header.js';
import { argvOf, pathOf, sockaddrOf } from '../../bench/measure/bounds/audit-parts.js';
import { readAuditGroups } from '../../bench/measure/bounds/audit-records.js';
import { auditBound } from '../../bench/measure/bounds.js';
import { readLineBatches } from '../../src/node/read-lines.js';
import { readTextChunks } from '../../src/node/read-text-chunks.js';
import { createAuditAssembler } from '../../src/parsers/auditd/index.js';
import { assembledEvents } from './assembled-events.js';

// The full bound is only a bound on the product if it builds the product's whole event:
// the same field set per kind (so the engine builds objects of the same shape) and the
// same values, on the same generated lines.

const LINES = 20_000;
let dir: string;
let path: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sshtrail-audit-bounds-full-'));
  path = join(dir, 'audit.log');
  writeAuditLog(path, { seed: 7, lines: LINES });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function boundEvents(file: string): Promise<BoundFullEvent[]> {
  const events: BoundFullEvent[] = [];
  await readAuditGroups(readTextChunks, file, (g) => {
    events.push(boundAuditFullEvent(g, 'bastion-01'));
  });
  return events;
}

/** A group of one event's lines, as the grouping hands it over. */
function groupOf(...texts: string[]): AuditGroup {
  const h = newAuditHeader();
  const g: AuditGroup = {
    key: '',
    firstType: '',
    evidence: [],
    syscall: undefined,
    syscallBody: 0,
  };
  texts.forEach((text, i) => {
    readAuditHeader(text, h);
    if (i === 0) Object.assign(g, { key: h.key, firstType: h.type });
    g.evidence.push({ source: 'audit.log', line: i + 1, text });
    if (h.type === 'SYSCALL') {
      g.syscall = text;
      g.syscallBody = h.body;
    }
  });
  return g;
}

describe('bound-audit-full', () => {
  it('builds as many events as the audit pass, through auditBound', async () => {
    const pass = await auditPass(createAuditAssembler, readLineBatches, path, readTextChunks);
    const full = await auditBound(readTextChunks, path, 'full');
    expect(full.lines).toBe(pass.lines);
    const results = pass.detail?.results as Record<string, number>;
    expect(full.detail?.events).toBe(results.event);
  });

  it('builds each event with the product’s field set and values, per serial', async () => {
    const bound = await boundEvents(path);
    const bySerial = new Map((await assembledEvents(path)).map((e) => [e.serial, e]));
    expect(bound).toHaveLength(bySerial.size);
    const seen = new Map<string, number>();
    let userLogins = 0;
    for (const b of bound) {
      const e = bySerial.get(b.serial);
      expect(e, `serial ${b.serial}`).toBeDefined();
      if (e === undefined) continue;
      seen.set(b.kind, (seen.get(b.kind) ?? 0) + 1);
      // Same keys in the same order: the same hidden class for the engine.
      expect(Object.keys(b), `serial ${b.serial}`).toEqual(Object.keys(e));
      if (b.kind === 'audit.login' && b.acct !== undefined) userLogins++;
      // Whole-event equality; argvTruncated is the one value normalized: the product sets
      // it from argc against the arguments read and from its PROCTITLE fallback, which the
      // bound skips (it always says false).
      const normal = e.kind === 'process.exec' ? { ...e, argvTruncated: false } : e;
      expect(b, `serial ${b.serial}`).toEqual(normal);
    }
    // Every kind of the product's events on this log is covered, with hex, logins and all.
    expect([...seen.keys()].sort()).toEqual([
      'audit.login',
      'file.access',
      'process.exec',
      'socket.connect',
    ]);
    expect(userLogins).toBeGreaterThan(0);
  });

  it('reads the auxiliary records the generated log does not vary', () => {
    const argv: string[] = [];
    argvOf(
      'type=EXECVE msg=audit(1.000:7): argc=4 a0="grep" a1="--color=auto" a2=2D6C a3="a b"',
      argv,
    );
    expect(argv).toEqual(['grep', '--color=auto', '-l', 'a b']);
    expect(
      pathOf(
        'type=PATH msg=audit(1.000:7): item=0 name=2F746D702F6120 inode=5 dev=fd:01 mode=0140600 ouid=1000 ogid=4294967295 rdev=00:00 nametype=CREATE',
      ),
    ).toEqual({
      path: '/tmp/a ',
      inode: 5,
      mode: 0o140600,
      ouid: 1000,
      ogid: undefined,
      nametype: 'CREATE',
    });
    expect(pathOf('type=PATH msg=audit(1.000:7): item=0 name=(null) nametype=UNKNOWN')).toEqual({
      path: undefined,
      inode: undefined,
      mode: undefined,
      ouid: undefined,
      ogid: undefined,
      nametype: 'UNKNOWN',
    });
    const sa = (hex: string) => sockaddrOf(`type=SOCKADDR msg=audit(1.000:7): saddr=${hex}`);
    expect(sa('02000016C0A80001000000000000')).toEqual({
      family: 'inet',
      path: undefined,
      address: '192.168.0.1',
      port: 22,
    });
    expect(sa('01002F746D702F7800FFFF').path).toBe('/tmp/x');
    expect(sa('0100006162630000').path).toBe('@abc');
    expect(sa('0A00001600000000').family).toBe('other');
  });

  it('reads a kernel LOGIN and a failed user login with a hex account', () => {
    const login = boundAuditFullEvent(
      groupOf(
        'type=LOGIN msg=audit(1709251200.008:5): pid=3001 uid=0 subj=unconfined old-auid=4294967295 auid=1000 tty=(none) old-ses=4294967295 ses=1 res=1',
      ),
      'h',
    );
    expect(login).toMatchObject({
      kind: 'audit.login',
      pid: 3001,
      auid: 1000,
      oldAuid: undefined,
      ses: 1,
      terminal: undefined,
      res: 'success',
    });
    const failed = boundAuditFullEvent(
      groupOf(
        'type=USER_AUTH msg=audit(1709251236.883:115): pid=3186 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg=\'op=PAM:authentication grantors=? acct=28696E76616C6964207573657229 exe="/usr/sbin/sshd" hostname=? addr=79.41.200.251 terminal=ssh res=failed\'',
      ),
      'h',
    );
    expect(failed).toMatchObject({
      kind: 'audit.login',
      serial: 115,
      auid: undefined,
      op: 'PAM:authentication',
      acct: '(invalid user)',
      exe: '/usr/sbin/sshd',
      hostname: undefined,
      addr: '79.41.200.251',
      terminal: 'ssh',
      res: 'failed',
    });
  });

  it('never throws on a short or shapeless line', () => {
    for (const text of [
      '',
      'x',
      'type=',
      'type=SYSCALL msg=audit(',
      'type=SYSCALL msg=audit(1.0:2): syscall=59 pid=',
      'type=EXECVE msg=audit(1.0:2): argc=99999999999 a0=',
      'type=SOCKADDR msg=audit(1.0:2): saddr=0200',
      'type=SOCKADDR msg=audit(1.0:2): saddr=01',
      'type=PATH msg=audit(1.0:2): name="',
      "type=USER_AUTH msg=audit(1.0:2): msg='op=",
    ]) {
      expect(() => boundAuditFullEvent(groupOf(text), 'h')).not.toThrow();
      expect(() =>
        boundAuditFullEvent(groupOf('type=SYSCALL msg=audit(1.0:2): syscall=59 ', text), 'h'),
      ).not.toThrow();
    }
  });
});
