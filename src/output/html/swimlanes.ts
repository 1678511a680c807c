import type { Finding } from '../../findings/finding.js';
import type { SshSession } from '../../model/session.js';
import type { Hop } from '../../triage/triage-options.js';
import { escapeHtml } from './escape.js';

/** @internal What the swimlane chart needs. */
export interface LaneInput {
  readonly title: string;
  /** `host` lanes also draw hops. */
  readonly by: 'host' | 'user';
  readonly sessions: readonly SshSession[];
  readonly findings: readonly Finding[];
  readonly hops: readonly Hop[];
  /** DOM id of each finding's details element. */
  readonly anchorOf: (findingId: string) => string;
  readonly range: { readonly start: number; readonly end: number };
}

const WIDTH = 1320;
const LABEL = 150;
const ROW = 22;
const LANE_PAD = 8;
const AXIS = 28;

interface Placed {
  readonly session: SshSession;
  readonly lane: number;
  readonly row: number;
}

function laneKey(by: 'host' | 'user', host: string | undefined, user: string | undefined): string {
  return (by === 'host' ? host : user) ?? '(unknown)';
}

function endOf(s: SshSession): number {
  return s.endTime ?? s.lastSeenTime;
}

function fmt(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** @internal Renders one swimlane chart as inline SVG: lanes by host or user, session bars, finding markers, hop arrows. */
export function renderSwimlanes(input: LaneInput): string {
  const { start, end } = input.range;
  const span = Math.max(1, end - start);
  const x = (t: number) => LABEL + ((t - start) / span) * (WIDTH - LABEL - 12);
  const lanes = [
    ...new Set([
      ...input.sessions.map((s) => laneKey(input.by, s.host, s.user)),
      ...input.findings.map((f) => laneKey(input.by, f.host, f.user)),
    ]),
  ].sort();
  if (lanes.length === 0) return '<p class="muted">No sessions or findings to draw.</p>';

  // Greedy rows inside each lane so overlapping sessions do not hide each other.
  const rowsEnd: number[][] = lanes.map(() => []);
  const placed: Placed[] = [];
  for (const s of [...input.sessions].sort((a, b) => a.startTime - b.startTime)) {
    const lane = lanes.indexOf(laneKey(input.by, s.host, s.user));
    const ends = rowsEnd[lane] ?? [];
    let row = ends.findIndex((e) => e < s.startTime);
    if (row < 0) row = ends.length;
    ends[row] = endOf(s);
    rowsEnd[lane] = ends;
    placed.push({ session: s, lane, row });
  }
  const laneTop: number[] = [];
  let y = AXIS;
  for (let i = 0; i < lanes.length; i++) {
    laneTop.push(y);
    y += Math.max(1, rowsEnd[i]?.length ?? 0) * ROW + LANE_PAD * 2;
  }
  const height = y + 6;
  const hot = new Set(input.findings.flatMap((f) => f.sessionIds));
  const bySession = new Map(placed.map((p) => [p.session.id, p] as const));
  const rowY = (p: Placed) => (laneTop[p.lane] ?? 0) + LANE_PAD + p.row * ROW + ROW / 2;

  const parts: string[] = [];
  parts.push(
    `<svg class="swimlanes" data-by="${input.by}" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${escapeHtml(input.title)}" xmlns="http://www.w3.org/2000/svg">`,
    '<defs><marker id="arrow-' +
      input.by +
      '" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#d9373b"/></marker></defs>',
  );
  for (let i = 0; i <= 6; i++) {
    const t = start + (span * i) / 6;
    const tx = x(t);
    parts.push(
      `<line class="axis" x1="${tx.toFixed(1)}" y1="${AXIS - 6}" x2="${tx.toFixed(1)}" y2="${height}"/>`,
      `<text x="${tx.toFixed(1)}" y="14" text-anchor="${i === 0 ? 'start' : i === 6 ? 'end' : 'middle'}">${escapeHtml(fmt(t))}</text>`,
    );
  }
  lanes.forEach((name, i) => {
    const top = laneTop[i] ?? 0;
    const h = Math.max(1, rowsEnd[i]?.length ?? 0) * ROW + LANE_PAD * 2;
    parts.push(
      `<g class="lane" data-lane="${escapeHtml(name)}"><rect class="lane-bg" x="0" y="${top}" width="${WIDTH}" height="${h - 2}" rx="4"/>`,
      `<text x="8" y="${top + h / 2 + 4}"><title>${escapeHtml(name)}</title>${escapeHtml(name.length > 20 ? `${name.slice(0, 19)}…` : name)}</text></g>`,
    );
  });
  for (const p of placed) {
    const s = p.session;
    const x1 = x(s.startTime);
    const w = Math.max(4, x(endOf(s)) - x1);
    const label = `${s.user ?? '?'}@${s.host ?? '?'} from ${s.sourceIp ?? s.sourceName ?? '?'} · ${fmt(s.startTime)} → ${s.endTime === undefined ? 'open' : fmt(s.endTime)} · ${s.id}`;
    parts.push(
      `<rect class="session${hot.has(s.id) ? ' hot' : ''}" data-session="${escapeHtml(s.id)}" x="${x1.toFixed(1)}" y="${(rowY(p) - 7).toFixed(1)}" width="${w.toFixed(1)}" height="14" rx="3"><title>${escapeHtml(label)}</title></rect>`,
    );
  }
  if (input.by === 'host') {
    for (const hop of input.hops) {
      const from = bySession.get(hop.from);
      const to = bySession.get(hop.to);
      if (from === undefined || to === undefined) continue;
      const hx = x(to.session.startTime);
      const y1 = rowY(from);
      const y2 = rowY(to) + (rowY(to) > y1 ? -8 : 8);
      const bend = Math.min(60, Math.abs(y2 - y1) / 2 + 10);
      const guess = hop.attribution === 'same_user' || hop.attribution === 'latest_session';
      parts.push(
        `<path class="hop${guess ? ' guess' : ''}" data-hop="${escapeHtml(`${hop.from} -> ${hop.to}`)}" d="M${hx.toFixed(1)} ${y1.toFixed(1)} C${(hx + bend).toFixed(1)} ${y1.toFixed(1)} ${(hx + bend).toFixed(1)} ${y2.toFixed(1)} ${hx.toFixed(1)} ${y2.toFixed(1)}" marker-end="url(#arrow-host)"><title>${escapeHtml(`hop ${hop.from} → ${hop.to}${hopBasis(hop, from.session.host)}`)}</title></path>`,
      );
    }
  }
  for (const f of input.findings) {
    const t = Date.parse(f.time);
    if (!Number.isFinite(t)) continue;
    const lane = lanes.indexOf(laneKey(input.by, f.host, f.user));
    const onSession = f.sessionIds.map((id) => bySession.get(id)).find((p) => p !== undefined);
    const cy =
      onSession !== undefined && onSession.lane === lane
        ? rowY(onSession)
        : (laneTop[lane] ?? 0) + LANE_PAD + ROW / 2;
    const anchor = escapeHtml(input.anchorOf(f.id));
    parts.push(
      `<a class="finding-link" href="#${anchor}" data-open="${anchor}"><circle class="marker sev-${escapeHtml(f.severity)}" data-finding="${escapeHtml(f.id)}" cx="${x(t).toFixed(1)}" cy="${cy.toFixed(1)}" r="7" fill="var(--${escapeHtml(f.severity)})" stroke="#fff" stroke-width="1.5"><title>${escapeHtml(`${f.severity} ${f.detector}: ${f.title} (${f.time})`)}</title></circle></a>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** Why the hop starts at its upstream session, in words; a guess says it is one. */
function hopBasis(hop: Hop, host: string | undefined): string {
  const where = host ?? 'the upstream host';
  const open = hop.openSessions === undefined ? 'several' : String(hop.openSessions);
  switch (hop.attribution) {
    case 'process':
      return ` (the ssh client ran in ${hop.from})`;
    case 'same_user':
      return ` (source session uncertain: ${open} sessions were open on ${where} and nothing tied the ssh client to one; this is the one of the same user)`;
    case 'latest_session':
      return ` (source session uncertain: ${open} sessions were open on ${where}; this is the latest opened)`;
    default:
      return '';
  }
}
