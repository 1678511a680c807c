import type { UtmpLayout } from '../../../src/parsers/utmp/index.js';

/** Fields of a synthetic utmp record. */
export interface RecordSpec {
  readonly type: number;
  readonly pid?: number;
  readonly line?: string | Uint8Array;
  readonly id?: string;
  readonly user?: string | Uint8Array;
  readonly host?: string;
  readonly session?: number;
  readonly seconds: number;
  readonly microseconds?: number;
  readonly address?: readonly number[];
}

function put(
  bytes: Uint8Array,
  offset: number,
  size: number,
  value: string | Uint8Array | undefined,
): void {
  if (value === undefined) return;
  const data = typeof value === 'string' ? new TextEncoder().encode(value) : value;
  bytes.set(data.subarray(0, size), offset);
}

/** Builds one glibc utmp record in the given layout, as a C program writing it would. */
export function utmpRecord(
  spec: RecordSpec,
  layout: UtmpLayout = { recordSize: 384, byteOrder: 'little' },
): Uint8Array {
  const bytes = new Uint8Array(layout.recordSize);
  const view = new DataView(bytes.buffer);
  const le = layout.byteOrder === 'little';
  view.setInt16(0, spec.type, le);
  view.setInt32(4, spec.pid ?? 0, le);
  put(bytes, 8, 32, spec.line);
  put(bytes, 40, 4, spec.id);
  put(bytes, 44, 32, spec.user);
  put(bytes, 76, 256, spec.host);
  const wide = layout.recordSize === 400;
  const set64 = (offset: number, value: number): void =>
    view.setBigInt64(offset, BigInt(value), le);
  if (wide) {
    set64(336, spec.session ?? 0);
    set64(344, spec.seconds);
    set64(352, spec.microseconds ?? 0);
  } else {
    view.setInt32(336, spec.session ?? 0, le);
    view.setInt32(340, spec.seconds, le);
    view.setInt32(344, spec.microseconds ?? 0, le);
  }
  bytes.set(spec.address ?? [], wide ? 360 : 348);
  return bytes;
}

/** Concatenates records (and any trailing bytes) into one file image. */
export function file(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
