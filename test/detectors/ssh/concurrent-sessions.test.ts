import { describe, expect, it } from 'vitest';
import { concurrentSessions } from '../../../src/detectors/index.js';
import { learn, run, summary } from '../harness.js';
import { exampleConfig } from './config.js';

const detectors = () => [concurrentSessions()];

describe('concurrentSessions', () => {
  it('reports alice logged in from the office and, at the same time, from an unknown address', () => {
    const { findings } = run(['concurrent-hijack.log'], { detectors: detectors() });
    expect(summary(findings)).toEqual(['medium alice@web1 from 203.0.113.9']);
    expect(findings[0]?.sessionIds).toHaveLength(2);
    expect(findings[0]?.explanation).toContain('2 different sources');
    expect(findings[0]?.evidence.map((e) => e.text).join('\n')).toContain(
      'Accepted publickey for alice from 203.0.113.9',
    );
  });

  it('stays quiet for tmux plus parallel scp/sftp sessions from one address', () => {
    const { findings, sessions } = run(['tmux-parallel-scp.log'], { detectors: detectors() });
    expect(sessions).toHaveLength(4);
    expect(findings).toEqual([]);
  });

  it('stays quiet for a hop through a jump host (the source is the host alice is logged in on)', () => {
    const { findings, sessions } = run(['jump-chain.log'], { detectors: detectors() });
    expect(sessions.map((s) => `${s.host}<-${s.sourceIp}`).sort()).toEqual([
      'bastion<-198.51.100.7',
      'web2<-10.0.0.5',
    ]);
    expect(findings).toEqual([]);
  });

  it('recognizes the hop by configured host identity when the log is not VERBOSE', () => {
    const lines = [
      'Mar  6 11:00:00 bastion sshd[100]: Accepted publickey for alice from 198.51.100.7 port 50300 ssh2: ED25519 SHA256:kzfjfps/WFgXAdNgzvHBLuI072Y+f+91rpinXJAAvkM',
      'Mar  6 11:02:00 web2 sshd[200]: Accepted publickey for alice from 10.0.0.5 port 44120 ssh2: ED25519 SHA256:kzfjfps/WFgXAdNgzvHBLuI072Y+f+91rpinXJAAvkM',
    ];
    const source = { source: 'auth.log', lines };
    expect(run([source], { detectors: detectors() }).findings).toHaveLength(1);
    expect(run([source], { detectors: detectors(), config: exampleConfig() }).findings).toEqual([]);
  });

  it("is low when every source is one of the user's named networks, quiet when the baseline shows it", () => {
    const lines = [
      'Mar  6 09:00:00 web1 sshd[100]: Accepted publickey for alice from 198.51.100.7 port 50100 ssh2: ED25519 SHA256:kzfjfps/WFgXAdNgzvHBLuI072Y+f+91rpinXJAAvkM',
      'Mar  6 09:10:00 web1 sshd[200]: Accepted publickey for alice from 10.8.3.4 port 50101 ssh2: ED25519 SHA256:kzfjfps/WFgXAdNgzvHBLuI072Y+f+91rpinXJAAvkM',
    ];
    const config = exampleConfig();
    const source = { source: 'auth.log', lines };
    expect(summary(run([source], { detectors: detectors(), config }).findings)).toEqual([
      'low alice@web1 from 10.8.3.4',
    ]);
    const baselines = learn([source], config);
    expect(baselines.users.alice?.maxConcurrentSources).toBe(2);
    expect(run([source], { detectors: detectors(), config, baselines }).findings).toEqual([]);
  });

  it('does not count a session with no line for longer than staleMs (its end was never logged)', () => {
    const lines = [
      'Mar  4 09:00:00 web1 sshd[100]: Accepted password for alice from 198.51.100.7 port 1 ssh2',
      'Mar  6 09:00:00 web1 sshd[200]: Accepted password for alice from 203.0.113.9 port 2 ssh2',
    ];
    const source = { source: 'auth.log', lines };
    expect(run([source], { detectors: detectors() }).findings).toEqual([]);
    const long = [concurrentSessions({ staleMs: 3 * 86_400_000 })];
    expect(run([source], { detectors: long }).findings).toHaveLength(1);
  });

  it('skips service accounts', () => {
    const { findings } = run(['automation.log'], {
      detectors: detectors(),
      config: exampleConfig(),
    });
    expect(findings).toEqual([]);
  });
});
