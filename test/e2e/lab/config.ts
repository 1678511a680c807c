/**
 * The lab's fixed layout: names, addresses and users. Every name the lab creates on the
 * machine starts with {@link LAB_PREFIX}, so a leftover of a crashed run can be found and removed.
 */

/** Prefix of every namespace, directory and audit key the lab creates. */
export const LAB_PREFIX = 'sshtrail-lab';

/** The private lab network; its addresses exist only inside the lab's namespaces. */
export const LAB_SUBNET = '10.203.0.0/24';

/** How a host's rsyslog writes its file. */
export type SyslogStyle = 'rfc3164' | 'rfc3339';

/** One lab machine. Servers run sshd and rsyslog; clients only run ssh. */
export interface HostSpec {
  readonly name: string;
  readonly ip: string;
  readonly role: 'server' | 'client';
  readonly syslog?: SyslogStyle;
  readonly sshdLogLevel?: 'VERBOSE' | 'DEBUG1';
}

/** The hosts: a workstation, three servers and an outside machine. */
export const HOSTS: readonly HostSpec[] = [
  { name: 'ws', ip: '10.203.0.10', role: 'client' },
  { name: 'bastion', ip: '10.203.0.11', role: 'server', syslog: 'rfc3164', sshdLogLevel: 'DEBUG1' },
  { name: 'app1', ip: '10.203.0.12', role: 'server', syslog: 'rfc3339', sshdLogLevel: 'VERBOSE' },
  { name: 'db1', ip: '10.203.0.13', role: 'server', syslog: 'rfc3164', sshdLogLevel: 'VERBOSE' },
  { name: 'ext', ip: '10.203.0.66', role: 'client' },
];

/** The lab's users (created for the run, removed on clean-up). */
export const USERS = ['alice', 'bob', 'mallory'] as const;

/** A lab user name. */
export type LabUser = (typeof USERS)[number];

/** mallory's deliberately weak password, guessed by the brute force. */
export const MALLORY_PASSWORD = 'sunshine1';

/** The wrong passwords the brute force tries first. */
export const WRONG_PASSWORDS = ['123456', 'password', 'qwerty', 'letmein', 'mallory', 'welcome1'];

/** Network namespace of a host. */
export function netnsName(host: string): string {
  return `${LAB_PREFIX}-${host}`;
}

/** Network namespace holding the lab's bridge. */
export const SWITCH_NETNS = `${LAB_PREFIX}-switch`;

/** Looks a host up by name. */
export function hostSpec(name: string): HostSpec {
  const spec = HOSTS.find((h) => h.name === name);
  if (spec === undefined) throw new Error(`unknown lab host ${name}`);
  return spec;
}
