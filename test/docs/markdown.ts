/**
 * Small, dependency-free readers of the Markdown the docs test checks: fenced code blocks,
 * inline links (outside code) and the anchors GitHub (and typedoc) give headings.
 */

/** A fenced code block: its info string (`ts`, `sh`...), body and 1-based opening line. */
export interface CodeBlock {
  readonly lang: string;
  readonly body: string;
  readonly line: number;
}

/** An inline link `[text](target)` found outside code, with its 1-based line. */
export interface MarkdownLink {
  readonly target: string;
  readonly line: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;

/**
 * Splits a document into fenced code blocks and the prose between them (code replaced by
 * empty lines, so line numbers stay right).
 */
export function splitFences(text: string): {
  readonly blocks: readonly CodeBlock[];
  readonly prose: string;
} {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  const prose: string[] = [];
  let open: { fence: string; lang: string; line: number; body: string[] } | undefined;
  lines.forEach((line, i) => {
    const m = FENCE.exec(line);
    if (open === undefined) {
      if (m?.[1] !== undefined) {
        open = { fence: m[1], lang: m[2] ?? '', line: i + 1, body: [] };
        prose.push('');
      } else {
        prose.push(line);
      }
      return;
    }
    prose.push('');
    if (m?.[1] !== undefined && m[1][0] === open.fence[0] && m[1].length >= open.fence.length) {
      blocks.push({ lang: open.lang, body: open.body.join('\n'), line: open.line });
      open = undefined;
    } else {
      open.body.push(line);
    }
  });
  return { blocks, prose: prose.join('\n') };
}

/** Inline links of prose (code spans ignored; images included: they must resolve too). */
export function linksOf(prose: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  prose.split('\n').forEach((raw, i) => {
    const line = raw.replace(/`[^`]*`/g, '');
    for (const m of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (m[1] !== undefined) links.push({ target: m[1], line: i + 1 });
    }
  });
  return links;
}

/**
 * GitHub's heading anchor: lower case, punctuation dropped (letters, digits, spaces, `-`
 * and `_` kept), spaces to `-`.
 */
export function slugOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a document's ATX headings, outside code, with `-1`, `-2` for repeats. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of splitFences(text).prose.split('\n')) {
    const m = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (m?.[1] === undefined) continue;
    const base = slugOf(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}
