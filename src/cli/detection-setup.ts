import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { baselineFromJson } from '../baseline/index.js';
import { emptyConfig, type SshtrailConfig } from '../config/index.js';
import { defaultDetectors } from '../detectors/index.js';
import type { DetectionOptions } from '../index.js';
import { intelFromConfig } from '../intel/index.js';
import { describeFsError } from '../node/collect-inputs.js';
import { readConfig } from './read-config.js';
import { UsageError } from './usage-error.js';

/**
 * Builds the analyzer's detection options from `--config` and `--baseline`: the configuration,
 * the detectors it enables (bad detector options are usage errors), the intel lists it names
 * (files resolved relative to the configuration file) and the baseline.
 */
export async function detectionSetup(
  configPath: string | undefined,
  baselinePath: string | undefined,
): Promise<DetectionOptions & { readonly config: SshtrailConfig }> {
  const config = configPath === undefined ? emptyConfig() : await readConfig(configPath);
  let detectors: ReturnType<typeof defaultDetectors>;
  try {
    detectors = defaultDetectors(config);
  } catch (error) {
    throw new UsageError(`--config ${configPath}: ${(error as Error).message}`);
  }
  const texts: Record<string, string> = {};
  for (const list of config.intel) {
    if (list.path === undefined || configPath === undefined) continue;
    const file = resolve(dirname(configPath), list.path);
    try {
      texts[list.path] = await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(
        `--config ${configPath}: intel list ${list.name}: cannot read ${file}: ${describeFsError(error)}`,
      );
    }
  }
  const loaded = config.intel.length > 0 ? intelFromConfig(config, texts) : undefined;
  if (loaded !== undefined && loaded.errors.length > 0) {
    throw new UsageError(`--config ${configPath}: ${loaded.errors[0]}`);
  }
  const baseline = baselinePath === undefined ? undefined : await readBaseline(baselinePath);
  return {
    config,
    detectors,
    ...(loaded === undefined ? {} : { intel: loaded.intel }),
    ...(baseline === undefined ? {} : { baseline }),
  };
}

async function readBaseline(path: string) {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --baseline ${path}: ${describeFsError(error)}`);
  }
  const result = baselineFromJson(text);
  if (!result.ok) throw new UsageError(`--baseline ${path}: ${result.error}`);
  return result.baseline;
}
