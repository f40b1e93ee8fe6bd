/**
 * The report's style sheet: one readable column on screen, and on paper no
 * chart split across pages and no interactive controls.
 */
import { PER_TASK_COLOR, PER_TOKEN_COLOR } from '../charts/chartTheme.js';

export const REPORT_STYLES = `
:root { color-scheme: light; }
body {
  font: 15px/1.5 Helvetica, Arial, sans-serif; color: #222; background: #fff;
  max-width: 980px; margin: 2rem auto; padding: 0 1.5rem;
}
h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid #ddd; }
.description { color: #555; margin: 0 0 1rem; }
.headline p { margin: 0.4rem 0; font-size: 1.05rem; }
figure.chart { margin: 1.5rem 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 0.9rem; margin: 0.5rem 0; }
p.note { color: #555; font-size: 0.85rem; }
th, td { padding: 0.3rem 0.55rem; text-align: right; border-bottom: 1px solid #e4e4e4; }
th[scope="row"], thead th[scope="col"] { text-align: left; }
thead th { background: #f6f6f6; font-weight: 600; }
th.per-task { color: ${PER_TASK_COLOR}; }
th.per-token { color: ${PER_TOKEN_COLOR}; }
tr.total th, tr.total td { font-weight: 600; border-top: 2px solid #bbb; }
.method { color: #444; font-size: 0.92rem; }
td.text { text-align: left; }
td.drawn { white-space: nowrap; }
table.assumptions th[scope="row"] { font-weight: normal; }
table.assumptions code { font-size: 0.8rem; overflow-wrap: anywhere; }
.warnings li { color: #8a4b00; }
@page { margin: 14mm 12mm; }
@media print {
  body { font-size: 10.5pt; max-width: none; margin: 0; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table { break-inside: avoid; }
  .vega-actions, details { display: none !important; }
}
`;
