import type { AuthEvent } from './auth.js';
import type { EndpointEvent } from './endpoint.js';
import type { HostEvent } from './host.js';
import type { NetworkEvent } from './network.js';
import type { SshEvent } from './ssh.js';

export type * from './auth.js';
export type * from './base.js';
export type * from './endpoint.js';
export type * from './host.js';
export type * from './network.js';
export type * from './provenance.js';
export type * from './ssh.js';

/**
 * Every normalized event sshtrail produces: a discriminated union on `kind`.
 *
 * @example
 * ```ts
 * function describe(e: SshtrailEvent): string {
 *   switch (e.kind) {
 *     case 'ssh.auth': return `${e.outcome} ${e.user ?? '?'} from ${e.sourceIp ?? '?'}`;
 *     default: return e.kind;
 *   }
 * }
 * ```
 */
export type SshtrailEvent = SshEvent | AuthEvent | HostEvent | NetworkEvent | EndpointEvent;

/** The `kind` of any event. */
export type EventKind = SshtrailEvent['kind'];
