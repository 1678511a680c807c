// Builds nothing itself: runs every examples/NN-*.ts with tsx against the built package
// (examples import 'sshtrail' as users do, resolved through package.json "exports").
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const examples = readdirSync('examples')
  .filter((f) => /^\d\d-.*\.ts$/.test(f))
  .sort();
let failed = 0;
for (const file of examples) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', `examples/${file}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  const ok = run.status === 0;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} examples/${file}`);
}
console.log(`${examples.length - failed}/${examples.length} examples ran`);
process.exit(failed === 0 ? 0 : 1);
