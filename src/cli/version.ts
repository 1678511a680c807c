import { readFileSync } from 'node:fs';

declare const __VERSION__: string | undefined;

/** The package version: baked in by the build, else read from package.json (tsx runs). */
export function version(): string {
  if (typeof __VERSION__ === 'string') return __VERSION__;
  try {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'dev';
  } catch {
    return 'dev';
  }
}
