import { readFile } from 'node:fs/promises';
import { parseConfig, type SshtrailConfig } from '../config/index.js';
import { describeFsError } from '../node/collect-inputs.js';
import { UsageError } from './usage-error.js';

/**
 * Reads `--config FILE` and validates it with `parseConfig`. Errors are one line naming the
 * file and the first problem (with how many more there are).
 */
export async function readConfig(path: string): Promise<SshtrailConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --config ${path}: ${describeFsError(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n').join(' ').trim() : '';
    throw new UsageError(`--config ${path}: not valid JSON (${why})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`--config ${path}: must be a JSON object`);
  }
  const result = parseConfig(value);
  if (!result.ok) {
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
    throw new UsageError(`--config ${path}: ${result.errors[0] ?? 'invalid'}${more}`);
  }
  return result.config;
}
