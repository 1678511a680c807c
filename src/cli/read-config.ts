import { readFile } from 'node:fs/promises';
import { describeFsError } from '../node/collect-inputs.js';
import { UsageError } from './usage-error.js';

/**
 * Reads `--config FILE`: a JSON object. Errors are one line naming the file.
 */
export async function readConfig(path: string): Promise<Readonly<Record<string, unknown>>> {
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
  return value as Record<string, unknown>;
}
