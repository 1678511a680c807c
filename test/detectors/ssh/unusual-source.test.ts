import { describe, expect, it } from 'vitest';
import { unusualSource } from '../../../src/detectors/index.js';
import { createIntel, parseIntelCsv } from '../../../src/intel/index.js';
import { learn, run, summary } from '../harness.js';
import { exampleConfig, exampleIntel } from './config.js';

const detectors = () => [unusualSource()];

describe('unusualSource', () => {
  it('a new address inside the known VPN pool is not new; one outside it is', () => {
    const config = exampleConfig();
    const { findings } = run(['vpn-pool.log'], { detectors: detectors(), config });
    expect(summary(findings)).toEqual(['medium carol@web1 from 192.0.2.200']);
    expect(findings[0]?.explanation).toContain('192.0.2.0/24');
    expect(findings[0]?.explanation).toContain('7 earlier sessions');
  });

  it('without named networks, both new networks are new after enough history', () => {
    const { findings } = run(['vpn-pool.log'], { detectors: detectors() });
    expect(findings.map((f) => f.sourceIp)).toEqual(['10.8.200.7', '192.0.2.200']);
  });

  it('uses a learned baseline: a source in a learned network is known', () => {
    const baselines = learn(['vpn-pool.log']);
    expect(baselines.users.carol?.networks).toContain('10.8.1.0/24');
    const lines = [
      'Mar 20 09:00:00 web1 sshd[900]: Accepted password for carol from 10.8.1.99 port 50000 ssh2',
      'Mar 20 10:00:00 web1 sshd[901]: Accepted password for carol from 203.0.113.40 port 50001 ssh2',
    ];
    const { findings } = run([{ source: 'auth.log', lines }], {
      detectors: detectors(),
      baselines,
    });
    expect(findings.map((f) => f.sourceIp)).toEqual(['203.0.113.40']);
  });

  it('marks every event from a listed source: probes high, the accepted login critical', () => {
    const config = exampleConfig();
    const { findings } = run(['intel.log'], {
      detectors: detectors(),
      config,
      intel: exampleIntel(config),
    });
    expect(summary(findings)).toEqual([
      'high root@web1 from 198.51.100.66',
      'critical svc@web1 from 198.51.100.66',
    ]);
    expect(findings[1]?.explanation).toContain('listed in blocklist as 198.51.100.66/32');
  });

  it('matches CSV intel with labels, IPv4-mapped addresses included', () => {
    const intel = createIntel([parseIntelCsv('feed', 'ip,label\n203.0.113.0/24,botnet\n')]);
    const lines = [
      'Mar 14 03:00:00 web1 sshd[1]: Failed password for root from ::ffff:203.0.113.9 port 1 ssh2',
    ];
    const { findings } = run([{ source: 'a.log', lines }], { detectors: detectors(), intel });
    expect(findings[0]?.explanation).toContain('203.0.113.0/24 (botnet)');
  });

  it('reports one source logging into four accounts on four hosts within minutes', () => {
    const { findings } = run(['fan-out.log'], { detectors: detectors() });
    expect(summary(findings)).toEqual(['medium dave@web3 from 192.0.2.77']);
    expect(findings[0]?.sessionIds).toHaveLength(4);
  });

  it('stays quiet for fan-out from a configured bastion and for service accounts', () => {
    const config = exampleConfig();
    expect(run(['fan-out-bastion.log'], { detectors: detectors(), config }).findings).toEqual([]);
    expect(run(['automation.log'], { detectors: detectors(), config }).findings).toEqual([]);
  });
});
