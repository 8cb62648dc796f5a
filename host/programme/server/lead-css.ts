/**
 * The lead's pages' one stylesheet, served from /assets/lead.css (the pages' CSP allows no inline
 * style). Light and dark follow the reader's system (prefers-color-scheme); laid out to read at
 * 1024×640 without sideways scrolling of the page (wide matrices scroll inside their own box).
 */
export const LEAD_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --head: #f3f5f7; --accent: #0b5cad;
  --bad-bg: #fde8e8; --bad-fg: #8a1414; --good-fg: #15622d; --warn-bg: #fff4d6; --warn-fg: #6b4a00; --bar: #0b5cad; --bar-bg: #dfe6ee;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14171b; --fg: #e6e9ed; --muted: #a4adb8; --line: #39414b; --head: #1e232a; --accent: #7db7ff;
    --bad-bg: #4a1c1c; --bad-fg: #ffb4b4; --good-fg: #8fdca5; --warn-bg: #45380f; --warn-fg: #ffd97a; --bar: #7db7ff; --bar-bg: #2c333c;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--accent); }
a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; padding: 10px 24px; border-bottom: 1px solid var(--line); background: var(--head); }
header.top .brand { font-weight: 700; }
header.top nav ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; margin: 0; padding: 0; }
header.top nav a[aria-current="page"] { font-weight: 700; color: var(--fg); text-decoration: none; border-bottom: 2px solid var(--accent); }
header.top .who { margin-left: auto; color: var(--muted); font-size: 13px; }
main { padding: 16px 24px 40px; max-width: 1400px; }
h1 { font-size: 22px; margin: 4px 0 8px; }
h2 { font-size: 17px; margin: 24px 0 8px; }
p.intro { color: var(--muted); margin: 0 0 12px; max-width: 80ch; }
.filters { display: flex; flex-wrap: wrap; gap: 6px 20px; margin: 8px 0 12px; font-size: 14px; }
.filters ul { display: inline-flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0 0 0 6px; padding: 0; }
.filters a { display: inline-block; padding: 1px 8px; border: 1px solid var(--line); border-radius: 10px; text-decoration: none; }
.filters a[aria-current="true"] { background: var(--accent); color: var(--bg); border-color: var(--accent); }
.scroll { overflow-x: auto; max-width: 100%; border: 1px solid var(--line); position: relative; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
thead th { background: var(--head); font-weight: 600; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.overall td, tr.overall th { font-weight: 700; background: var(--head); }
tr.unit th { font-weight: 700; }
tr.team th { font-weight: 400; padding-left: 22px; }
.small { display: block; color: var(--muted); font-size: 12px; font-weight: 400; }
.worse { color: var(--bad-fg); }
.better { color: var(--good-fg); }
.mark { font-size: 11px; margin-left: 3px; }
svg.share { vertical-align: middle; margin-right: 6px; }
svg.share .bg { fill: var(--bar-bg); }
svg.share .fg, svg.chart .bar { fill: var(--bar); }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart text { fill: var(--muted); font-size: 11px; }
svg.chart .grid { stroke: var(--line); }
table.matrix th[scope="col"] { font-size: 12px; min-width: 64px; }
table.matrix td { font-size: 12px; white-space: nowrap; }
table.matrix tbody th { position: sticky; left: 0; background: var(--bg); white-space: nowrap; }
td.stale { background: var(--warn-bg); color: var(--warn-fg); }
td.stale::before { content: "⚠ "; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
ul.reminders { padding-left: 20px; }
ul.reminders li.overdue { color: var(--bad-fg); }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; border: 1px solid var(--line); }
.badge.overdue, .badge.reopened { background: var(--bad-bg); color: var(--bad-fg); border-color: transparent; }
.badge.verified, .badge.done { color: var(--good-fg); }
.badge.due { background: var(--warn-bg); color: var(--warn-fg); border-color: transparent; }
a.button { display: inline-block; padding: 4px 12px; border: 1px solid var(--accent); border-radius: 4px; text-decoration: none; margin: 4px 0 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
`;
