// The history site's stylesheet, inlined in every page so the site opens from disk with no network.
export const SITE_STYLE = `
:root { color-scheme: light; --ok:#1f8a4c; --bad:#c53030; --warn:#b7791f; --skip:#6b7280; --nc:#9ca3af; --line:#e2e8f0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a202c; background: #fff; }
header.site { padding: 16px 20px; background: #2d3748; color: #fff; }
header.site h1 { margin: 0; font-size: 22px; }
header.site p { margin: 4px 0 0; opacity: .9; }
header.site a { color: #bee3f8; }
main { max-width: 1180px; margin: 0 auto; padding: 0 20px 40px; }
h2 { margin: 24px 0 10px; font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: #f7fafc; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.target { min-width: 120px; max-width: 260px; }
td.target .url { overflow-wrap: anywhere; }
td.target .kind { display: block; white-space: nowrap; }
td.date { white-space: nowrap; }
#runs th, #runs td { padding: 5px 6px; font-size: 13px; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
a { color: #2b6cb0; }
.muted { color: #718096; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; background: var(--nc); }
/* Badges only: a row of the changes page carries kind-* too, and a badge must never take its row's colour. */
.badge.verdict-conformant, .badge.status-passed, .badge.kind-improvement { background: var(--ok); }
.badge.verdict-not-conformant, .badge.status-failed, .badge.kind-regression { background: var(--bad); }
.badge.verdict-incomplete, .badge.status-warned, .badge.status-inconclusive { background: var(--warn); }
.badge.status-skipped, .badge.kind-change { background: var(--skip); }
.badge.broke, .badge.verdict-broke { background: #1a202c; }
tr.change.kind-regression { background: #fff5f5; }
tr.change.kind-improvement { background: #f0fff4; }
tr.run.broken td { background: #f7fafc; }
.level { font-size: 11px; font-weight: 700; padding: 1px 5px; border: 1px solid #a0aec0; border-radius: 3px; }
.problems { color: var(--bad); }
`;
