import type { EndpointEvent } from '../events/endpoint.js';
import type { SshtrailEvent } from '../events/index.js';

/**
 * An event read from any input: the core union, or an endpoint-only kind (Sysmon, osquery,
 * utmp: `process.exit`, `env.snapshot`, `login.record`, `ssh.key_inventory`, `ssh.config`).
 *
 * @example
 * ```ts
 * const kind = (e: InputEvent): string => e.kind;
 * ```
 */
export type InputEvent = SshtrailEvent | EndpointEvent;

const ENDPOINT_ONLY: ReadonlySet<string> = new Set([
  'process.exit',
  'env.snapshot',
  'login.record',
  'ssh.key_inventory',
  'ssh.config',
]);

/**
 * Tells whether an input event is of a kind the analyzer takes (`SshtrailEvent`), as opposed to
 * an endpoint-only kind not in that union yet.
 *
 * @param event - An event from {@link readPlan}.
 * @returns Whether it can go to `analyzer.pushEvent`.
 * @example
 * ```ts
 * for (const e of batch) if (isAnalyzerEvent(e)) analyzer.pushEvent(e);
 * ```
 */
export function isAnalyzerEvent(event: InputEvent): event is SshtrailEvent {
  return !ENDPOINT_ONLY.has(event.kind);
}
