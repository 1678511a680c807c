import type { CaseAnswers, ContainmentStep } from '../findings/case.js';
import type { Finding } from '../findings/finding.js';
import type { SshSession } from '../model/session.js';
import { type CaseContext, cite, uniqueSorted } from './case-context.js';
import { collectIndicators } from './indicators.js';

/**
 * Plans the playbook's containment for one case: concrete steps, never executed by sshtrail.
 * Escalated cases get the full plan (terminate sessions, reset credentials, revoke keys,
 * disable forwarding, isolate hosts, sweep indicators); other cases only the hardening step
 * when agent forwarding was seen. Credentials are those of the person who acted
 * (`finding.actor.user`) and of the account whose identity was used, never of the account a
 * process merely ran as (root after sudo) unless it logged in itself; ControlMaster is disabled
 * on the client holding the socket; hosts a hijack reached through its sessions are isolated
 * with the hosts its findings are filed on.
 *
 * @param context - The case's findings, sessions and options.
 * @param escalate - The escalation decision.
 * @param answers - The case's answers (agent forwarding decides the forwarding step).
 * @returns The steps, in the order an operator would take them.
 * @example
 * ```ts
 * for (const step of planContainment(context, true, answers)) console.log(step.action, step.target);
 * ```
 */
export function planContainment(
  context: CaseContext,
  escalate: boolean,
  answers: CaseAnswers,
): ContainmentStep[] {
  const policy = context.options.policy;
  const suspicious = context.findings.filter((f) => !policy.informational.includes(f.detector));
  const steps: ContainmentStep[] = [];
  if (escalate) {
    steps.push(...terminateSessions(context, suspicious));
    steps.push(...resetCredentials(context, suspicious));
    steps.push(...revokeKeys(context, suspicious));
  }
  steps.push(...disableForwarding(context, answers, escalate));
  if (escalate) {
    steps.push(...isolateHosts(context, suspicious));
    const sweep = sweepIndicators(context, suspicious);
    if (sweep !== undefined) steps.push(sweep);
  }
  return steps;
}

function step(
  action: string,
  target: string,
  why: string,
  command: string | undefined,
  host: string | undefined,
  findings: readonly Finding[],
): ContainmentStep {
  return { action, target, why, command, host, findings: findings.map((f) => f.id) };
}

/** Session ids look like `<host>/<pid>/<start>`: the fallback when the session is not known. */
function parseSessionId(id: string): { host: string; pid: number } | undefined {
  const first = id.indexOf('/');
  const last = id.lastIndexOf('/');
  if (first <= 0 || last <= first) return undefined;
  const pid = Number(id.slice(first + 1, last));
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { host: id.slice(0, first), pid };
}

function terminateSessions(
  context: CaseContext,
  suspicious: readonly Finding[],
): ContainmentStep[] {
  const byId = new Map(context.sessions.map((s) => [s.id, s] as const));
  const steps: ContainmentStep[] = [];
  const done = new Set<string>();
  for (const f of suspicious) {
    for (const id of f.sessionIds) {
      if (done.has(id)) continue;
      done.add(id);
      const cited = suspicious.filter((g) => g.sessionIds.includes(id));
      const why = `${cited.map((g) => `${g.id} ${g.detector}`).join('; ')}.`;
      const session = byId.get(id);
      if (session === undefined) {
        const parsed = parseSessionId(id);
        if (parsed === undefined) continue;
        steps.push(
          step(
            'terminate_session',
            `${parsed.host}: sshd pid ${parsed.pid} (session ${id})`,
            why,
            `kill ${parsed.pid}`,
            parsed.host,
            cited,
          ),
        );
        continue;
      }
      if (session.state === 'closed' && !session.partial.end) continue;
      steps.push(terminateStep(session, why, cited));
    }
  }
  return steps;
}

function terminateStep(s: SshSession, why: string, cited: readonly Finding[]): ContainmentStep {
  const host = s.host ?? '(unknown host)';
  const pid = s.pids.monitor ?? s.pids.child;
  const parts: string[] = [];
  const commands: string[] = [];
  if (pid !== undefined) {
    parts.push(`sshd pid ${pid}`);
    commands.push(`kill ${pid}`);
  }
  if (s.logindSessionId !== undefined) {
    parts.push(`logind session ${s.logindSessionId}`);
    commands.push(`loginctl terminate-session ${s.logindSessionId}`);
  }
  const who = `${s.user ?? '?'} from ${s.sourceIp ?? s.sourceName ?? '?'}`;
  return step(
    'terminate_session',
    `${host}: ${parts.join(', ') || `session ${s.id}`} (${who})`,
    why,
    commands.length > 0 ? commands.join('; ') : undefined,
    s.host,
    cited,
  );
}

/**
 * The accounts whose credentials a finding puts at risk, each with the host it was seen on: the
 * person who acted (`actor.user`, on the actor's session's host) and the finding's user, unless
 * that user is only the account the actor's process ran as (root after sudo) and never logged in
 * to the case: `passwd root` would not stop the person behind it.
 */
function accountsOf(f: Finding, loggedIn: ReadonlySet<string>): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  const actor = f.actor;
  if (actor?.user !== undefined) {
    const at = actor.sessionId === undefined ? undefined : parseSessionId(actor.sessionId)?.host;
    out.push([actor.user, at ?? f.host]);
  }
  const user = f.user;
  if (user === undefined || user === actor?.user) return out;
  const runAsOnly = actor !== undefined && user === actor.effectiveUser && !loggedIn.has(user);
  if (!runAsOnly) out.push([user, f.host]);
  return out;
}

function resetCredentials(context: CaseContext, suspicious: readonly Finding[]): ContainmentStep[] {
  const steps: ContainmentStep[] = [];
  const loggedIn = new Set(uniqueSorted(context.sessions.map((s) => s.user)));
  const accounts = suspicious.map((f) => [f, accountsOf(f, loggedIn)] as const);
  for (const user of uniqueSorted(accounts.flatMap(([, a]) => a.map(([u]) => u)))) {
    const mine = accounts.filter(([, a]) => a.some(([u]) => u === user));
    const hosts = uniqueSorted(
      mine.flatMap(([, a]) => a.filter(([u]) => u === user).map(([, h]) => h)),
    );
    const findings = mine.map(([f]) => f);
    steps.push(
      step(
        'reset_credentials',
        `account ${user}${hosts.length > 0 ? ` (seen on ${hosts.join(', ')})` : ''}`,
        `${user} is involved in ${findings.map((f) => f.id).join(', ')}; change its password and review its permissions.`,
        `passwd ${user}`,
        undefined,
        findings,
      ),
    );
  }
  const privileged = suspicious.filter((f) => f.detector === 'ssh.privilege_escalation');
  for (const user of uniqueSorted(privileged.map((f) => f.user))) {
    const mine = privileged.filter((f) => f.user === user);
    const hosts = uniqueSorted(mine.map((f) => f.host));
    steps.push(
      step(
        'review_permissions',
        `sudoers and group membership of ${user} on ${hosts.join(', ') || 'the case hosts'}`,
        `Privilege escalation by ${user} (${mine.map((f) => f.id).join(', ')}).`,
        `sudo -l -U ${user}`,
        hosts.length === 1 ? hosts[0] : undefined,
        mine,
      ),
    );
  }
  return steps;
}

function revokeKeys(context: CaseContext, suspicious: readonly Finding[]): ContainmentStep[] {
  const steps: ContainmentStep[] = [];
  const cited = new Set(suspicious.flatMap((f) => f.sessionIds));
  const seen = new Set<string>();
  for (const s of context.sessions) {
    const fp = s.key?.fingerprint;
    if (fp === undefined || !cited.has(s.id)) continue;
    const where = `${s.user ?? '?'}@${s.host ?? '?'}`;
    if (seen.has(`${fp} ${where}`)) continue;
    seen.add(`${fp} ${where}`);
    const behind = suspicious.filter((f) => f.sessionIds.includes(s.id));
    const location = s.keyLocation === undefined ? '' : ` (${s.keyLocation})`;
    steps.push(
      step(
        'revoke_key',
        `${fp} from ${s.user ?? 'the user'}'s authorized_keys on ${s.host ?? 'the host'}${location}`,
        `The key authenticated session ${s.id} (${behind.map((f) => f.id).join(', ')}).`,
        s.keyLocation === undefined
          ? `remove the entry whose ssh-keygen -lf fingerprint is ${fp}`
          : `remove line ${s.keyLocation.slice(s.keyLocation.lastIndexOf(':') + 1)} of ${s.keyLocation.slice(0, s.keyLocation.lastIndexOf(':'))}`,
        s.host,
        behind,
      ),
    );
  }
  const fromSessions = new Set([...seen].map((k) => k.slice(0, k.indexOf(' '))));
  const hosts = uniqueSorted(suspicious.map((f) => f.host));
  for (const fp of collectIndicators(suspicious, []).fingerprints) {
    if (fromSessions.has(fp)) continue;
    const behind = suspicious.filter(
      (f) => f.explanation.includes(fp) || f.evidence.some((e) => e.text.includes(fp)),
    );
    steps.push(
      step(
        'revoke_key',
        `${fp} from every authorized_keys on ${hosts.join(', ') || 'the estate'}`,
        `The key is named in ${behind.map((f) => f.id).join(', ')}.`,
        `remove the entries whose ssh-keygen -lf fingerprint is ${fp}`,
        undefined,
        behind,
      ),
    );
  }
  return steps;
}

function disableForwarding(
  context: CaseContext,
  answers: CaseAnswers,
  escalate: boolean,
): ContainmentStep[] {
  const steps: ContainmentStep[] = [];
  const forwarding = answers.agent_forwarding;
  const related = context.findings.filter((f) => forwarding.findings.includes(f.id));
  if (forwarding.answer === 'yes') {
    const hosts = uniqueSorted([
      ...related.map((f) => f.host),
      ...context.sessions.filter((s) => s.agentForwarding === true).map((s) => s.host),
    ]);
    for (const host of hosts) {
      steps.push(
        step(
          'disable_agent_forwarding',
          `${host}: /etc/ssh/sshd_config`,
          `Agent forwarding was in use on ${host}${escalate ? ' in an escalated case' : ''}; the playbook asks to disable it wherever possible.`,
          'AllowAgentForwarding no (then reload sshd)',
          host,
          related.filter((f) => f.host === host),
        ),
      );
    }
    const clients = uniqueSorted([
      ...related.map((f) => f.sourceIp),
      ...context.sessions.filter((s) => s.agentForwarding === true).map((s) => s.sourceIp),
    ]);
    steps.push(
      step(
        'disable_agent_forwarding',
        `ssh_config of the clients${clients.length > 0 ? ` (${clients.join(', ')})` : ''}`,
        'Clients should not forward their agent to servers where others may hold root.',
        'ForwardAgent no; ClearAllForwardings yes (use ProxyJump instead of agent forwarding)',
        undefined,
        related,
      ),
    );
  }
  const master = context.findings.filter((f) => f.detector === 'ssh.control_master_hijack');
  for (const host of uniqueSorted(master.map((f) => masterHost(f, context)))) {
    const mine = master.filter((f) => masterHost(f, context) === host);
    steps.push(
      step(
        'disable_control_master',
        `${host}: ssh_config and the users' ControlPath sockets`,
        `A ControlMaster socket was reused on ${host} ${cite(mine)}.`,
        'ControlMaster no; ControlPersist no; remove stale ControlPath sockets (ssh -O exit)',
        host,
        mine,
      ),
    );
  }
  return steps;
}

/**
 * Where the hijacked ControlMaster socket lives: on the client. A finding with an actor saw it
 * used there (the actor's session's host). One filed on the server (a channel with no login)
 * came from the client its connection came from: the case host whose session has that local
 * address. Otherwise the finding's host is taken as the client.
 */
function masterHost(f: Finding, context: CaseContext): string | undefined {
  const sessionId = f.actor?.sessionId;
  const actorHost = sessionId === undefined ? undefined : parseSessionId(sessionId)?.host;
  if (actorHost !== undefined) return actorHost;
  if (f.actor === undefined && f.sourceIp !== undefined) {
    const client = context.sessions.find(
      (s) => s.localIp === f.sourceIp && s.host !== undefined && s.host !== f.host,
    )?.host;
    if (client !== undefined) return client;
  }
  return f.host;
}

function isolateHosts(context: CaseContext, suspicious: readonly Finding[]): ContainmentStep[] {
  const decisive = context.options.policy.unauthorizedAccess;
  const movement = context.options.policy.lateralOrPrivilege;
  const compromised = suspicious.filter(
    (f) => decisive.includes(f.detector) || movement.includes(f.detector),
  );
  const basis = compromised.length > 0 ? compromised : suspicious;
  const filedOn = uniqueSorted(basis.map((f) => f.host));
  const steps = filedOn.map((host) => {
    const mine = basis.filter((f) => f.host === host);
    return step(
      'isolate_host',
      host,
      `${byDetector(mine)} on ${host}: isolate it for forensic analysis (residual binaries, scripts, agent sockets).`,
      undefined,
      host,
      mine,
    );
  });
  // A hijack filed on the client also ran on the hosts of its other sessions (a channel through
  // a hijacked ControlMaster, a login with a hijacked agent), even when no detector filed a
  // finding there: those hosts are compromised too.
  const byId = new Map(context.sessions.map((s) => [s.id, s] as const));
  const hostOf = (id: string) => byId.get(id)?.host ?? parseSessionId(id)?.host;
  const reached = uniqueSorted(compromised.flatMap((f) => f.sessionIds.map(hostOf))).filter(
    (h) => !filedOn.includes(h),
  );
  for (const host of reached) {
    const mine = compromised.filter((f) => f.sessionIds.some((id) => hostOf(id) === host));
    const sessions = uniqueSorted(
      mine.flatMap((f) => f.sessionIds.filter((id) => hostOf(id) === host)),
    );
    const from = uniqueSorted(mine.map((f) => f.host));
    steps.push(
      step(
        'isolate_host',
        host,
        `${byDetector(mine)}${from.length > 0 ? ` on ${from.join(', ')}` : ''} reached ${host} (session ${sessions.join(', ')}): isolate it for forensic analysis (residual binaries, scripts, agent sockets).`,
        undefined,
        host,
        mine,
      ),
    );
  }
  return steps.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

/** Finding ids already start with their detector: name each detector once, then its ids. */
function byDetector(findings: readonly Finding[]): string {
  return uniqueSorted(findings.map((f) => f.detector))
    .map((d) => `${d} ${cite(findings.filter((f) => f.detector === d))}`)
    .join(', ');
}

function sweepIndicators(
  context: CaseContext,
  suspicious: readonly Finding[],
): ContainmentStep | undefined {
  const iocs = collectIndicators(suspicious, context.sessions);
  const parts: string[] = [];
  if (iocs.addresses.length > 0) parts.push(`addresses ${iocs.addresses.join(', ')}`);
  if (iocs.fingerprints.length > 0) parts.push(`fingerprints ${iocs.fingerprints.join(', ')}`);
  if (iocs.socketPaths.length > 0) parts.push(`sockets ${iocs.socketPaths.join(', ')}`);
  if (parts.length === 0) return undefined;
  return step(
    'sweep_indicators',
    parts.join('; '),
    'Apply the case indicators across the estate to find the same actor elsewhere.',
    'sshtrail sweep on every host, and scan the estate logs for these indicators',
    undefined,
    suspicious,
  );
}
