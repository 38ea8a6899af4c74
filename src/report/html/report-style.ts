// The report's stylesheet, inlined so the file opens from file:// with no network (its hash goes in the CSP).
export const REPORT_STYLE = `
:root { color-scheme: light; --ok:#1f8a4c; --bad:#c53030; --warn:#b7791f; --skip:#6b7280; --nc:#9ca3af; --line:#e2e8f0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a202c; background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 0 20px 40px; }
h2 { margin: 28px 0 10px; font-size: 19px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { margin: 18px 0 6px; font-size: 15px; }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f7fafc; border: 1px solid var(--line); padding: 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; max-height: 420px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: #f7fafc; font-weight: 600; }
.banner { padding: 18px 20px; color: #fff; }
.banner h1 { margin: 0 0 4px; font-size: 26px; }
.banner p { margin: 0 0 10px; opacity: .95; }
.verdict-conformant { background: var(--ok); }
.verdict-not-conformant { background: var(--bad); }
.verdict-incomplete { background: #975a16; }
.verdict-broke { background: #2d3748; }
.status-waived { background: #2c7a7b; }
.status-not-selected { background: #a0aec0; }
.banner p.target-line code { color: #fff; word-break: break-all; }
#at-a-glance { max-width: 1180px; margin: 0 auto; padding: 4px 20px 0; }
.top-list h2 { font-size: 16px; margin: 14px 0 6px; }
.top-list ul { margin: 0; padding-left: 20px; max-height: 360px; overflow-y: auto; overflow-wrap: anywhere; }
.top-list li { margin: 3px 0; }
.top-list .where { color: #718096; font-size: 12px; }
.top-list.failed-must h2, .top-list.broken h2 { color: var(--bad); }
.top-list.warned-should h2 { color: var(--warn); }
.top-list.unexercised h2 { color: #805ad5; }
.banner table.counts { width: auto; background: rgba(255,255,255,.12); }
.banner table.counts th, .banner table.counts td { border-color: rgba(255,255,255,.3); background: transparent; color: #fff; text-align: right; min-width: 84px; }
.banner table.counts th:first-child { text-align: left; }
nav.toc { display: flex; gap: 14px; padding: 8px 20px; background: #edf2f7; font-size: 13px; flex-wrap: wrap; }
nav.toc a { color: #2b6cb0; }
dl.target { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.target dt { font-weight: 600; }
dl.target dd { margin: 0; word-break: break-all; }
.controls { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin: 6px 0 10px; position: sticky; top: 0; background: #fff; padding: 8px 0; z-index: 1; }
.controls input[type=search] { min-width: 280px; padding: 5px 8px; }
.controls select { padding: 4px; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; }
.status-passed { background: var(--ok); }
.status-failed { background: var(--bad); }
.status-warned { background: var(--warn); }
.status-skipped { background: var(--skip); }
.status-not-covered { background: var(--nc); }
.status-inconclusive { background: #805ad5; }
.evidence-tag { font-size: 11px; color: #4a5568; white-space: nowrap; }
table.requirements { table-layout: fixed; }
table.requirements col.c-id { width: 118px; } table.requirements col.c-level { width: 80px; }
table.requirements col.c-evidence { width: 170px; } table.requirements col.c-status { width: 150px; }
table.requirements col.c-tests { width: 190px; }
table.requirements td { overflow-wrap: anywhere; }
td.evidence .sources { font-size: 12px; }
td.evidence a.source { display: inline-block; margin-right: 6px; }
details.source-text { font-size: 11px; color: #4a5568; }
details.source-text summary, details.tests summary { cursor: pointer; color: #2b6cb0; font-size: 12px; }
details.tests[open] { font-size: 12px; }
.exchange-view { margin: 6px 0 4px; }
.request-url code { word-break: break-all; }
.curl { position: relative; }
.curl pre { margin: 4px 0; padding-right: 60px; }
.curl button.copy { position: absolute; top: 4px; right: 4px; font-size: 11px; padding: 1px 8px; cursor: pointer; }
.named { font-size: 12px; margin: 2px 0; }
.named code, mark { background: #fefcbf; }
mark { color: inherit; outline: 1px solid #d69e2e; }
details.area-evidence { margin: 6px 0; }
details.area-evidence > summary { cursor: pointer; font-weight: 600; }
.reason.inconclusive { display: block; color: #553c9a; font-size: 12px; }
.level { white-space: nowrap; font-size: 11px; font-weight: 700; letter-spacing: .03em; padding: 1px 5px; border: 1px solid #a0aec0; border-radius: 3px; color: #2d3748; }
.level-SHOULD { color: #975a16; border-color: #d69e2e; }
tr.req td.id { white-space: nowrap; font-family: ui-monospace, monospace; font-size: 12px; }
tr.req .statement { color: #4a5568; font-size: 13px; }
ul.tests { margin: 0; padding-left: 16px; font-size: 12px; }
.muted { color: #718096; }
.reason { color: #744210; }
article.failure { border: 1px solid #feb2b2; border-left: 5px solid var(--bad); padding: 8px 14px; margin: 14px 0; }
article.failure.level-SHOULD { border-color: #fbd38d; border-left-color: var(--warn); }
ol.findings li { margin: 4px 0; }
.meta { color: #718096; font-size: 12px; }
figure.timeline-figure { margin: 10px 0; overflow-x: auto; }
figure.timeline-figure figcaption { font-size: 12px; color: #4a5568; }
li.exchange.highlight > pre { border-color: var(--bad); background: #fff5f5; }
.coverage-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 14px; }
.coverage-grid > div { min-width: 0; }
.coverage-grid table { table-layout: fixed; }
.coverage-grid td { overflow-wrap: anywhere; }
.coverage-grid td:last-child, .coverage-grid th:last-child { width: 116px; text-align: right; }
#seeds table, #spec-issues table { table-layout: fixed; }
#seeds td, #spec-issues td { overflow-wrap: anywhere; }
.coverage-grid td.zero { color: #a0aec0; }
.unknown { color: var(--bad); font-weight: 600; }
.problems li { color: #744210; }
footer { color: #718096; font-size: 12px; margin-top: 30px; }
`;
