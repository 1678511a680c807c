import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { only } from './helpers.js';

// The trust rule: who and where come only from kernel-written unquoted positions. A
// quoted value (comm, exe, key, cwd, name, argv, acct...) is attacker-controlled text,
// whatever it holds, and must never change the ids, pid, exe or address read from the
// record. Quoted kernel values never contain `"` (the kernel hex-encodes those) nor
// control characters.

const injected = fc.constantFrom(
  ' uid=0 ',
  ' auid=1000',
  ' euid=0',
  ' pid=1 ',
  ' ppid=1',
  ' ses=3',
  ' exe=/bin/evil',
  ' exe=2F62696E2F6576696C',
  ' comm=evil',
  " msg='op=login addr=6.6.6.6 res=success'",
  ' saddr=02000016C0A80001',
  ' addr=6.6.6.6 terminal=x res=success',
  ' key=x',
  ' name=/etc/shadow nametype=NORMAL',
  ' cwd=/root',
  'SYSCALL=ptrace',
  ' ARCH=x86_64',
  '(uid=0',
  "'",
  '=',
  '{',
  '}',
  ' ',
);
/** Text the kernel would write inside `"..."`: no `"`, no control characters. */
const quotable = fc
  .array(fc.oneof(injected, fc.string({ maxLength: 6 })), { maxLength: 6 })
  .map((parts) => parts.join('').replace(/["\u0000-\u001f\u007f]/g, ''))
  .filter((s) => s.length > 0 && s !== '?');
const id = fc.integer({ min: 0, max: 60000 });

function execLines(
  s: number,
  who: { pid: number; ppid: number; uid: number; euid: number; auid: number; ses: number },
  v: { comm: string; exe: string; key: string; cwd: string; name: string; arg: string },
): string {
  const h = `msg=audit(1718035200.100:${s}):`;
  return [
    `type=SYSCALL ${h} arch=c000003e syscall=59 success=yes exit=0 a0=5 a1=6 a2=7 a3=8 items=2 ppid=${who.ppid} pid=${who.pid} auid=${who.auid} uid=${who.uid} gid=0 euid=${who.euid} suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=${who.ses} comm="${v.comm}" exe="${v.exe}" subj=unconfined key="${v.key}"`,
    `type=EXECVE ${h} argc=2 a0="${v.exe}" a1="${v.arg}"`,
    `type=CWD ${h} cwd="${v.cwd}"`,
    `type=PATH ${h} item=0 name="${v.name}" inode=5 dev=fd:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0`,
    `type=PROCTITLE ${h} proctitle="${v.arg}"`,
    `type=EOE ${h}`,
  ].join('\n');
}

const who = fc.record({ pid: id, ppid: id, uid: id, euid: id, auid: id, ses: id });
const values = fc.record({
  comm: quotable,
  exe: quotable,
  key: quotable,
  cwd: quotable,
  name: quotable,
  arg: quotable,
});

describe('hostile quoted values (trust rule)', () => {
  it('never change who ran an exec, nor its exe, cwd or path', () => {
    fc.assert(
      fc.property(who, values, (w, v) => {
        const e = only(execLines(42, w, v));
        expect(e.kind).toBe('process.exec');
        if (e.kind !== 'process.exec') return;
        expect([e.pid, e.ppid, e.uid, e.euid, e.auid, e.ses]).toEqual([
          w.pid,
          w.ppid,
          w.uid,
          w.euid,
          w.auid,
          w.ses,
        ]);
        expect([e.exe, e.comm, e.key, e.cwd, e.paths[0]?.path]).toEqual([
          v.exe,
          v.comm,
          v.key,
          v.cwd,
          v.name,
        ]);
        expect(e.syscall).toBe('execve');
        expect(e.argv).toEqual([v.exe, v.arg]);
      }),
      { numRuns: 300 },
    );
  });

  it('never change the address a process connected to', () => {
    fc.assert(
      fc.property(who, values, (w, v) => {
        const h = 'msg=audit(1718035200.200:43):';
        const text = [
          `type=SYSCALL ${h} arch=c000003e syscall=42 success=yes exit=0 a0=3 a1=7ffd a2=10 a3=0 items=0 ppid=${w.ppid} pid=${w.pid} auid=${w.auid} uid=${w.uid} gid=0 euid=${w.euid} suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=${w.ses} comm="${v.comm}" exe="${v.exe}" key="${v.key}"`,
          `type=SOCKADDR ${h} saddr=02000016C0A80001`,
          `type=PROCTITLE ${h} proctitle="${v.arg}"`,
          `type=EOE ${h}`,
        ].join('\n');
        const e = only(text);
        expect(e.kind).toBe('socket.connect');
        if (e.kind !== 'socket.connect') return;
        expect([e.address, e.port, e.family, e.pid, e.uid, e.auid, e.ses, e.exe]).toEqual([
          '192.168.0.1',
          22,
          'inet',
          w.pid,
          w.uid,
          w.auid,
          w.ses,
          v.exe,
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it('never change who logged in from where in a user-space record', () => {
    fc.assert(
      fc.property(who, quotable, quotable, (w, acct, exe) => {
        const line = `type=USER_LOGIN msg=audit(1718035200.300:44): pid=${w.pid} uid=${w.uid} auid=${w.auid} ses=${w.ses} subj=unconfined msg='op=login acct="${acct}" exe="${exe}" hostname=? addr=203.0.113.7 terminal=sshd res=failed'`;
        const e = only(line);
        expect(e.kind).toBe('audit.login');
        if (e.kind !== 'audit.login') return;
        expect([e.pid, e.uid, e.auid, e.ses, e.addr, e.terminal, e.res, e.exe]).toEqual([
          w.pid,
          w.uid,
          w.auid,
          w.ses,
          '203.0.113.7',
          'sshd',
          'failed',
          exe,
        ]);
      }),
      { numRuns: 300 },
    );
  });
});
