import { it } from 'vitest';
import { createSessionTracker } from '../../src/model/index.js';
import { at, logOf } from './builders.js';

it('perf', () => {
  const log = logOf();
  const events = [];
  for (let i = 0; i < 100_000; i += 1) {
    const o = { host: `h${i % 4}`, pid: 10_000 + (i % 30_000), t: at(i) };
    events.push(log.invalidUser(o, 'admin', `203.0.113.${i % 200}`, 20_000 + (i % 40_000)));
    events.push(log.failed(o, 'admin', `203.0.113.${i % 200}`, 20_000 + (i % 40_000), true));
    events.push(
      log.disconnect(o, 'closed', `203.0.113.${i % 200}`, 20_000 + (i % 40_000), {
        user: 'admin',
        userState: 'invalid',
        preauth: true,
      }),
    );
  }
  for (let r = 0; r < 3; r += 1) {
    const t = createSessionTracker();
    const start = performance.now();
    for (const e of events) t.push(e);
    const ms = performance.now() - start;
    console.log(`PERF run${r} perEvent_us=${((ms * 1000) / events.length).toFixed(2)}`);
  }
});
