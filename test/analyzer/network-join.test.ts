import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyzer/create-analyzer.js';
import { parseConfig } from '../../src/config/index.js';
import type { JoinChange } from '../../src/model/join/index.js';

const FIXTURES = new URL('../fixtures/network/', import.meta.url);
const lines = (name: string): string[] =>
  readFileSync(new URL(name, FIXTURES), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);

const config = parseConfig({
  hosts: [
    { name: 'bastion', ips: ['10.0.1.5', '203.0.113.5'] },
    { name: 'app1', ips: ['10.0.2.9', '10.0.20.9'] },
    { name: 'db1', ips: ['10.0.3.7'], aliases: ['db1.lab.example'] },
    { name: 'backup1', cidrs: ['10.0.4.4/30'] },
  ],
});

describe('createAnalyzer with Zeek inputs', () => {
  it('joins host sessions to the sensor records and reports them as network events', () => {
    if (!config.ok) throw new Error(config.errors.join('; '));
    // A wide skew window: the fixture's clocks are up to 60 s apart and conn.log rows come late.
    const analyzer = createAnalyzer({ config: config.config, skewMs: 600_000 });
    const changes: JoinChange[] = [];
    analyzer.on('network', (c) => changes.push(c));
    for (const host of ['bastion', 'app1', 'db1', 'backup1']) {
      for (const line of lines(`${host}-auth.log`)) {
        analyzer.pushLine(line, { source: `${host}-auth.log`, host });
      }
    }
    for (const line of lines('ssh.log'))
      analyzer.pushLine(line, { source: 'ssh.log', format: 'zeek' });
    for (const line of lines('conn.json'))
      analyzer.pushLine(line, { source: 'conn.json', format: 'zeek' });
    analyzer.flush();
    const links = changes.filter((c) => c.kind === 'link');
    expect(links.length).toBeGreaterThanOrEqual(4);
    const first = links.find((l) => l.network.uid === 'CbAstn1');
    expect(first).toMatchObject({
      kind: 'link',
      network: { origIp: '198.51.100.23', origPort: 51000, authSuccess: true },
      session: { host: 'bastion' },
    });
    // Every linked session is a real host session: its id names the host it came from.
    for (const l of links) expect(l.sessionId.startsWith(`${l.session.host}/`)).toBe(true);
  });
});
