import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import type { SshSession } from '../../src/model/session.js';
import { renderHtmlReport } from '../../src/output/html/render-html-report.js';
import { createTriage } from '../../src/triage/create-triage.js';
import { at, finding, SCENARIOS, session } from '../fixtures/triage/scenarios.js';

const EVIL_USER = '<script>document.body.setAttribute("data-pwned","1")</script>';

function fixtureReport(): string {
  const sessions = SCENARIOS.flatMap((s) => s.sessions);
  const hops = SCENARIOS.flatMap((s) => s.hops);
  // An attacker-chosen user name: sshd logs whatever the client sent.
  const evilSession = session({
    host: 'web3',
    pid: 7777,
    user: EVIL_USER,
    ip: '192.0.2.66',
    port: 4444,
    start: at(12, 0),
  });
  const evil: Finding = finding({
    id: 'f-x<img src=x onerror=alert(1)>',
    detector: 'ssh.brute_force_success',
    title: 'Password guessed',
    severity: 'high',
    techniques: ['T1110.001'],
    time: at(12, 0),
    host: 'web3',
    user: EVIL_USER,
    ip: '192.0.2.66',
    sessions: [evilSession],
    evidence: [
      {
        source: 'web3/auth.log',
        line: 9,
        text: `Mar  4 12:00:00 web3 sshd[7777]: Accepted password for ${EVIL_USER} from 192.0.2.66 port 4444 ssh2`,
      },
    ],
    explanation: `Failed passwords for ${EVIL_USER} were followed by a success.`,
  });
  const findings = [...SCENARIOS.flatMap((s) => s.findings), evil];
  const triage = createTriage();
  for (const s of [...sessions, evilSession]) triage.addSession(s);
  for (const h of hops) triage.addHop(h);
  for (const f of findings) triage.addFinding(f);
  return renderHtmlReport({
    findings,
    cases: triage.flush(),
    sessions: [...sessions, evilSession],
    hops,
    title: 'sshtrail fixtures',
  });
}

const html = fixtureReport();

describe('renderHtmlReport', () => {
  it('is one self-contained document with no external asset', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/\b(?:src|href)=["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\((?!#)/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('escapes attacker-controlled text everywhere', () => {
    expect(html).not.toContain(EVIL_USER);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(
      '&lt;script&gt;document.body.setAttribute(&quot;data-pwned&quot;,&quot;1&quot;)&lt;/script&gt;',
    );
  });

  it('shows control characters of evidence lines as control pictures', () => {
    const enriched = finding({
      id: 'f-enriched',
      detector: 'ssh.agent_socket_hijack',
      title: "Another user's SSH agent socket used",
      severity: 'high',
      techniques: ['T1563.001'],
      time: at(12, 0),
      host: 'bastion',
      user: 'alice',
      ip: '10.20.0.10',
      sessions: [],
      evidence: [
        {
          source: 'bastion/audit.log',
          line: 46,
          text: 'type=SOCKADDR msg=audit(1773133285.020:4011): saddr=01002F\u001dSADDR={ saddr_fam=local }',
        },
      ],
      explanation: 'x',
    });
    const report = renderHtmlReport({ findings: [enriched], cases: [], sessions: [] });
    expect(report).toContain('saddr=01002F\u241dSADDR={ saddr_fam=local }');
    expect(report).not.toContain('\u001d');
  });

  it('draws host and user swimlanes, session bars, finding markers and the hop', () => {
    expect(html.match(/<svg class="swimlanes"/g)).toHaveLength(2);
    expect(html).toContain('data-lane="bastion"');
    expect(html).toContain('data-lane="alice"');
    expect(html).toContain('data-session="bastion/2210/1709542931000"');
    expect(html).toContain('data-finding="f-a1"');
    expect(html).toContain('data-hop="bastion/2301/1709544005000 -&gt; web1/3100/1709544340000"');
  });

  it('lists escalated cases first with their decision, answers and containment', () => {
    const first = html.indexOf('<article class="panel case"');
    expect(html.slice(first, first + 400)).toContain('ESCALATE TO TIER 2');
    expect(html).toContain('data-answer="agent_forwarding"');
    expect(html).toContain('kill 2301; loginctl terminate-session 44');
    expect(html.match(/no escalation/g)?.length).toBeGreaterThan(0);
  });

  it('is deterministic', () => {
    expect(fixtureReport()).toBe(html);
  });

  it('infers hops from the sessions when none are given', () => {
    const upstream = {
      ...session({
        host: 'bastion',
        pid: 2210,
        user: 'alice',
        ip: '198.51.100.23',
        port: 51514,
        start: at(9, 2),
      }),
      localIp: '10.0.0.10',
    };
    const downstream = session({
      host: 'web1',
      pid: 3100,
      user: 'alice',
      ip: '10.0.0.10',
      port: 43122,
      start: at(9, 25),
    });
    const out = renderHtmlReport({ findings: [], cases: [], sessions: [upstream, downstream] });
    expect(out).toContain(`data-hop="${upstream.id} -&gt; ${downstream.id}"`);
    expect(
      renderHtmlReport({ findings: [], cases: [], sessions: [upstream, downstream], hops: [] }),
    ).not.toContain('data-hop=');
  });

  it('says when an inferred hop’s source session is a guess among several open ones', () => {
    const at9 = { ip: '198.51.100.23', port: 51514 };
    const alice = {
      ...session({ host: 'bastion', pid: 2210, user: 'alice', start: at(9, 2), ...at9 }),
      localIp: '10.0.0.10',
    };
    const mallory = {
      ...session({
        host: 'bastion',
        pid: 2301,
        user: 'mallory',
        start: at(9, 20),
        ...at9,
        port: 40022,
      }),
      localIp: '10.0.0.10',
    };
    const web1 = session({
      host: 'web1',
      pid: 3100,
      user: 'alice',
      ip: '10.0.0.10',
      port: 43122,
      start: at(9, 25),
    });
    const hopTitle = (sessions: SshSession[]) =>
      renderHtmlReport({ findings: [], cases: [], sessions }).match(
        /<title>(hop [^<]*)<\/title>/,
      )?.[1];
    expect(hopTitle([alice, web1])).toBe(`hop ${alice.id} → ${web1.id}`);
    expect(hopTitle([alice, mallory, web1])).toBe(
      `hop ${alice.id} → ${web1.id} (source session uncertain: 2 sessions were open on bastion and nothing tied the ssh client to one; this is the one of the same user)`,
    );
    expect(
      renderHtmlReport({ findings: [], cases: [], sessions: [alice, mallory, web1] }),
    ).toContain('<path class="hop guess"');
  });

  it('labels its counts in the singular for one', () => {
    const one = finding({
      id: 'f-one',
      detector: 'ssh.privilege_escalation',
      title: 'Privilege escalation in an SSH session',
      severity: 'low',
      techniques: ['T1548.003'],
      time: at(12, 0),
      host: 'bastion',
      user: 'mallory',
      ip: '10.20.0.10',
      sessions: [],
      evidence: [],
      explanation: 'x',
    });
    const report = renderHtmlReport({ findings: [one], cases: [], sessions: [] });
    expect(report).toContain('<b>1</b>finding</div>');
    expect(report).toContain('<b>0</b>cases</div>');
  });

  it('renders an empty report', () => {
    const empty = renderHtmlReport({ findings: [], cases: [], sessions: [] });
    expect(empty).toContain('No sessions or findings to draw.');
    expect(empty).toContain('No case.');
  });
});

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (CHROMIUM === undefined) {
  console.warn(
    'HTML report browser tests skipped: no chromium at /usr/bin/chromium (CI installs it: apt-get install -y chromium).',
  );
}

describe.skipIf(CHROMIUM === undefined)('renderHtmlReport in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sshtrail-html-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function chromium(args: string[]): { stdout: string; stderr: string } {
    const result = spawnSync(
      CHROMIUM ?? 'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${join(dir, 'profile')}`,
        '--enable-logging=stderr',
        '--v=0',
        ...args,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    return { stdout: result.stdout, stderr: result.stderr };
  }

  const consoleLines = (stderr: string) => stderr.split('\n').filter((l) => l.includes(':CONSOLE'));

  it('renders without console errors and keeps the injected script inert', () => {
    const { stdout, stderr } = chromium(['--dump-dom', `file://${file}`]);
    expect(consoleLines(stderr)).toEqual([]);
    expect(stdout).toContain('<svg class="swimlanes" data-by="host"');
    expect(stdout).toContain('<svg class="swimlanes" data-by="user"');
    expect(stdout.match(/<rect class="session/g)?.length).toBe(26);
    expect(stdout.match(/<circle class="marker/g)?.length).toBe(28);
    expect(stdout).toContain('<path class="hop"');
    expect(stdout).not.toMatch(/<body[^>]*data-pwned/);
    expect(stdout).toContain('&lt;script&gt;document.body.setAttribute');
  });

  it('opens the finding a link points to (evidence one click away)', () => {
    const { stdout, stderr } = chromium(['--dump-dom', `file://${file}#finding-1`]);
    expect(consoleLines(stderr)).toEqual([]);
    expect(stdout).toMatch(
      /<details class="finding [a-z]+ flash" id="finding-1" data-finding="f-a1" open="">/,
    );
  });

  it('the console check catches a page error', () => {
    const bad = join(dir, 'bad.html');
    writeFileSync(bad, '<!doctype html><script>undefinedFunction()</script>');
    expect(consoleLines(chromium(['--dump-dom', `file://${bad}`]).stderr).join('\n')).toContain(
      'undefinedFunction is not defined',
    );
  });

  it('fits a 1400 px window with real finding ids in the case tables', () => {
    // The bundled hijack sample's report: containment reasons cite long unbroken finding ids.
    const sample = join(dir, 'sample.html');
    const root = join(import.meta.dirname, '../..');
    const report = execFileSync(
      process.execPath,
      [
        ...['--import', 'tsx', 'src/cli/main.ts', 'scan', 'examples/data/hijack'],
        ...['--host-from-dir', '--year', '2026', '--output', 'html'],
      ],
      { cwd: root, encoding: 'utf8' },
    );
    const measure =
      '<script>document.body.setAttribute("data-overflow", String(document.documentElement.scrollWidth > window.innerWidth))</script>';
    writeFileSync(sample, report.replace('</body>', `${measure}</body>`));
    const { stdout } = chromium(['--dump-dom', '--window-size=1400,1000', `file://${sample}`]);
    expect(stdout).toContain('Containment');
    expect(stdout).toMatch(/<body[^>]*data-overflow="false"/);
  });

  it('produces a screenshot of the timeline', () => {
    const png = join(dir, 'report.png');
    chromium([`--screenshot=${png}`, '--window-size=1400,1000', `file://${file}`]);
    expect(existsSync(png)).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(20_000);
    const header = execFileSync('head', ['-c', '8', png]);
    expect([...header]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
