import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function sshtrail(args: readonly string[], input?: string | Buffer): Run {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** An error is exactly one line on stderr, starting with `sshtrail: `, never a stack trace. */
function expectOneLineError(run: Run, message: string | RegExp): void {
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter((l) => l.length > 0);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(typeof message === 'string' ? `sshtrail: ${message}` : message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

const dir = mkdtempSync(path.join(tmpdir(), 'sshtrail-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (name: string, content: string | Buffer): string => {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
};

const ACCEPTED =
  'Mar  4 09:02:11 bastion sshd[2210]: Accepted publickey for alice from 198.51.100.23 port 51514 ssh2: ED25519 SHA256:Vq2Xo7tOe1t8pQ4b1b7kq0Q2c9kP8m3yQm5sJmGm0xA';
const OPENED =
  'Mar  4 09:02:11 bastion sshd[2210]: pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)';
const FAILED =
  'Mar  3 23:10:02 bastion sshd[2100]: Failed password for invalid user admin from 203.0.113.77 port 40022 ssh2';
const CLOSED =
  'Mar  4 09:40:00 bastion sshd[2210]: pam_unix(sshd:session): session closed for user alice';

describe('sshtrail --version and --help', () => {
  it('prints the package version', () => {
    const run = sshtrail(['--version']);
    expect(run).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('lists every command with an example and the exit codes', () => {
    const run = sshtrail(['--help']);
    expect(run.status).toBe(0);
    for (const command of ['parse', 'scan', 'sweep']) expect(run.stdout).toMatch(`\n  ${command} `);
    expect(run.stdout).toContain('sshtrail scan /var/log/auth.log*');
    expect(run.stdout).toContain('2  a finding at or above --fail-on SEVERITY');
  });

  it('prints the usage on stderr and exits 1 without a command', () => {
    const run = sshtrail([]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: sshtrail <command>');
  });

  it.each([
    [
      ['scan', '--help'],
      ['--fail-on SEVERITY', '--sessions', '--config FILE', 'sshtrail scan logs/'],
    ],
    [
      ['help', 'parse'],
      ['--format F', '--follow', 'journalctl -o json -u ssh | sshtrail parse -'],
    ],
    [
      ['sweep', '-h'],
      ['--proc DIR', 'sudo sshtrail sweep'],
    ],
  ])('%j shows that command\u2019s options and examples', (args, expected) => {
    const run = sshtrail(args);
    expect(run.status).toBe(0);
    for (const text of expected) expect(run.stdout).toContain(text);
  });
});

describe('sshtrail error paths: one line, exit 1', () => {
  const log = put('auth.log', `${ACCEPTED}\n`);
  const readme = put('README.md', 'Notes about this host.\nNothing to see.\n');
  const notJson = put('bad.json', '{"detectors": [1, 2,]}\n');
  const arrayJson = put('array.json', '[1, 2]\n');
  const badConfig = put(
    'bad-config.json',
    '{"users": {"alice": {"timezone": "Mars/Olympus"}}, "bogus": 1}\n',
  );

  it.each([
    [['frobnicate'], "unknown command 'frobnicate' (try: sshtrail --help)"],
    [['help', 'frobnicate'], "unknown command 'frobnicate' (try: sshtrail --help)"],
    [['scan', '--nope', log], "unknown option '--nope' for scan (try: sshtrail scan --help)"],
    [['parse', log, '--year'], "option '--year' needs a value (try: sshtrail parse --help)"],
    [
      ['scan', '--sessions=yes', log],
      "option '--sessions' is a switch and takes no value: write '--sessions' alone (try: sshtrail scan --help)",
    ],
    [['scan'], "no input: give one or more files or directories, or '-' for stdin"],
    [['parse', '--format', 'xml', log], /--format must be auto, syslog, .* \(got 'xml'\)$/],
    [['parse', '--year', '24', log], "--year must be a four-digit year (got '24')"],
    [['parse', '--timezone', 'Mars/Olympus', log], /--timezone must be an IANA zone/],
    [
      ['scan', '--fail-on', 'urgent', log],
      "--fail-on must be one of low, medium, high, critical (got 'urgent')",
    ],
    [
      ['parse', '--output', 'ecs', log],
      '--output ecs: parse writes events as jsonl; ecs is for the findings of scan and sweep',
    ],
    [
      ['parse', '--output', 'xml', log],
      "--output must be one of jsonl, ecs, ocsf, html (got 'xml')",
    ],
    [
      ['parse', path.join(dir, 'missing.log')],
      `cannot read ${path.join(dir, 'missing.log')}: no such file or directory`,
    ],
    [
      ['parse', readme],
      /README\.md: cannot tell the format: no clear format in 2 lines .*\(use --format\)$/,
    ],
    [
      ['scan', '--config', path.join(dir, 'none.json'), log],
      /cannot read --config .*none\.json: no such file or directory$/,
    ],
    [['scan', '--config', notJson, log], /--config .*bad\.json: not valid JSON \(.+\)$/],
    [['scan', '--config', arrayJson, log], /--config .*array\.json: must be a JSON object$/],
    [
      ['parse', '--out', path.join(dir, 'no/such/dir/out.jsonl'), log],
      /cannot write .*out\.jsonl: no such file or directory$/,
    ],
    [['sweep', '/var/log'], "sweep takes no file arguments (got '/var/log')"],
    [['sweep', '--output', 'pdf'], "--output must be one of jsonl, ecs, ocsf, html (got 'pdf')"],
    [
      ['scan', '--config', badConfig, log],
      /--config .*bad-config\.json: .*unknown property \(and 1 more\)$/,
    ],
  ])('%j', (args, message) => {
    expectOneLineError(sshtrail(args), message);
  });

  it('fails with one line when the directories given hold no log file', () => {
    const empty = path.join(dir, 'empty-dir');
    mkdirSync(empty, { recursive: true });
    expectOneLineError(sshtrail(['scan', empty]), `no log files found in ${empty}`);
    const binary = put('binary-only/blob.bin', Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]));
    expectOneLineError(
      sshtrail(['parse', path.dirname(binary)]),
      /^sshtrail: no log files found in .*binary-only \(skipped 1, e\.g\. .*blob\.bin: /,
    );
  });

  it('rejects stdin it cannot read, naming stdin', () => {
    expectOneLineError(
      sshtrail(['parse', '-'], 'hello\nworld\n'),
      /^sshtrail: stdin: cannot tell the format/,
    );
  });

  it('exits quietly when the reader of its output goes away (EPIPE)', () => {
    const big = put(
      'big/auth.log',
      `${Array.from({ length: 40_000 }, () => ACCEPTED).join('\n')}\n`,
    );
    const run = spawnSync(
      'bash',
      [
        '-c',
        `set -o pipefail; node --import tsx src/cli/main.ts parse '${big}' | head -n 1; echo "rc=\${PIPESTATUS[0]}" >&2`,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stderr).toBe('rc=0\n');
  });
});

describe('sshtrail parse', () => {
  it('writes one JSON event per line and the accounting with --stats, no progress bar off a TTY', () => {
    const file = put(
      'parse/auth.log',
      `${FAILED}\n${ACCEPTED}\nMar  4 09:12:00 bastion kernel: [ 12.345] eth0: link up\n`,
    );
    const run = sshtrail(['parse', file, '--year', '2024', '--stats']);
    expect(run.status).toBe(0);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.map((e) => [e.kind, e.user, e.sourceIp])).toEqual([
      ['ssh.auth', 'admin', '203.0.113.77'],
      ['ssh.auth', 'alice', '198.51.100.23'],
    ]);
    const stats = JSON.parse(run.stderr) as {
      sources: { lines: number; events: number; ignored: number }[];
    };
    expect(stats.sources).toMatchObject([{ source: file, lines: 3, events: 2, ignored: 1 }]);
    expect(run.stderr).not.toContain('\r');
  });

  it('reads stdin with -, and writes --out FILE', () => {
    const out = path.join(dir, 'stdin.jsonl');
    const run = sshtrail(['parse', '-', '--year', '2024', '--out', out], `${ACCEPTED}\n`);
    expect(run).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const [event] = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { source: { source: string } });
    expect(event?.source.source).toBe('-');
  });

  it('reads a directory of rotated and gzipped logs, noting the files it skipped', () => {
    put('rotated/auth.log.2.gz', gzipSync(`${FAILED}\n`));
    put('rotated/auth.log.1', `${ACCEPTED}\n`);
    put('rotated/auth.log', `${CLOSED}\n`);
    put('rotated/notes.txt', 'not a log at all\n');
    const run = sshtrail(['parse', path.join(dir, 'rotated'), '--year', '2024']);
    expect(run.status).toBe(0);
    const sources = run.stdout
      .trim()
      .split('\n')
      .map((l) => path.basename((JSON.parse(l) as { source: { source: string } }).source.source));
    expect(sources).toEqual(['auth.log.2.gz', 'auth.log.1', 'auth.log']);
    expect(run.stderr).toBe(
      'sshtrail: skipped 1 file found in directories (unreadable, or of no format sshtrail reads; --stats lists them)\n',
    );
    expect(sshtrail(['parse', path.join(dir, 'rotated'), '--quiet', '--year', '2024']).stderr).toBe(
      '',
    );
  });
});

describe('sshtrail scan', () => {
  it('writes sessions with --sessions and exits 0 when nothing reaches --fail-on', () => {
    const file = put('scan/auth.log', `${ACCEPTED}\n${OPENED}\n${CLOSED}\n`);
    const run = sshtrail(['scan', file, '--year', '2024', '--sessions', '--fail-on', 'low']);
    expect(run.status).toBe(0);
    const records = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const sessions = records.filter((r) => r.type === 'session');
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      user: 'alice',
      host: 'bastion',
      sourceIp: '198.51.100.23',
    });
  });
});

describe('sshtrail scan --sessions on the two-host sample', () => {
  it('writes each session once, with the lines that arrived after its close', () => {
    const sample = path.join(ROOT, 'examples/data/hijack');
    const run = sshtrail(['scan', sample, '--host-from-dir', '--year', '2026', '--sessions']);
    expect(run.status).toBe(0);
    const sessions = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; id: string; evidence: { line: number }[] })
      .filter((r) => r.type === 'session');
    expect(sessions.map((s) => s.id).sort()).toEqual([
      'app1/7301/1773133285000',
      'bastion/5101/1773133200000',
      'bastion/5201/1773133240000',
    ]);
    // alice's bastion session: `Disconnected` closes it, pam's `session closed` (line 20) is late.
    const alice = sessions.find((s) => s.id === 'bastion/5101/1773133200000');
    expect(alice?.evidence.map((e) => e.line)).toContain(20);
  });
});

describe('sshtrail scan --output html', () => {
  it('draws the sessions in one report', () => {
    const file = put('scan-html/auth.log', `${ACCEPTED}\n${OPENED}\n${CLOSED}\n`);
    const run = sshtrail(['scan', file, '--year', '2024', '--output', 'html']);
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(run.stdout).toContain('alice');
    expect(run.stdout).toContain('bastion');
  });
});

describe('sshtrail sweep --proc (a fake proc tree)', () => {
  // A process of one uid whose SSH_AUTH_SOCK names a file owned by another: the finding.
  const uid = (process.getuid?.() ?? 0) + 4242;
  const agent = put('sweep/agent.sock', '');
  const proc = path.join(dir, 'sweep/proc');
  put('sweep/proc/net/unix', 'Num       RefCount Protocol Flags    Type St Inode Path\n');
  put('sweep/proc/900/status', `Name:\tbash\nPPid:\t1\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\n`);
  put('sweep/proc/900/cmdline', '-bash\0');
  put(
    'sweep/proc/900/environ',
    `SSH_AUTH_SOCK=${agent}\0SSH_CONNECTION=203.0.113.77 40022 10.0.0.1 22\0`,
  );
  mkdirSync(path.join(proc, '900/fd'), { recursive: true });

  it('writes the finding and the inventory, and exits 2 at --fail-on high', () => {
    const run = sshtrail([
      'sweep',
      '--proc',
      proc,
      '--host',
      'lab1',
      '--fail-on',
      'high',
      '--quiet',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('');
    const records = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => r.type)).toEqual(['finding', 'sweep']);
    expect(records[0]).toMatchObject({
      detector: 'sweep.foreign_agent_socket',
      severity: 'high',
      host: 'lab1',
      sourceIp: '203.0.113.77',
      evidence: [{ source: `proc:${proc}/900/environ`, line: 1 }],
    });
    expect(records[1]).toMatchObject({ type: 'sweep', host: 'lab1', processes: 1, findings: 1 });
  });

  it('exits 0 when the findings stay below --fail-on', () => {
    expect(sshtrail(['sweep', '--proc', proc, '--fail-on', 'critical', '--quiet']).status).toBe(0);
  });

  it('writes one ECS or OCSF document per finding, without the inventory', () => {
    const ecs = sshtrail(['sweep', '--proc', proc, '--output', 'ecs', '--quiet']);
    expect(ecs.status).toBe(0);
    const docs = ecs.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(docs).toHaveLength(1);
    expect(JSON.stringify(docs[0])).toContain('T1563.001');
    expect(JSON.stringify(docs[0])).toContain('203.0.113.77');
    const ocsf = sshtrail(['sweep', '--proc', proc, '--output', 'ocsf', '--quiet']);
    const events = ocsf.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events).toHaveLength(1);
    expect(events[0]?.class_uid).toBeTypeOf('number');
  });

  it('writes one self-contained HTML report with --output html', () => {
    const out = path.join(dir, 'sweep.html');
    const run = sshtrail(['sweep', '--proc', proc, '--output', 'html', '--out', out, '--quiet']);
    expect(run).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('sweep.foreign_agent_socket');
  });
});
