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

/** The value of `attribute="..."` (or `'...'`) in the tag `text[from, limit)`. */
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

/** The text between the `>` that ends the tag at `lt` and the next `<`, or `undefined`. */
function textAfter(text: string, lt: number, length: number): string | undefined {
  const from = lt + length;
  const next = text.indexOf('<', from);
  return next < 0 ? undefined : text.slice(from, next);
}

/** Whether `</Data>` starts at `at` (character tests). */
function isDataClose(text: string, at: number): boolean {
  return (
    text.charCodeAt(at + 1) === 47 &&
    text.charCodeAt(at + 2) === 68 &&
    text.charCodeAt(at + 3) === 97 &&
    text.charCodeAt(at + 4) === 116 &&
    text.charCodeAt(at + 5) === 97 &&
    text.charCodeAt(at + 6) === 62
  );
}

/**
 * Reads a single-line Sysmon `<Event>` starting at `start`: the `System` fields and every
 * `<Data Name="N">value</Data>` (or `<Data Name="N"/>`), in one left-to-right pass that
 * hops from `<` to `<` with single-character `indexOf`, so it is linear in the line length
 * whatever the input. Values are entity-decoded after extraction (`&amp;&amp;` becomes
 * `&&`). A value cannot contain a raw `<`, so attacker text inside a command line cannot
 * open or close an element. A line cut before `</EventData>` keeps the values read so far
 * (the last one partial) and reports `complete: false`.
 *
 * @internal
 */
export function readSysmonXml(text: string, start: number): SysmonRecord {
  let eventId: number | undefined;
  let recordId: number | undefined;
  let computer: string | undefined;
  let systemTime: string | undefined;
  const data = new Map<string, string>();
  let complete = false;
  let inData = false;
  let i = start;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    i = lt + 1;
    const c1 = text.charCodeAt(lt + 1);
    if (!inData) {
      if (c1 === 69) {
        if (text.startsWith('<EventID>', lt)) eventId = integer(textAfter(text, lt, 9)?.trim());
        else if (text.startsWith('<EventRecordID>', lt)) {
          recordId = integer(textAfter(text, lt, 15)?.trim());
        } else if (text.startsWith('<EventData>', lt)) inData = true;
      } else if (c1 === 67 && text.startsWith('<Computer>', lt)) {
        const raw = textAfter(text, lt, 10);
        computer = raw === undefined ? undefined : decodeXmlEntities(raw);
      } else if (c1 === 84 && text.startsWith('<TimeCreated', lt)) {
        const end = text.indexOf('>', lt);
        if (end >= 0) systemTime = attribute(text, 'SystemTime', lt, end);
      } else if (c1 === 47 && text.startsWith('</System>', lt)) {
        inData = true;
      }
      continue;
    }
    if (c1 === 47) {
      if (text.charCodeAt(lt + 2) === 69 && text.startsWith('</EventData>', lt)) {
        complete = true;
        break;
      }
      continue;
    }
    // `<Data` followed by a space, `>` or `/` (character tests: cheaper than startsWith).
    if (
      c1 !== 68 ||
      text.charCodeAt(lt + 2) !== 97 ||
      text.charCodeAt(lt + 3) !== 116 ||
      text.charCodeAt(lt + 4) !== 97
    ) {
      continue;
    }
    const c5 = text.charCodeAt(lt + 5);
    if (c5 !== 32 && c5 !== 62 && c5 !== 47) continue;
    let name: string | undefined;
    let tagEnd: number;
    if (
      c5 === 32 &&
      text.charCodeAt(lt + 6) === 78 &&
      text.charCodeAt(lt + 10) === 61 &&
      text.charCodeAt(lt + 11) === 34 &&
      text.startsWith('ame', lt + 7)
    ) {
      // The form Sysmon writes: `<Data Name="X">`.
      const nameEnd = text.indexOf('"', lt + 12);
      if (nameEnd < 0) break;
      name = text.slice(lt + 12, nameEnd);
      tagEnd = text.indexOf('>', nameEnd);
    } else {
      tagEnd = text.indexOf('>', lt);
      if (tagEnd >= 0) name = attribute(text, 'Name', lt, tagEnd);
    }
    if (tagEnd < 0) break;
    i = tagEnd + 1;
    if (text.charCodeAt(tagEnd - 1) === 47) {
      // <Data Name="X"/>
      if (name !== undefined) data.set(name, '');
      continue;
    }
    const valueEnd = text.indexOf('<', i);
    // A line cut inside the value keeps what arrived (the event is marked incomplete).
    const raw = valueEnd < 0 ? text.slice(i) : text.slice(i, valueEnd);
    if (name !== undefined) data.set(name, decodeXmlEntities(raw));
    if (valueEnd < 0) break;
    // Step over the `</Data>` that normally ends the value.
    i = isDataClose(text, valueEnd) ? valueEnd + 7 : valueEnd;
  }
  return { eventId, recordId, computer, systemTime, data, complete };
}
