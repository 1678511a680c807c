import type { Answer, Case } from '../../findings/case.js';
import type { Evidence, Finding } from '../../findings/finding.js';
import { escapeHtml as e } from './escape.js';

/** @internal Evidence lines as a collapsed block, one click away. */
export function evidenceBlock(evidence: readonly Evidence[], label = 'evidence'): string {
  if (evidence.length === 0) return '<span class="muted">no lines</span>';
  const lines = evidenceLines(evidence);
  return `<details class="evidence"><summary>${e(label)} (${evidence.length} line${evidence.length === 1 ? '' : 's'})</summary><pre>${e(lines)}</pre></details>`;
}

// Control characters in a log line (auditd's ENRICHED 0x1d separator, escapes an attacker
// smuggled in) are shown as their Unicode control pictures (␝), not as a browser's "�" or not at all.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

function evidenceLines(evidence: readonly Evidence[]): string {
  return evidence.map((x) => `${x.source}:${x.line}  ${visibleControls(x.text)}`).join('\n');
}

function visibleControls(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return String.fromCharCode(code === 0x7f ? 0x2421 : 0x2400 + code);
  });
}

function sev(severity: string): string {
  return `<span class="sev sev-${e(severity)}">${e(severity)}</span>`;
}

function findingLinks(ids: readonly string[], anchorOf: (id: string) => string): string {
  return ids
    .map((id) => `<a href="#${e(anchorOf(id))}" data-open="${e(anchorOf(id))}">${e(id)}</a>`)
    .join(', ');
}

function answerRow(key: string, a: Answer, anchorOf: (id: string) => string): string {
  const missing =
    a.missing === undefined ? '' : `<div class="missing">missing: ${e(a.missing)}</div>`;
  return `<tr data-answer="${e(key)}"><td><code>${e(key)}</code></td><td class="ans-${e(a.answer)}">${e(a.answer)}</td><td>${e(a.detail)}${missing}${a.findings.length > 0 ? `<div>findings: ${findingLinks(a.findings, anchorOf)}</div>` : ''}</td><td>${a.evidence.length > 0 ? evidenceBlock(a.evidence) : ''}</td></tr>`;
}

/** @internal One case panel: decision, reasons, rules, answers, containment, timeline. */
export function casePanel(c: Case, anchorOf: (id: string) => string): string {
  const rules = c.escalation
    .map(
      (r) =>
        `<tr><td><code>${e(r.rule)}</code></td><td class="ans-${r.met ? 'yes' : 'no'}">${r.met ? 'met' : 'not met'}</td><td>${e(r.reason)}</td><td>${findingLinks(r.findings, anchorOf)}</td></tr>`,
    )
    .join('');
  const answers = Object.entries(c.answers)
    .map(([key, a]) => answerRow(key, a as Answer, anchorOf))
    .join('');
  const containment =
    c.containment.length === 0
      ? '<p class="muted">No containment step.</p>'
      : `<table class="containment"><thead><tr><th>action</th><th>target</th><th>command / setting (not executed)</th><th>why</th></tr></thead><tbody>${c.containment
          .map(
            (s) =>
              `<tr><td><code>${e(s.action)}</code></td><td>${e(s.target)}</td><td>${s.command === undefined ? '' : `<code>${e(s.command)}</code>`}</td><td>${e(s.why)}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  const timeline = c.timeline
    .map(
      (t) =>
        `<tr><td>${e(t.time.replace('T', ' ').replace('Z', ''))}</td><td>${e(t.host ?? '')}</td><td>${t.findingId === undefined ? e(t.text) : `<a href="#${e(anchorOf(t.findingId))}" data-open="${e(anchorOf(t.findingId))}">${e(t.text)}</a>`}</td><td>${evidenceBlock(t.evidence)}</td></tr>`,
    )
    .join('');
  return `<article class="panel case" id="${e(anchorOf(c.id))}" data-case="${e(c.id)}">
<h3>${sev(c.severity)} ${e(c.id)} <span class="decision ${c.escalate ? 'yes' : 'no'}">${c.escalate ? 'ESCALATE TO TIER 2' : 'no escalation'}</span></h3>
<p class="muted">${e(c.start)} → ${e(c.end)} · hosts: ${e(c.hosts.join(', ') || '—')} · users: ${e(c.users.join(', ') || '—')} · sources: ${e(c.sourceIps.join(', ') || '—')} · findings: ${findingLinks(c.findings, anchorOf)}</p>
<ul class="reasons">${c.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul>
<details><summary>Escalation rules</summary><table><thead><tr><th>rule</th><th>outcome</th><th>reason</th><th>findings</th></tr></thead><tbody>${rules}</tbody></table></details>
<h4>Questions for analysis</h4>
<table class="answers"><thead><tr><th>question</th><th>answer</th><th>detail</th><th>evidence</th></tr></thead><tbody>${answers}</tbody></table>
<h4>Containment</h4>
${containment}
<details><summary>Case timeline (${c.timeline.length} entries)</summary><table><thead><tr><th>time (UTC)</th><th>host</th><th>what</th><th>evidence</th></tr></thead><tbody>${timeline}</tbody></table></details>
</article>`;
}

/** @internal One finding as a collapsed block with its evidence lines. */
export function findingBlock(f: Finding, anchor: string): string {
  const where = [f.host, f.user, f.sourceIp].map((v) => v ?? '?').join(' · ');
  return `<details class="finding ${e(f.severity)}" id="${e(anchor)}" data-finding="${e(f.id)}"><summary>${sev(f.severity)} <b>${e(f.title)}</b> <code>${e(f.detector)}</code> <span class="muted">${e(f.time)} · ${e(where)} · ${e(f.id)}</span></summary>
<p>${e(f.explanation)}</p>
<p class="muted">techniques: ${e(f.techniques.join(', ') || '—')} · confidence ${e(String(f.confidence))} · sessions: ${e(f.sessionIds.join(', ') || '—')}${f.intel === undefined ? '' : ` · intel: ${e(f.intel.list)}${f.intel.label === undefined ? '' : ` (${e(f.intel.label)})`}`}</p>
<pre>${e(evidenceLines(f.evidence))}</pre>
</details>`;
}
