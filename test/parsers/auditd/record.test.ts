import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuditRecord, readRecord, recordFields } from '../../../src/parsers/auditd/record.js';

function read(line: string): AuditRecord {
  const r = readRecord(line, { source: 't', line: 1, text: line });
  if ('reason' in r) throw new Error(`not a record: ${r.reason}`);
  return r;
}

describe('readRecord', () => {
  it('reads node, type, time in ms and serial (laurel record-execve)', () => {
    const r = read('node=work type=EOE msg=audit(1615114232.375:15558):');
    expect(r).toMatchObject({ node: 'work', type: 'EOE', time: 1615114232375, serial: 15558 });
    expect(r.key).toBe('work 1615114232.375:15558');
  });

  it('splits ENRICHED text at the first 0x1d', () => {
    const line =
      'type=PATH msg=audit(1615114232.375:15558): item=0 name="/usr/bin/whoami" ouid=0\u001dOUID="root" OGID="root"';
    const r = read(line);
    expect(line.slice(r.bodyStart, r.bodyEnd).trim()).toBe('item=0 name="/usr/bin/whoami" ouid=0');
    expect(recordFields(r).map((f) => f.key)).toEqual(['item', 'name', 'ouid']);
  });

  it('accepts daemon records without the colon after the id (go-libaudit rhel7)', () => {
    const r = read(
      'type=DAEMON_CONFIG msg=audit(1490239800.477:34) config changed, auid=0 pid=1512 res=success',
    );
    expect(recordFields(r).map((f) => f.key)).toEqual(['auid', 'pid', 'res']);
  });

  it('tells user-space records by their top-level nested msg', () => {
    expect(
      read(
        'type=USER_ACCT msg=audit(1.000:2): pid=1 uid=0 msg=\'op=PAM:accounting acct="root" res=success\'',
      ).userSpace,
    ).toBe(true);
    expect(
      read(`type=AVC msg=audit(1.000:3): apparmor="DENIED" comm="msg='" name="/x"`).userSpace,
    ).toBe(false);
  });

  it.each([
    ['hello', 'malformed', 'bad_header'],
    ['node=x', 'malformed', 'bad_header'],
    ['type= msg=audit(1.000:1):', 'malformed', 'bad_header'],
    ['type=UNKNOWN[1329] msg=?', 'unrecognized', 'no_event_id'],
    ['type=SYSCALL arch=c000003e', 'malformed', 'no_timestamp'],
    ['type=EOE', 'malformed', 'no_timestamp'],
    ['type=EOEX', 'malformed', 'no_timestamp'],
    ['type=', 'malformed', 'bad_header'],
    [
      'type=SYSCALL msg=audit(08/31/2017 22:59:50.870:756395) : arch=x86_64',
      'malformed',
      'bad_timestamp',
    ],
    ['type=SYSCALL msg=audit(1.000): x=1', 'malformed', 'bad_timestamp'],
  ])('rejects %j as %s %s', (line, kind, reason) => {
    expect(readRecord(line, { source: 't', line: 1, text: line })).toEqual({ kind, reason });
  });

  it('reads every type as written', () => {
    const types = fc.oneof(
      fc.constantFrom(
        'EOE',
        'CWD',
        'PATH',
        'EXECVE',
        'SYSCALL',
        'SOCKADDR',
        'PROCTITLE',
        'OBJ_PID',
        'LOGIN',
        'USER_AUTH',
        'USER_ACCT',
        'USER_CMD',
        'USER_ERR',
        'CRED_REFR',
        'CRYPTO_KEY_USER',
        'EOF',
        'CWE',
        'PATHS',
        'SYSCALLS',
        'USER_AUTHX',
        'ANOM_ABEND',
      ),
      fc.stringMatching(/^[A-Z_]{1,16}$/),
    );
    fc.assert(
      fc.property(types, (t) => {
        expect(read(`type=${t} msg=audit(1.000:1): x=1`).type).toBe(t);
      }),
    );
  });

  // The nested-msg test as a plain character scan: the definition the reader must keep.
  function nestedMsg(body: string): boolean {
    let quotes = 0;
    for (let i = 0; i < body.length; i++) {
      if (body[i] === '"') quotes++;
      else if (
        quotes % 2 === 0 &&
        (i === 0 || body[i - 1] === ' ') &&
        body.startsWith("msg='", i)
      ) {
        return true;
      }
    }
    return false;
  }

  it('tells user-space records as a character scan does', () => {
    const part = fc.constantFrom(' ', '"', "msg='", 'msg=', "xmsg='", 'a=1', '\u001d', "'", 'm');
    fc.assert(
      fc.property(
        fc.constantFrom('USER_ACCT', 'AVC', 'SYSCALL'),
        fc.array(part, { maxLength: 12 }),
        (type, parts) => {
          const body = parts.join('');
          const r = read(`type=${type} msg=audit(1.000:1):${body}`);
          const fields = body.split('\u001d')[0] ?? '';
          expect(r.userSpace).toBe(type !== 'SYSCALL' && nestedMsg(fields));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('readRecord with an earlier record of another event', () => {
  const read = (line: string, previous?: AuditRecord, other?: AuditRecord) =>
    readRecord(line, { source: 't', line: 1, text: line }, previous, other);

  it('reuses its key string when the id is the same, and reads the same record as alone', () => {
    const id = fc.tuple(
      fc.constantFrom(undefined, 'n1', 'n2'),
      fc.constantFrom('1', '01', '1700000000'),
      fc.constantFrom('5', '50', '500', '005'),
      fc.constantFrom('7', '70', '007'),
    );
    const line = ([node, s, f, n]: [string | undefined, string, string, string]) =>
      `${node === undefined ? '' : `node=${node} `}type=PATH msg=audit(${s}.${f}:${n}): item=0`;
    fc.assert(
      fc.property(id, id, id, (a, b, c) => {
        const pa = read(line(a));
        const pb = read(line(b));
        if ('reason' in pa || 'reason' in pb) return;
        const alone = read(line(c));
        const r = read(line(c), pb, pa);
        if ('reason' in r || 'reason' in alone) return;
        const same = (x: typeof a, y: typeof a) => JSON.stringify(x) === JSON.stringify(y);
        // The same record as read alone; `continued` says whether it is `previous`'s event.
        expect({ ...r, continued: false }).toEqual({ ...alone, continued: false });
        expect(r.continued).toBe(same(b, c));
        // Another event's id: its key (the string the assembler's map holds) is reused.
        if (same(a, c) && !same(b, c)) expect(r.key).toBe(pa.key);
      }),
      { numRuns: 500 },
    );
  });
});
