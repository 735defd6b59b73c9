/** The report page's inline stylesheet (no external fonts, system font stack). */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #111827; --muted: #4b5563; --line: #e5e7eb; --ok: #2f6fb0;
  --over: #c8283e; --bg: #f3f4f6; --card: #ffffff; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); line-height: 1.45;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 0 20px 40px; }
header.top { background: #0f2a44; color: #fff; padding: 28px 0 24px; margin-bottom: 24px; }
header.top .inner { max-width: 960px; margin: 0 auto; padding: 0 20px; }
header.top .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; opacity: .8; margin: 0; }
header.top h1 { margin: 4px 0 6px; font-size: 28px; font-weight: 700; }
header.top p { margin: 0; opacity: .9; }
header.top .year-link { margin-top: 6px; } header.top a { color: #fff; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin-bottom: 20px; }
.card { background: var(--card); border-radius: 10px; padding: 14px 16px; box-shadow: 0 1px 2px rgb(0 0 0 / .06); }
.card .n { font-size: 26px; font-weight: 700; display: block; }
.card .l { color: var(--muted); font-size: 13px; }
.card.alert .n { color: var(--over); }
section { background: var(--card); border-radius: 12px; padding: 18px 20px 20px; margin-bottom: 20px;
  box-shadow: 0 1px 2px rgb(0 0 0 / .06); }
section > h2 { margin: 0 0 4px; font-size: 20px; }
section > p.lead { margin: 0 0 14px; color: var(--muted); }
figure { margin: 18px 0 26px; }
figure h3 { margin: 0 0 2px; font-size: 16px; }
figure h3 .uom, figure h3 .long { color: var(--muted); font-weight: 400; }
figcaption { color: var(--muted); font-size: 13.5px; margin: 2px 0 8px; }
figcaption .over-list { color: var(--over); font-weight: 600; }
.chart-wrap { overflow-x: auto; }
svg.chart { max-width: 100%; height: auto; font-size: 12.5px; display: block; }
svg.chart .tick { font-size: 11.5px; }
svg.chart .series:hover path { stroke-width: 3.5; stroke-opacity: 1; }
svg.line-chart.dense .series path { stroke-opacity: .5; stroke-width: 1.4; }
svg.line-chart.dense .series circle { opacity: .75; }
svg.line-chart .series:hover circle { opacity: 1; }
.legend .median-key { font-weight: 600; }
svg.chart .bar:hover .label { text-decoration: underline; }
.key { display: flex; flex-wrap: wrap; gap: 8px 18px; font-size: 13px; color: var(--muted); margin: 0 0 6px;
  padding: 0; list-style: none; }
.key li { display: flex; align-items: center; gap: 6px; }
.key .sw { width: 22px; height: 11px; border-radius: 2px; display: inline-block; }
.sw.ok { background: var(--ok); } .sw.over { background: var(--over); }
.sw.invalid { background: repeating-linear-gradient(45deg, var(--ok) 0 2px, #dbe7f3 2px 5px); border: 1px solid var(--ok); }
.sw.guide { height: 0; border-top: 2px dashed var(--ink); border-radius: 0; }
.legend { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.over-tag { color: var(--over); font-weight: 600; font-size: 12px; }
.notice { background: #fff7ed; border-left: 4px solid #c2410c; padding: 10px 14px; border-radius: 6px; margin-bottom: 20px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12.5px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
td.num { font-variant-numeric: tabular-nums; text-align: right; white-space: nowrap; }
tr.over-station td:first-child { color: var(--over); font-weight: 600; }
details.numbers { margin: 8px 0 0; font-size: 13px; }
details.numbers summary { cursor: pointer; color: var(--muted); }
details.numbers .table-wrap { overflow-x: auto; max-height: 420px; overflow-y: auto; margin-top: 6px; }
details.numbers table { font-size: 13px; }
details.numbers thead th { white-space: nowrap; vertical-align: bottom; }
details.numbers th[scope="row"] { font-weight: 400; white-space: nowrap; text-transform: none;
  letter-spacing: 0; font-size: 13px; color: var(--ink); }
details.numbers tr.over th, details.numbers td.over { color: var(--over); font-weight: 600; }
footer { color: var(--muted); font-size: 13px; padding: 8px 4px; }
footer code { font-size: 12px; word-break: break-all; }
footer .mismatch { color: var(--over); font-weight: 600; }
@media (max-width: 720px) { .cards { grid-template-columns: repeat(2, 1fr); } }
@media print { body { background: #fff; } section { box-shadow: none; } header.top { background: #fff; color: #000; } }
`;
