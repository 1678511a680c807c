import type { SysmonRecord } from './record.js';

/**
 * Decodes the XML entities Sysmon writes (`&amp; &lt; &gt; &quot; &apos;`) and numeric
 * character references (`&#38;`, `&#x26;`). Unknown or broken references are kept as they
 * are. Linear in the length of `text`.
 *
 * @internal
 */
export function decodeXmlEntities(text: string): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = text.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > 10) {
      amp = text.indexOf('&', amp + 1);
      continue;
    }
    const name = text.slice(amp + 1, semi);
    const decoded = entity(name);
    if (decoded !== undefined) {
      out += text.slice(from, amp) + decoded;
      from = semi + 1;
    }
    amp = text.indexOf('&', decoded === undefined ? amp + 1 : semi + 1);
  }
  return out + text.slice(from);
}

function entity(name: string): string | undefined {
  switch (name) {
    case 'amp':
      return '&';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
  }
  if (name.charCodeAt(0) !== 35) return undefined;
  const hex = name.charCodeAt(1) === 120 || name.charCodeAt(1) === 88;
  const digits = name.slice(hex ? 2 : 1);
  if (digits.length === 0 || digits.length > 6) return undefined;
  let code = 0;
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    let d = -1;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (hex && c >= 97 && c <= 102) d = c - 87;
    else if (hex && c >= 65 && c <= 70) d = c - 55;
    if (d < 0) return undefined;
    code = code * (hex ? 16 : 10) + d;
  }
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return String.fromCodePoint(code);
}

/** The text of `<tag>...</tag>` after `from` and before `limit`, or `undefined`. */
function element(text: string, tag: string, from: number, limit: number): string | undefined {
  const open = text.indexOf(`<${tag}>`, from);
  if (open < 0 || open > limit) return undefined;
  const start = open + tag.length + 2;
  const close = text.indexOf('<', start);
  if (close < 0 || close > limit) return undefined;
  return text.slice(start, close);
}

/** The value of `attribute="..."` (or `'...'`) after `from` and before `limit`. */
function attribute(
  text: string,
  attributeName: string,
  from: number,
  limit: number,
): string | undefined {
  // Search a slice, so a missing attribute never scans past `limit`.
  const tag = text.slice(from, limit);
  const at = tag.indexOf(`${attributeName}=`);
  if (at < 0) return undefined;
  const q = at + attributeName.length + 1;
  const quote = tag.charAt(q);
  if (quote !== '"' && quote !== "'") return undefined;
  const end = tag.indexOf(quote, q + 1);
  if (end < 0) return undefined;
  return tag.slice(q + 1, end);
}

function integer(text: string | undefined): number | undefined {
  if (text === undefined || text.length === 0 || text.length > 15) return undefined;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Reads a single-line Sysmon `<Event>` starting at `start`: the `System` fields and every
 * `<Data Name="N">value</Data>` (or `<Data Name="N"/>`), in one left-to-right pass of
 * `indexOf` calls, so it is linear in the line length whatever the input. Values are
 * entity-decoded after extraction (`&amp;&amp;` becomes `&&`). A value cannot contain a raw
 * `<`, so attacker text inside a command line cannot open or close an element. A line cut
 * before `</EventData>` keeps the values read so far and reports `complete: false`.
 *
 * @internal
 */
export function readSysmonXml(text: string, start: number): SysmonRecord {
  const systemEnd = text.indexOf('</System>', start);
  const limit = systemEnd < 0 ? text.length : systemEnd;
  const eventId = integer(element(text, 'EventID', start, limit)?.trim());
  const recordId = integer(element(text, 'EventRecordID', start, limit)?.trim());
  const computerRaw = element(text, 'Computer', start, limit);
  const computer = computerRaw === undefined ? undefined : decodeXmlEntities(computerRaw);
  const created = text.indexOf('<TimeCreated', start);
  const systemTime =
    created >= 0 && created < limit ? attribute(text, 'SystemTime', created, limit) : undefined;
  const data = new Map<string, string>();
  let complete = false;
  let i = systemEnd < 0 ? start : systemEnd;
  // Values cannot hold a raw `<`, so the first `</EventData>` is the real one.
  const close = text.indexOf('</EventData>', i);
  for (;;) {
    const open = text.indexOf('<Data', i);
    if (open < 0 || (close >= 0 && close < open)) {
      complete = close >= 0;
      break;
    }
    const tagEnd = text.indexOf('>', open);
    if (tagEnd < 0) break;
    const name = attribute(text, 'Name', open, tagEnd);
    if (text.charCodeAt(tagEnd - 1) === 47) {
      // <Data Name="X"/>
      if (name !== undefined) data.set(name, '');
      i = tagEnd + 1;
      continue;
    }
    const valueEnd = text.indexOf('</Data>', tagEnd + 1);
    if (valueEnd < 0) {
      // Cut inside this value: keep what arrived (the event is marked incomplete).
      if (name !== undefined) data.set(name, decodeXmlEntities(text.slice(tagEnd + 1)));
      break;
    }
    if (name !== undefined) data.set(name, decodeXmlEntities(text.slice(tagEnd + 1, valueEnd)));
    i = valueEnd + 7;
  }
  return { eventId, recordId, computer, systemTime, data, complete };
}
