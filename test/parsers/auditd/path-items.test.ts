import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditPathItem } from '../../../src/events/host.js';
import { readPath } from '../../../src/parsers/auditd/canonical.js';
import { valueId, valueNumber, valueText } from '../../../src/parsers/auditd/field-values.js';
import { parseRadix } from '../../../src/parsers/auditd/fields.js';
import { PATH_KEYS } from '../../../src/parsers/auditd/keys.js';
import { pathItems } from '../../../src/parsers/auditd/path-items.js';
import { type AuditRecord, readRecord } from '../../../src/parsers/auditd/record.js';

// pathItems reuses what it read for a body equal to the last one at the same position:
// every call must give what reading each record gives, in item order, in its own objects.

const P = PATH_KEYS.slot;

/** The items as read record by record (the reading the memo stands for). */
function direct(records: readonly AuditRecord[]): AuditPathItem[] {
  const read = records.map((r) => {
    const f = readPath(r.line, r.bodyStart, r.bodyEnd);
    return {
      item: valueNumber(f, P.item) ?? Number.MAX_SAFE_INTEGER,
      value: {
        path: valueText(f, P.name, true),
        inode: valueNumber(f, P.inode),
        mode: parseRadix(valueText(f, P.mode, false), 8),
        ouid: valueId(f, P.ouid),
        ogid: valueId(f, P.ogid),
        nametype: valueText(f, P.nametype, false),
      },
    };
  });
  // A stable sort by item.
  return read
    .map((x, i) => ({ ...x, i }))
    .sort((a, b) => a.item - b.item || a.i - b.i)
    .map((x) => x.value);
}

function record(body: string, serial: number): AuditRecord {
  const line = `type=PATH msg=audit(1700000000.000:${serial}): ${body}`;
  const r = readRecord(line, { source: 't', line: serial, text: line });
  if ('reason' in r) throw new Error(r.reason);
  return r;
}

const LD =
  'item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1310722 dev=fd:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0';

/** Bodies that repeat, differ only late or by one unit at equal length, or are not kernel-shaped. */
const body = fc.oneof(
  fc.constantFrom(
    LD,
    LD.replace('1310722', '1310723'),
    LD.replace('item=1', 'item=0'),
    LD.replace('cap_frootid=0', 'cap_frootid=1'),
    LD.replace('NORMAL', 'PARENT'),
    'item=0 name="/usr/bin/curl" inode=42 dev=fd:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL',
    'item=0 name=2F746D70 inode=42 dev=fd:01 mode=0100755 ouid=4294967295 ogid=0 rdev=00:00 nametype=CREATE',
    'item=0 name=(null) inode=? dev=? mode=? ouid=? ogid=? rdev=? nametype=UNKNOWN',
    'item=2 name="a b" inode=1 dev=fd:01 mode=040755 ouid=1000 ogid=1000 rdev=00:00 nametype=PARENT',
    'name="/x" item=0 nametype=NORMAL',
    'item=3 name="/y" inode=1 dev=fd:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 obj=u:r:x nametype=DELETE',
    'item=1 name="?" inode=7',
    '',
  ),
  fc
    .tuple(fc.nat(3), fc.constantFrom('"/a"', '"/b c"', '2F62', '(null)', '"?"'), fc.nat(3))
    .map(
      ([i, n, ino]) =>
        `item=${i} name=${n} inode=${ino} dev=fd:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL`,
    ),
);

describe('pathItems', () => {
  it('gives what reading each record gives, over calls that repeat bodies at positions', () => {
    fc.assert(
      fc.property(fc.array(fc.array(body, { maxLength: 6 }), { maxLength: 40 }), (events) => {
        let serial = 0;
        let previous: readonly AuditPathItem[] = [];
        for (const bodies of events) {
          const records = bodies.map((b) => record(b, ++serial));
          const items = pathItems(records);
          expect(items).toEqual(direct(records));
          // Its own objects, never an earlier call's.
          for (const item of items) expect(previous).not.toContain(item);
          previous = items;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads the same while positions rest after bodies that never repeat, and after', () => {
    // Distinct bodies at every position first (the memos never hit, so positions rest for
    // longer and longer), then the interpreter record again and again behind distinct ones.
    let serial = 0;
    for (let n = 0; n < 6000; n++) {
      const bin = `item=0 name="/usr/bin/t${n}" inode=${n} dev=fd:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL`;
      const second = n < 3000 ? LD.replace('1310722', String(n)) : LD;
      const records = [record(bin, ++serial), record(second, ++serial)];
      expect(pathItems(records)).toEqual(direct(records));
    }
  });
});
