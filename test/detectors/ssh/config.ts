import { readFileSync } from 'node:fs';
import { parseConfig, type SshtrailConfig } from '../../../src/config/index.js';
import { createIntel, parseIntelText } from '../../../src/intel/index.js';

/** The example configuration of the fixtures (test/fixtures/detectors/sshtrail.config.json). */
export function exampleConfig(): SshtrailConfig {
  const text = readFileSync(
    new URL('../../fixtures/detectors/sshtrail.config.json', import.meta.url),
    'utf8',
  );
  const result = parseConfig(JSON.parse(text));
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

/** The inline lists of the example configuration as intel. */
export function exampleIntel(config: SshtrailConfig) {
  return createIntel(
    config.intel
      .filter((l) => l.format === 'text')
      .map((l) => parseIntelText(l.name, l.entries.join('\n'))),
  );
}
