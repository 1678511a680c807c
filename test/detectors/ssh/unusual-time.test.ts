import { describe, expect, it } from 'vitest';
import { emptyConfig } from '../../../src/config/index.js';
import { unusualTime } from '../../../src/detectors/index.js';
import { learn, run, summary } from '../harness.js';
import { exampleConfig } from './config.js';

const detectors = () => [unusualTime()];

describe('unusualTime', () => {
  it('reports alice at 02:30 Berlin time and not bob, who is on call on Friday nights', () => {
    const { findings } = run(['night-logins.log'], {
      detectors: detectors(),
      config: exampleConfig(),
    });
    expect(summary(findings)).toEqual(['medium alice@db1 from 198.51.100.7']);
    expect(findings[0]?.explanation).toContain('wed 02:30 Europe/Berlin');
  });

  it('stays quiet across the DST change: 09:00 local before and after 2024-03-31', () => {
    const { findings, sessions } = run(['dst-change.log'], {
      detectors: detectors(),
      config: exampleConfig(),
    });
    expect(sessions).toHaveLength(15);
    expect(findings).toEqual([]);
  });

  it("learned hours are counted on the user's clock, so DST moves nothing", () => {
    const config = exampleConfig();
    const history = 'dst-change.log';
    const baselines = learn([history], config);
    expect(baselines.users.alice?.hours[9]).toBe(15);
    const noHours = {
      ...config,
      users: { ...config.users, alice: { ...config.users.alice, usualHours: [] } },
    } as typeof config;
    expect(run([history], { detectors: detectors(), config: noHours, baselines }).findings).toEqual(
      [],
    );
    const night = [
      'Apr  3 01:00:00 web1 sshd[9]: Accepted password for alice from 198.51.100.7 port 1 ssh2',
    ];
    const found = run([{ source: 'a.log', lines: night }], {
      detectors: detectors(),
      config: noHours,
      baselines,
    });
    expect(summary(found.findings)).toEqual(['low alice@web1 from 198.51.100.7']);
  });

  it('stays quiet inside a maintenance window', () => {
    const lines = [
      'Mar 16 23:30:00 db1 sshd[9]: Accepted password for alice from 198.51.100.7 port 1 ssh2',
    ];
    expect(
      run([{ source: 'a.log', lines }], { detectors: detectors(), config: exampleConfig() })
        .findings,
    ).toEqual([]);
    const other = lines.map((l) => l.replace(' db1 ', ' db2 '));
    expect(
      run([{ source: 'a.log', lines: other }], { detectors: detectors(), config: exampleConfig() })
        .findings,
    ).toHaveLength(1);
  });

  it('has no opinion without configured or learned hours', () => {
    expect(
      run(['night-logins.log'], { detectors: detectors(), config: emptyConfig() }).findings,
    ).toEqual([]);
  });

  it('skips service accounts', () => {
    expect(
      run(['automation.log'], { detectors: detectors(), config: exampleConfig() }).findings,
    ).toEqual([]);
  });
});
