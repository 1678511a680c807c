import { open } from 'node:fs/promises';
import type { InputPlan } from './plan-inputs.js';

const TAIL_BYTES = 64 * 1024;
const AUDIT_TIME = /audit\((\d{9,11})\.(\d{3}):\d+\)/g;

/**
 * The time of the newest audit record among the inputs (read from the end of each plain audit
 * log), or `undefined`. RFC3164 lines carry no year: inferring it relative to logs that do
 * (rather than to today) keeps a past incident's auth lines in the same year as its audit
 * records.
 *
 * @param plans - The planned inputs.
 * @returns Epoch milliseconds, or `undefined` when no audit log could be read.
 * @example
 * ```ts
 * const referenceTime = await newestAuditTime(plans);
 * ```
 */
export async function newestAuditTime(plans: readonly InputPlan[]): Promise<number | undefined> {
  let newest: number | undefined;
  for (const plan of plans) {
    if (plan.format !== 'auditd') continue;
    const file = plan.files[plan.files.length - 1];
    if (file === undefined || file === '-' || file.endsWith('.gz')) continue;
    const tail = await readTail(file);
    for (const m of tail.matchAll(AUDIT_TIME)) {
      const time = Number(m[1]) * 1000 + Number(m[2]);
      if (newest === undefined || time > newest) newest = time;
    }
  }
  return newest;
}

async function readTail(path: string): Promise<string> {
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, TAIL_BYTES);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      return buffer.toString('latin1');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}
