import type { Provenance } from '../../events/provenance.js';
import type {
  AgentSocketHijackState,
  HijackActor,
  OnwardClient,
  PriorConnect,
} from './agent-socket-state.js';

// The ssh client processes of a hijacking actor: which one made an onward login, and what it
// did before the actor existed.

/** @internal How far a second-precision syslog stamp may sort before the audit records it follows. */
export const SKEW_MS = 5_000;
const MAX_CLIENTS = 8;

/** @internal The actor's client process `pid` (created when `create`). */
export function clientOf(
  a: HijackActor,
  pid: number | undefined,
  time: number,
  create: boolean,
): OnwardClient | undefined {
  const clients = a.clients ?? [];
  a.clients = clients;
  const known = clients.find((c) => c.pid !== undefined && c.pid === pid);
  if (known !== undefined || !create || pid === undefined) return known;
  if (clients.length >= MAX_CLIENTS) clients.shift();
  const fresh: OnwardClient = { pid, time, lines: [], addresses: [], uses: [], useTime: undefined };
  clients.push(fresh);
  return fresh;
}

/** @internal Takes the recent connects to port 22 of process `pid` on `host` out of the state. */
export function takeConnects(
  state: AgentSocketHijackState,
  host: string | undefined,
  pid: number | undefined,
): PriorConnect[] {
  const connects = state.connects;
  if (connects === undefined || pid === undefined) return [];
  const mine = connects.filter((c) => c.host === host && c.pid === pid);
  if (mine.length > 0) state.connects = connects.filter((c) => !mine.includes(c));
  return mine;
}

/** @internal Records a client's own use of the socket. */
export function recordUse(c: OnwardClient, time: number, lines: readonly Provenance[]): void {
  c.useTime ??= time;
  for (const l of lines) if (c.uses.length < 10) c.uses.push(l);
}

/**
 * @internal The client behind an onward login at `t` to `localIp`: the latest one that connected to that
 * address, else the latest started before the login (SKEW_MS: second-precision syslog).
 */
export function onwardClient(
  a: HijackActor,
  t: number,
  localIp: string | undefined,
): OnwardClient | undefined {
  let to: OnwardClient | undefined;
  let before: OnwardClient | undefined;
  for (const c of a.clients ?? []) {
    if (c.time > t + SKEW_MS || c.lines.length === 0) continue;
    if (localIp !== undefined && c.addresses.includes(localIp)) {
      if (to === undefined || c.time >= to.time) to = c;
    } else if (before === undefined || c.time >= before.time) before = c;
  }
  return to ?? before;
}
