import type { SshtrailConfig } from '../config/config.js';
import { createIntel, type Intel } from './create-intel.js';
import { type IntelList, parseIntelCsv, parseIntelText } from './intel-list.js';

/**
 * What {@link intelFromConfig} built: the lookup and every problem met.
 *
 * @example
 * ```ts
 * const loaded: LoadedIntel = { intel: createIntel([]), lists: [], errors: [] };
 * ```
 */
export interface LoadedIntel {
  /** The lookup over every list. */
  readonly intel: Intel;
  /** The parsed lists, in configuration order. */
  readonly lists: readonly IntelList[];
  /** Unreadable lines and missing files, one line each. */
  readonly errors: readonly string[];
}

/**
 * Builds threat intel from the `intel` section of a configuration: inline `entries`, plus the
 * text of each list's `path` as the caller read it (core code reads no files; `sshtrail/node`
 * or your own code passes the texts in). Never throws.
 *
 * @param config - The configuration.
 * @param files - File texts by the `path` written in the configuration.
 * @returns The lookup, the lists and the problems.
 * @example
 * ```ts
 * const texts = { 'intel/feed.csv': await readFile('intel/feed.csv', 'utf8') };
 * const { intel, errors } = intelFromConfig(config, texts);
 * ```
 */
export function intelFromConfig(
  config: SshtrailConfig,
  files: Readonly<Record<string, string>> = {},
): LoadedIntel {
  const lists: IntelList[] = [];
  const errors: string[] = [];
  for (const list of config.intel) {
    let text = list.entries.join('\n');
    if (list.path !== undefined) {
      const file = Object.hasOwn(files, list.path) ? files[list.path] : undefined;
      if (file === undefined) errors.push(`${list.name}: file ${list.path} was not read`);
      else text = text.length === 0 ? file : `${text}\n${file}`;
    }
    const parsed =
      list.format === 'csv' ? parseIntelCsv(list.name, text) : parseIntelText(list.name, text);
    lists.push(parsed);
    errors.push(...parsed.errors);
  }
  return { intel: createIntel(lists), lists, errors };
}
