/** @internal The report's inline stylesheet (no fonts, no external assets). */
export const REPORT_CSS = `
:root{--bg:#f6f7f9;--fg:#1d232b;--muted:#5b6573;--card:#fff;--line:#d9dee5;--low:#3b82c4;--medium:#d98e04;--high:#d9373b;--critical:#8b1fa9;--session:#9fb3c8;--session-hot:#51677f}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:var(--bg);color:var(--fg)}
header{background:#18212c;color:#fff;padding:18px 28px}
header h1{margin:0 0 4px;font-size:20px}
header .sub{color:#b8c2cf;font-size:13px}
main{padding:18px 28px;max-width:1500px}
section{margin:0 0 22px}
h2{font-size:16px;margin:0 0 10px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:0 0 18px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:22px}
.panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px;margin:0 0 14px}
.lanes{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px}
svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;fill:var(--fg)}
svg .axis{stroke:var(--line)}
svg .lane-bg{fill:#f0f3f7}
svg .session{fill:var(--session);stroke:#7d93ab}
svg .session.hot{fill:var(--session-hot);stroke:#2e3f52}
svg .hop{fill:none;stroke:#d9373b;stroke-width:2;stroke-dasharray:5 3}
svg .hop.guess{stroke-dasharray:1 4;opacity:.75}
svg a:hover .marker{stroke:#000;stroke-width:2}
.sev{display:inline-block;border-radius:4px;padding:1px 7px;color:#fff;font-size:12px;font-weight:600;text-transform:uppercase}
.sev-low{background:var(--low)}.sev-medium{background:var(--medium)}.sev-high{background:var(--high)}.sev-critical{background:var(--critical)}
.decision{font-weight:700;padding:2px 9px;border-radius:4px}
.decision.yes{background:#fde2e2;color:#a3161a}.decision.no{background:#e3f3e6;color:#1f6b32}
table{border-collapse:collapse;width:100%;margin:6px 0 10px}
th,td{text-align:left;vertical-align:top;border-bottom:1px solid var(--line);padding:5px 8px;overflow-wrap:anywhere}
td:first-child,td[class^=ans-]{white-space:nowrap;overflow-wrap:normal}
th{font-size:12px;color:var(--muted);font-weight:600}
.ans-yes{color:#a3161a;font-weight:700}.ans-no{color:#1f6b32;font-weight:700}.ans-unknown{color:#8a6d00;font-weight:700}
.missing{color:var(--muted);font-size:12px}
code,pre{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:#0f1720;color:#e6edf3;padding:8px 10px;border-radius:6px;overflow-x:auto;white-space:pre-wrap;word-break:break-all;margin:4px 0}
details>summary{cursor:pointer}
details.finding{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--line);border-radius:6px;padding:8px 12px;margin:0 0 8px}
details.finding.low{border-left-color:var(--low)}details.finding.medium{border-left-color:var(--medium)}details.finding.high{border-left-color:var(--high)}details.finding.critical{border-left-color:var(--critical)}
details.finding:target,details.finding.flash{box-shadow:0 0 0 3px #f5c451}
.muted{color:var(--muted)}
.legend{display:flex;gap:14px;align-items:center;font-size:12px;color:var(--muted);margin:6px 4px}
.legend i{display:inline-block;width:12px;height:12px;border-radius:50%;margin-right:4px;vertical-align:-2px}
`;

/** @internal The report's inline script: a marker click opens and flashes the finding it points to. */
export const REPORT_SCRIPT = `
(function(){
  function openTarget(id){
    var el=document.getElementById(id);
    if(!el)return;
    if(el.tagName==='DETAILS')el.open=true;
    el.classList.add('flash');
    setTimeout(function(){el.classList.remove('flash');},1600);
  }
  document.addEventListener('click',function(e){
    var t=e.target;
    var a=t&&t.closest?t.closest('[data-open]'):null;
    if(a){openTarget(a.getAttribute('data-open'));}
  });
  if(location.hash.length>1){openTarget(decodeURIComponent(location.hash.slice(1)));}
})();
`;
