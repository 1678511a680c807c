import { basename, dirname } from 'node:path';
import { parseJournaldRecord } from '../parsers/journald/index.js';
import { createEnvelopeParser } from '../parsers/syslog/index.js';
import type { InputPlan } from './plan-inputs.js';
import { readLines } from './read-lines.js';

/** Formats whose records may name no host (auditd without `node=`, utmp). */
const HOSTLESS = new Set(['auditd', 'utmp']);
const HEAD_LINES = 64;

/**
 * Gives host-less inputs (auditd without `node=`, utmp) the host of their directory when the
 * syslog or journald files beside them name exactly one host in their first lines: a host's
 * own `/var/log` copy. Inputs that already have a host (`--host`, `--host-from-dir`) keep it.
 */
export async function inferSiblingHosts(plans: readonly InputPlan[]): Promise<InputPlan[]> {
  const hostsByDir = new Map<string, Promise<ReadonlySet<string>>>();
  const hostsOf = (dir: string): Promise<ReadonlySet<string>> => {
    let found = hostsByDir.get(dir);
    if (found === undefined) {
      const siblings = plans.filter(
        (p) =>
          (p.format === 'syslog' || p.format === 'journald-json') &&
          p.files[0] !== '-' &&
          dirname(p.files[0] ?? '') === dir,
      );
      found = namedHosts(siblings);
      hostsByDir.set(dir, found);
    }
    return found;
  };
  const out: InputPlan[] = [];
  for (const plan of plans) {
    const first = plan.files[0];
    if (
      plan.host !== undefined ||
      !HOSTLESS.has(plan.format ?? '') ||
      first === undefined ||
      first === '-'
    ) {
      out.push(plan);
      continue;
    }
    const hosts = await hostsOf(dirname(first));
    const [only] = hosts;
    out.push(
      hosts.size === 1 && only !== undefined
        ? {
            ...plan,
            host: only,
            reason: `${plan.reason}; host ${only} from the logs beside ${basename(first)}`,
          }
        : plan,
    );
  }
  return out;
}

async function namedHosts(plans: readonly InputPlan[]): Promise<ReadonlySet<string>> {
  const hosts = new Set<string>();
  for (const plan of plans) {
    const file = plan.files[plan.files.length - 1];
    if (file === undefined) continue;
    const envelope = createEnvelopeParser();
    let n = 0;
    try {
      for await (const line of readLines(file)) {
        const result = line.startsWith('{') ? parseJournaldRecord(line) : envelope(line);
        if (result.ok && result.envelope.host !== undefined) hosts.add(result.envelope.host);
        if (++n >= HEAD_LINES || hosts.size > 1) break;
      }
    } catch {
      // Unreadable siblings say nothing about the host; the file itself is reported elsewhere.
    }
  }
  return hosts;
}
