import { describe, expect, it } from 'vitest';
import { decodeXmlEntities, readSysmonXml } from '../../../src/parsers/sysmon/xml.js';

describe('decodeXmlEntities', () => {
  it.each([
    ['id &amp;&amp; hostname', 'id && hostname'],
    ['a &lt;b&gt; &quot;c&quot; &apos;d&apos;', `a <b> "c" 'd'`],
    ['&#38;&#x26;&#X41;', '&&A'],
    ['no entities', 'no entities'],
    ['broken &amp and &unknown; and &#xZZ; &', 'broken &amp and &unknown; and &#xZZ; &'],
    ['&amp;lt;', '&lt;'],
  ])('decodes %j', (raw, decoded) => {
    expect(decodeXmlEntities(raw)).toBe(decoded);
  });
});

describe('readSysmonXml', () => {
  it('reads System fields and Data values, self-closing Data included', () => {
    const xml =
      '<Event><System><EventID>11</EventID><TimeCreated SystemTime="2024-03-14T09:12:03.412877000Z"/><EventRecordID>5101</EventRecordID><Computer>bastion</Computer></System><EventData><Data Name="RuleName">-</Data><Data Name="Hashes"/><Data Name="TargetFilename">/tmp/ssh-AbCdEf1234/agent.4242</Data></EventData></Event>';
    const r = readSysmonXml(xml, 0);
    expect(r).toMatchObject({
      eventId: 11,
      recordId: 5101,
      computer: 'bastion',
      systemTime: '2024-03-14T09:12:03.412877000Z',
      complete: true,
    });
    expect([...r.data]).toEqual([
      ['RuleName', '-'],
      ['Hashes', ''],
      ['TargetFilename', '/tmp/ssh-AbCdEf1234/agent.4242'],
    ]);
  });

  it('keeps escaped markup inside a value as text (it cannot open or close elements)', () => {
    const xml =
      '<Event><System><EventID>1</EventID></System><EventData><Data Name="CommandLine">x &lt;/Data&gt;&lt;Data Name="User"&gt;root</Data><Data Name="User">alice</Data></EventData></Event>';
    const r = readSysmonXml(xml, 0);
    expect(r.data.get('CommandLine')).toBe('x </Data><Data Name="User">root');
    expect(r.data.get('User')).toBe('alice');
  });

  it('reports an event cut before </EventData> as incomplete and keeps the partial value', () => {
    const r = readSysmonXml(
      '<Event><System><EventID>1</EventID></System><EventData><Data Name="Image">/usr/bin/ssh</Data><Data Name="CommandLine">ssh -i /root/.ssh/id',
      0,
    );
    expect(r.complete).toBe(false);
    expect(r.data.get('Image')).toBe('/usr/bin/ssh');
    expect(r.data.get('CommandLine')).toBe('ssh -i /root/.ssh/id');
  });

  it('reads single-quoted attributes', () => {
    const r = readSysmonXml(
      "<Event><System><EventID>5</EventID></System><EventData><Data Name='ProcessId'>783</Data></EventData></Event>",
      0,
    );
    expect(r.data.get('ProcessId')).toBe('783');
  });

  it.each([
    ['nameless Data elements', '<Data>v</Data>'],
    ['Data tags missing their Name', '<Data x="1">v</Data>'],
    ['unclosed Event-like tags', '<EventX '],
  ])('stays linear on 200k %s without </EventData>', (_label, unit) => {
    const text = `<Event><System><EventID>1</EventID></System><EventData>${unit.repeat(200_000)}`;
    const start = performance.now();
    const r = readSysmonXml(text, 0);
    expect(r.complete).toBe(false);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
