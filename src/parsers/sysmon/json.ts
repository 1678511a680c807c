import type { SysmonRecord } from './record.js';

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

function integer(value: unknown): number | undefined {
  const t = text(value);
  if (t === undefined || t.length === 0 || t.length > 15) return undefined;
  const n = Number(t);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

function first(o: Json | undefined, ...keys: readonly string[]): unknown {
  if (o === undefined) return undefined;
  for (const k of keys) if (o[k] !== undefined) return o[k];
  return undefined;
}

/** Copies the string-like values of an `EventData`-style object (or `Data` array) into `data`. */
function collect(data: Map<string, string>, eventData: unknown): void {
  const o = object(eventData);
  if (o === undefined) return;
  const list = o.Data;
  if (Array.isArray(list)) {
    // XML-to-JSON converters: `"Data": [{"@Name": "Image", "#text": "/usr/bin/ssh"}, ...]`
    for (const item of list) {
      const d = object(item);
      const name = text(first(d, '@Name', 'Name', '_Name'));
      if (name !== undefined) data.set(name, text(first(d, '#text', 'text', '__text')) ?? '');
    }
  }
  for (const [key, value] of Object.entries(o)) {
    const t = text(value);
    if (t !== undefined) data.set(key, t);
  }
}

/**
 * Reads a Sysmon event shipped as JSON by a collector: Elastic's Winlogbeat/Agent shape
 * (`winlog.event_id`, `winlog.event_data`, `winlog.computer_name`, `winlog.record_id`,
 * `winlog.time_created`), an `Event: {System, EventData}` XML-to-JSON conversion, or a flat
 * object (`EventID` plus `EventData` or the data fields at the top level). Returns
 * `undefined` when the object carries no event id at all.
 *
 * @internal
 */
export function readSysmonJson(root: Json): SysmonRecord | undefined {
  const data = new Map<string, string>();
  const winlog = object(root.winlog);
  if (winlog !== undefined) {
    collect(data, winlog.event_data);
    const syslog = object(object(object(root.log)?.syslog));
    return {
      eventId: integer(winlog.event_id),
      recordId: integer(winlog.record_id),
      computer:
        text(winlog.computer_name) ?? text(syslog?.hostname) ?? text(object(root.host)?.name),
      systemTime: text(winlog.time_created) ?? text(root['@timestamp']),
      data,
      complete: true,
    };
  }
  const event = object(root.Event) ?? root;
  const system = object(event.System) ?? event;
  const eventId = integer(first(system, 'EventID', 'EventId', 'event_id'));
  if (eventId === undefined) return undefined;
  if (event.EventData !== undefined) collect(data, event.EventData);
  else collect(data, event);
  const created = object(system.TimeCreated);
  return {
    eventId,
    recordId: integer(first(system, 'EventRecordID', 'RecordID', 'record_id')),
    computer: text(first(system, 'Computer', 'computer_name', 'Hostname')),
    systemTime: text(first(created, '@SystemTime', 'SystemTime')) ?? text(system.TimeCreated),
    data,
    complete: true,
  };
}
