/**
 * The report page's stylesheet: readable on a laptop screen, and on paper (`@media print`), where
 * charts keep whole and the interactive select is pointless.
 *
 * NOTE: class names here and in html.ts / page/ must change together.
 */
export const REPORT_PAGE_CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --rule: #d8d8d8; --warn-bg: #fff4e5; --warn: #9a3b00; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1320px; padding: 20px 28px 40px; color: var(--ink); background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 24px; margin: 0 0 2px; }
h2 { font-size: 16px; margin: 22px 0 8px; }
#subtitle { margin: 0 0 8px; color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0; }
.legend-item { display: inline-flex; align-items: center; gap: 6px; font-weight: 600; overflow-wrap: anywhere; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; flex: none; }
.banner { margin: 16px 0 0; padding: 10px 14px; border-left: 5px solid var(--warn); background: var(--warn-bg); color: var(--warn); }
.banner ul { margin: 6px 0 0; padding-left: 20px; color: var(--ink); }
.banner li { overflow-wrap: anywhere; }
.caption { color: var(--muted); font-size: 12.5px; margin: 6px 0 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 7px; border-bottom: 1px solid var(--rule); text-align: left; white-space: nowrap; }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; vertical-align: bottom; white-space: normal; }
tbody th { font-weight: 600; max-width: 260px; overflow: hidden; text-overflow: ellipsis; }
/* Paths wrap: one long fixture URL kept on a line pushed the Error column out of its half-width box (1,280 px window). */
table.paths td:first-child { white-space: normal; overflow-wrap: anywhere; }
.num { text-align: right; }
.margin { display: block; color: var(--muted); font-size: 11.5px; }
/* The State cell can hold a reason ("skipped: cargo not found; install Rust …"): it wraps rather than push the table wider than the page. */
#summary td:last-child { white-space: normal; overflow-wrap: anywhere; min-width: 200px; }
tr[data-state="failed"] td, tr[data-state="failed"] th { color: #b00020; background: #fdecee; }
tr[data-state="partial"] td:last-child { color: var(--warn); font-weight: 600; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 8px 28px; }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px; }
/* min-width 0: a grid item otherwise keeps its canvas's drawn width and cannot shrink (print, narrow windows). */
.grid > *, .panels > * { min-width: 0; }
/* Horizontal bars with crawler names as labels: two panels a row at 1,280 px, not three. */
.panels.wide { grid-template-columns: repeat(auto-fit, minmax(400px, 1fr)); }
.skipped { margin: 8px 0 0; padding-left: 20px; color: var(--warn); font-weight: 600; }
.skipped li, .banner p { overflow-wrap: anywhere; }
.banner p { margin: 6px 0 0; color: var(--ink); }
/* Native and user crawlers: hatched, as their bars are in the start-up chart. */
.swatch.hatched { background-image: repeating-linear-gradient(45deg, rgba(255,255,255,0.75) 0 2px, transparent 2px 5px); outline: 1.5px solid #222; outline-offset: -1.5px; }
.box { position: relative; height: 320px; min-width: 0; }
canvas { max-width: 100%; }
.box.tall { height: 400px; }
.control { display: inline-block; margin-bottom: 6px; font-size: 13px; }
select { font: inherit; padding: 2px 4px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0; font-size: 13px; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
footer { margin-top: 28px; color: var(--muted); font-size: 12px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  .grid { grid-template-columns: 1fr 1fr; }
  .panels { grid-template-columns: repeat(3, 1fr); }
  .panels.wide { grid-template-columns: 1fr 1fr; }
  .box { height: 240px; }
  .table-wrap { overflow: visible; }
  table { font-size: 9px; }
  th, td { padding: 2px 4px; white-space: normal; }
  .margin { font-size: 8px; }
  section, .box { break-inside: avoid; }
  .control { display: none; }
  .banner, tr[data-state="failed"] td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
