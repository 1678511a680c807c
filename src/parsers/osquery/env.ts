import type { EnvVariable } from '../../events/endpoint.js';

function isKey(text: string, end: number): boolean {
  if (end <= 0) return false;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!letter && !(i > 0 && c >= 48 && c <= 57)) return false;
  }
  return true;
}

/**
 * Splits osquery's space-delimited `env` column (`K=V K2=V2 ...`) into variables. A token
 * that does not start with `NAME=` continues the previous value (values may hold spaces).
 * Linear in the length of the text.
 *
 * @internal
 */
export function splitEnv(env: string): readonly EnvVariable[] {
  const out: { key: string; value: string }[] = [];
  for (const token of env.split(' ')) {
    const eq = token.indexOf('=');
    if (eq > 0 && isKey(token, eq)) {
      out.push({ key: token.slice(0, eq), value: token.slice(eq + 1) });
    } else {
      const last = out[out.length - 1];
      if (last !== undefined) last.value += ` ${token}`;
    }
  }
  return out;
}
