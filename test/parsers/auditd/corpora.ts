import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** `../shared/corpora/auditd` relative to the repository root. */
export const AUDIT_CORPORA = path.resolve(process.cwd(), '../shared/corpora/auditd');

/** Whether the shared corpora are present (tests skip when not). */
export const haveCorpora = existsSync(AUDIT_CORPORA);

/** Reads a corpus file as UTF-8. */
export function corpus(rel: string): string {
  return readFileSync(path.join(AUDIT_CORPORA, rel), 'utf8');
}

/** Lists a corpus folder's files ending in `ext`. */
export function corpusFiles(dir: string, ext: string): string[] {
  // Describe blocks are collected even when skipped: without the corpora there is nothing to list.
  if (!haveCorpora) return [];
  return readdirSync(path.join(AUDIT_CORPORA, dir))
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => `${dir}/${f}`);
}

/** One `tests:` entry of a go-libaudit aucoalesce YAML file. */
export interface YamlCase {
  readonly name: string;
  readonly text: string;
}

/**
 * Minimal reader for go-libaudit's aucoalesce YAML: `tests:` then `  <name>: |` followed by
 * a block indented by four spaces. Comments (`  # ...`) and blank lines between cases are
 * skipped. Only this shape is supported: it is all those files use.
 */
export function readYamlCases(text: string): YamlCase[] {
  const cases: { name: string; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('    ')) {
      cases.at(-1)?.lines.push(line.slice(4));
      continue;
    }
    const m = line.startsWith('  ') && !line.startsWith('  #') ? line.slice(2) : undefined;
    if (m?.endsWith(': |') === true) {
      let name = m.slice(0, -3);
      if (name.startsWith('"') || name.startsWith("'")) name = name.slice(1, -1);
      cases.push({ name, lines: [] });
    }
  }
  return cases.map((c) => ({ name: c.name, text: c.lines.join('\n') }));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? filesUnder(p) : e.isFile() ? [p] : [];
    });
}

/**
 * Every line holding a record id (`msg=audit(`) in the audit fixtures, the scenario
 * fixtures and (when present) the shared corpora, whatever the file type.
 */
export function auditRecordLines(): string[] {
  const dirs = ['test/parsers/auditd/fixtures', 'test/fixtures'].map((d) =>
    path.resolve(process.cwd(), d),
  );
  if (haveCorpora) dirs.push(AUDIT_CORPORA);
  return dirs
    .flatMap(filesUnder)
    .flatMap((f) => readFileSync(f, 'utf8').split('\n'))
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
    .filter((l) => l.includes('msg=audit('));
}
