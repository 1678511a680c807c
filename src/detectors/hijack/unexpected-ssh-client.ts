import type { Provenance } from '../../events/provenance.js';
import type { FindingActor, Severity } from '../../findings/finding.js';
import { createFinding } from '../create-finding.js';
import type { Detector, DetectorContext } from '../detector.js';
import { type Lru, lruCreate, lruGet, lruSet } from '../lru.js';
import { createQuietSteps } from '../no-findings.js';
import { isoSeconds, isServiceAccount } from '../ssh/knowledge.js';
import { knownOptions, numberOption } from '../ssh/options.js';
import { actorSessionOf, findingActor } from './actor.js';
import { keyLines } from './audit-lines.js';
import {
  baseName,
  createHostFacts,
  type HostFacts,
  isSshClientExe,
  isSshdExe,
  learnEvent,
  procOf,
  userOfUid,
} from './host-facts.js';
import { parseSshArgs } from './ssh-args.js';

// Steps that find nothing reuse one object per state (see createQuietSteps).
const quiet = createQuietSteps();

/** Detector id of {@link unexpectedSshClient}. */
export const UNEXPECTED_SSH_CLIENT = 'ssh.unexpected_ssh_client';

/**
 * Options of {@link unexpectedSshClient}.
 *
 * @example
 * ```ts
 * const options: UnexpectedSshClientOptions = { serviceAccounts: ['www-data', 'jenkins'] };
 * ```
 */
export interface UnexpectedSshClientOptions {
  /** Accounts that should never start an ssh client (default: common web and daemon accounts). */
  readonly serviceAccounts?: readonly string[];
  /** Highest uid of a system account (default 999). */
  readonly maxSystemUid?: number;
  /** Processes reported once per host and pid; this many remembered (default 10000). */
  readonly maxReported?: number;
}

/** State of {@link unexpectedSshClient}. */
export interface UnexpectedSshClientState {
  /** Learned processes and accounts. */
  readonly facts: HostFacts;
  /** Processes already reported. */
  readonly reported: Lru<true>;
}

const DEFAULT_SERVICE = [
  'www-data',
  'nginx',
  'apache',
  'httpd',
  'nobody',
  'daemon',
  'tomcat',
  'php-fpm',
  'mysql',
  'postgres',
  'redis',
];
const WEB_PARENTS: ReadonlySet<string> = new Set([
  'nginx',
  'apache2',
  'httpd',
  'php-fpm',
  'php',
  'lighttpd',
  'caddy',
  'uwsgi',
  'gunicorn',
  'tomcat',
  'java',
  'node',
]);
const TRACED: ReadonlySet<string> = new Set([
  'ssh',
  'sshd',
  'sshd-session',
  'tmux',
  'screen',
  'ssh-agent',
]);
/**
 * The SSH session the process ran in (its audit session or ancestry), so triage can join it,
 * and the process as the finding's actor.
 */
function acting(
  facts: HostFacts,
  context: DetectorContext,
  e: {
    readonly host: string | undefined;
    readonly pid: number | undefined;
    readonly ses: number | undefined;
    readonly auid: number | undefined;
    readonly uid: number | undefined;
    readonly euid: number | undefined;
    readonly exe: string | undefined;
    readonly time: number;
  },
): { readonly sessionIds: string[]; readonly actor: FindingActor } {
  const id = actorSessionOf(context, e.host, e, e.time);
  return {
    sessionIds: id === undefined ? [] : [id],
    actor: findingActor(facts, context, e.host, e, id),
  };
}

const RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

/**
 * `ssh.unexpected_ssh_client` (T1021.004): ssh clients that should not be there, and ptrace of
 * SSH processes. High: an ssh/scp/sftp started by a service account (web servers, daemons,
 * system uids) or by a web-server parent, or any ptrace of `ssh`, `sshd`, `sshd-session`,
 * `tmux` or `screen` by another uid or login. Medium: hijack-friendly options (`-o
 * ProxyCommand=`, `-A` by root, `StrictHostKeyChecking=no` with `UserKnownHostsFile=/dev/null`,
 * `-S`/`-O` on a socket outside the caller's home) or a root ssh client with no login session.
 * Configured automation accounts are lowered to low.
 *
 * @param options - Account lists and caps.
 * @returns The detector.
 * @throws RangeError / TypeError for invalid options.
 * @example
 * ```ts
 * const detector = unexpectedSshClient({ serviceAccounts: ['www-data', 'jenkins'] });
 * ```
 */
export function unexpectedSshClient(
  options: UnexpectedSshClientOptions = {},
): Detector<UnexpectedSshClientState> {
  const raw = options as Readonly<Record<string, unknown>>;
  knownOptions(raw, ['serviceAccounts', 'maxSystemUid', 'maxReported'], UNEXPECTED_SSH_CLIENT);
  const maxSystemUid = numberOption(raw, 'maxSystemUid', 999, 0);
  const maxReported = numberOption(raw, 'maxReported', 10_000, 1);
  const service = options.serviceAccounts ?? DEFAULT_SERVICE;
  if (!Array.isArray(service) || service.some((s) => typeof s !== 'string')) {
    throw new TypeError('option serviceAccounts must be a list of account names');
  }
  const serviceSet = new Set(service);
  return {
    id: UNEXPECTED_SSH_CLIENT,
    title: 'Unexpected ssh client or ptrace of SSH',
    description:
      'ssh clients started by service accounts, web servers or without a login, with hijack-friendly options, and ptrace of ssh/sshd/tmux.',
    techniques: ['T1021.004', 'T1563.001'],
    needs: ['process'],
    options: { serviceAccounts: [...service], maxSystemUid, maxReported },
    init: () => ({ facts: createHostFacts(), reported: lruCreate() }),
    step(state, input, context) {
      if (input.kind !== 'event') return quiet(state);
      const e = input.event;
      learnEvent(state.facts, e);
      if (e.kind === 'process.ptrace') {
        const target = procOf(state.facts, context, e.host, e.targetPid, e.time);
        const name = baseName(e.targetComm ?? target?.exe);
        if (name === undefined || !TRACED.has(name)) return quiet(state);
        const actor = e.euid ?? e.uid;
        const targetUid = e.targetUid ?? target?.euid ?? target?.uid;
        const foreign =
          (actor !== undefined && targetUid !== undefined && actor !== targetUid) ||
          (e.auid !== undefined && e.targetAuid !== undefined && e.auid !== e.targetAuid);
        const k = `${e.host ?? ''}\u0000t${e.pid ?? '?'}\u0000${e.targetPid ?? '?'}`;
        if (lruGet(state.reported, k) !== undefined) return quiet(state);
        lruSet(state.reported, k, true, maxReported);
        const by = `${userOfUid(state.facts, context, e.host, actor) ?? `uid ${actor ?? '?'}`} (${e.exe ?? e.comm ?? '?'})`;
        return {
          state,
          findings: [
            createFinding({
              detector: UNEXPECTED_SSH_CLIENT,
              title: `ptrace of ${name}`,
              severity: foreign ? 'high' : 'medium',
              confidence: 0.8,
              techniques: ['T1563.001', 'T1055.008'],
              time: e.time,
              host: e.host,
              user: userOfUid(state.facts, context, e.host, targetUid),
              sourceIp: undefined,
              ...acting(state.facts, context, e),
              evidence: [...(target?.lines ?? []), ...keyLines(e)],
              explanation: `${by} traced ${name} pid ${e.targetPid ?? '?'} (${e.requestName ?? 'ptrace'}) on ${e.host ?? 'an unnamed host'} at ${isoSeconds(e.time)}${foreign ? ", a process of another user: it can read the session's keys or inject into it" : ''}.`,
            }),
          ],
        };
      }
      if (e.kind !== 'process.exec') return quiet(state);
      if (!(isSshClientExe(e.exe) || isSshClientExe(e.argv[0]))) return quiet(state);
      const uid = e.euid ?? e.uid;
      const user = userOfUid(state.facts, context, e.host, uid);
      const parent = procOf(state.facts, context, e.host, e.ppid, e.time);
      const parentName = baseName(parent?.exe);
      const reasons: string[] = [];
      let severity: Severity | undefined;
      const raise = (s: Severity, why: string): void => {
        reasons.push(why);
        if (severity === undefined || RANK[s] > RANK[severity]) severity = s;
      };
      if (user !== undefined && serviceSet.has(user))
        raise('high', `it ran as the service account ${user}`);
      else if (uid !== undefined && uid > 0 && uid <= maxSystemUid)
        raise('high', `it ran as system uid ${uid}`);
      if (parentName !== undefined && WEB_PARENTS.has(parentName)) {
        raise('high', `its parent is ${parent?.exe}`);
      }
      if (uid === 0 && e.auid === undefined && !isSshdExe(parent?.exe)) {
        raise('medium', 'it ran as root with no login session');
      }
      const args = parseSshArgs(e.argv);
      const o = args.options;
      if (o.proxycommand !== undefined) raise('medium', `it sets ProxyCommand=${o.proxycommand}`);
      if (uid === 0 && (args.flags.includes('A') || o.forwardagent?.toLowerCase() === 'yes')) {
        raise('medium', 'root forwards its agent (-A)');
      }
      // Automation does this all day; alone it is a note, with any other reason it adds weight.
      if (o.stricthostkeychecking?.toLowerCase() === 'no' && o.userknownhostsfile === '/dev/null') {
        raise('low', 'it disables host key checking and known_hosts');
      }
      if (args.controlPath !== undefined && !args.master) {
        const home = uid === 0 ? '/root/' : user === undefined ? undefined : `/home/${user}/`;
        const mine =
          home !== undefined && args.controlPath.startsWith(home)
            ? true
            : args.controlPath.startsWith('/tmp/') ||
                args.controlPath.startsWith('/home/') ||
                args.controlPath.startsWith('/root/')
              ? false
              : undefined;
        if (mine === false) {
          raise(
            'medium',
            `it uses the control socket ${args.controlPath}${args.controlCommand === undefined ? '' : ` (-O ${args.controlCommand})`} outside its own home`,
          );
        }
      }
      if (severity === undefined) return quiet(state);
      const k = `${e.host ?? ''}\u0000${e.pid ?? '?'}\u0000${e.time}`;
      if (lruGet(state.reported, k) !== undefined) return quiet(state);
      lruSet(state.reported, k, true, maxReported);
      if (isServiceAccount(context, user) && severity !== 'high') severity = 'low';
      const evidence: Provenance[] = [...(parent?.lines ?? []), ...keyLines(e)];
      const finalSeverity: Severity = severity;
      return {
        state,
        findings: [
          createFinding({
            detector: UNEXPECTED_SSH_CLIENT,
            title: 'Unexpected ssh client',
            severity: finalSeverity,
            confidence: finalSeverity === 'high' ? 0.8 : 0.55,
            techniques: ['T1021.004'],
            time: e.time,
            host: e.host,
            user,
            sourceIp: undefined,
            ...acting(state.facts, context, e),
            evidence,
            explanation: `${baseName(e.exe) ?? 'ssh'} (${e.argv.slice(0, 8).join(' ')}) started on ${e.host ?? 'an unnamed host'} at ${isoSeconds(e.time)}: ${reasons.join('; ')}.`,
          }),
        ],
      };
    },
  };
}
