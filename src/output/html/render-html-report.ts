import type { Case } from '../../findings/case.js';
import type { Finding } from '../../findings/finding.js';
import type { SshSession } from '../../model/session.js';
import { severityRank } from '../../triage/case-context.js';
import { inferHops } from '../../triage/infer-hops.js';
import type { Hop } from '../../triage/triage-options.js';
import { escapeHtml } from './escape.js';
import { casePanel, findingBlock } from './panels.js';
import { REPORT_CSS, REPORT_SCRIPT } from './styles.js';
import { renderSwimlanes } from './swimlanes.js';

/**
 * What {@link renderHtmlReport} draws.
 *
 * @example
 * ```ts
 * const input: HtmlReportInput = { findings, cases, sessions, hops: [{ from: a.id, to: b.id }] };
 * ```
 */
export interface HtmlReportInput {
  /** Findings (markers on the timelines, details with evidence). */
  readonly findings: readonly Finding[];
  /** Cases (panels with decision, answers, containment). */
  readonly cases: readonly Case[];
  /** Sessions (bars on the swimlanes). */
  readonly sessions: readonly SshSession[];
  /** Cross-host hops to draw (upstream session id, downstream session id); inferred with {@link inferHops} when absent. */
  readonly hops?: readonly Hop[];
  /** Report title (default `sshtrail report`). */
  readonly title?: string;
  /** A line under the title, e.g. the inputs and when the scan ran. */
  readonly subtitle?: string;
}

/**
 * Renders one self-contained HTML report: summary cards, per-host and per-user session
 * swimlanes (SVG) with findings marked and hop chains drawn, case panels with the escalation
 * decision, answers and containment, and every finding with its evidence lines one click away.
 * No external asset (inline CSS, SVG and a few lines of script); works offline. All log text is
 * escaped. Pure: the same input gives the same bytes.
 *
 * @param input - Findings, cases, sessions and optional hops.
 * @returns The HTML document.
 * @example
 * ```ts
 * const html = renderHtmlReport({ findings, cases, sessions });
 * writeFileSync('report.html', html);
 * ```
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  const { findings, cases, sessions } = input;
  const hops = input.hops ?? inferHops(sessions);
  const anchors = new Map<string, string>();
  findings.forEach((f, i) => {
    anchors.set(f.id, `finding-${i + 1}`);
  });
  cases.forEach((c, i) => {
    anchors.set(c.id, `case-${i + 1}`);
  });
  const anchorOf = (id: string) => anchors.get(id) ?? 'findings';
  const range = timeRange(findings, sessions);
  const escalated = cases.filter((c) => c.escalate).length;
  const title = input.title ?? 'sshtrail report';
  const lanes = (by: 'host' | 'user', heading: string) =>
    renderSwimlanes({ title: heading, by, sessions, findings, hops, anchorOf, range });
  const ordered = [...findings].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  // Escalated cases first, then by severity, then by start.
  const casesInOrder = [...cases].sort(
    (a, b) =>
      Number(b.escalate) - Number(a.escalate) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      (a.start < b.start ? -1 : a.start > b.start ? 1 : 0),
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><div class="sub">${escapeHtml(input.subtitle ?? 'SSH sessions, findings and cases (MITRE ATT&CK T1563.001)')}</div></header>
<main>
<div class="cards">
<div class="card"><b>${sessions.length}</b>${plural(sessions.length, 'session')}</div>
<div class="card"><b>${findings.length}</b>${plural(findings.length, 'finding')}</div>
<div class="card"><b>${cases.length}</b>${plural(cases.length, 'case')}</div>
<div class="card"><b>${escalated}</b>escalated</div>
</div>
<section id="timeline-hosts"><h2>Sessions by host</h2>
<div class="legend"><span><i style="background:var(--session)"></i>session</span><span><i style="background:var(--session-hot)"></i>session with findings</span><span><i style="background:var(--low)"></i>low</span><span><i style="background:var(--medium)"></i>medium</span><span><i style="background:var(--high)"></i>high</span><span><i style="background:var(--critical)"></i>critical</span><span><i style="background:#d9373b;border-radius:0;height:3px"></i>hop</span></div>
<div class="lanes">${lanes('host', 'Sessions by host')}</div></section>
<section id="timeline-users"><h2>Sessions by user</h2><div class="lanes">${lanes('user', 'Sessions by user')}</div></section>
<section id="cases"><h2>Cases</h2>${cases.length === 0 ? '<p class="muted">No case.</p>' : casesInOrder.map((c) => casePanel(c, anchorOf)).join('\n')}</section>
<section id="findings"><h2>Findings</h2>${ordered.length === 0 ? '<p class="muted">No finding.</p>' : ordered.map((f) => findingBlock(f, anchorOf(f.id))).join('\n')}</section>
</main>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

function timeRange(
  findings: readonly Finding[],
  sessions: readonly SshSession[],
): { start: number; end: number } {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const s of sessions) {
    start = Math.min(start, s.startTime);
    end = Math.max(end, s.endTime ?? s.lastSeenTime);
  }
  for (const f of findings) {
    const t = Date.parse(f.time);
    if (!Number.isFinite(t)) continue;
    start = Math.min(start, t);
    end = Math.max(end, t);
  }
  if (!Number.isFinite(start) || !Number.isFinite(end)) return { start: 0, end: 60_000 };
  const pad = Math.max(60_000, (end - start) * 0.03);
  return { start: start - pad, end: end + pad };
}

function plural(n: number, noun: string): string {
  return n === 1 ? noun : `${noun}s`;
}
