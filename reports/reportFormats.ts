/**
 * The output formats `pertask run --format` chooses among, each with the
 * files it writes into a scenario's folder.
 */
export const REPORT_FORMATS = {
  html: 'report.html, the page to open and forward',
  json: 'summary.json, every figure',
  csv: 'monthly.csv, monthly percentiles',
  md: 'summary.md, the summary for documents and chat',
  xlsx: 'report.xlsx, a workbook of the figures',
  png: 'a .png picture per chart',
  svg: 'a .svg drawing per chart',
  vl: 'a .vl.json Vega-Lite spec per chart',
} as const;

export type ReportFormat = keyof typeof REPORT_FORMATS;

export const ALL_REPORT_FORMATS = Object.keys(REPORT_FORMATS) as ReportFormat[];

/** True when `name` is one of the formats above. */
export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(REPORT_FORMATS, name);
}
