/**
 * The workbook's Options sheet: each option's spend over the horizon and what
 * it changes (its description), then each pair of options compared trial by
 * trial on common draws, as the HTML page lists them.
 */
import type ExcelJS from 'exceljs';
import type { OptionsComparison, Summary } from '../engine/summaryTypes.js';
import {
  addWorkbookTable,
  PERCENT_FORMAT as PERCENT,
  type Row,
  SPREAD_LABELS,
  spreadOf,
} from './addWorkbookTable.js';
import { horizonNameOf } from './charts/chartTheme.js';
import {
  ONE_TRIAL_CHEAPER_HEADING,
  ONE_TRIAL_PAIRS_LEAD,
  oneTrialCheaperCellOf,
} from './cheaperShareOf.js';
import { moneyCellFormat as MONEY } from './moneyCellFormat.js';

/**
 * Adds the sheet `name` with a row per option (mean, P10, P50, P90 of its
 * spend over the horizon, its description) and the pairs below them; a sentence when the
 * scenario compares no options. Cost: a row per option and per pair.
 */
export function addOptionsSheet(workbook: ExcelJS.Workbook, name: string, summary: Summary): void {
  const options = summary.options?.options ?? [];
  // The description last, where the pairs below have their share: the figures stay in
  // the same columns in both tables.
  const rows = options.map((o): Row => [o.name, ...spreadOf(o.annual), o.description]);
  // "Annual" for a year, "13-month" for another horizon: the span the figures sum.
  const span = horizonNameOf(summary.months);
  const header = ['Option', ...SPREAD_LABELS.map((f) => `${span} ${f}`), 'What changes'];
  const sheet = addWorkbookTable(workbook, name, header, rows, [null, MONEY, MONEY, MONEY, MONEY]);
  if (options.length === 0) sheet.addRow(['This scenario compares no options.']);
  const longest = Math.max(0, ...options.map((o) => o.description.length));
  sheet.getColumn(6).width = Math.min(60, Math.max(sheet.getColumn(6).width ?? 0, longest + 2));
  if (summary.options !== undefined) addOptionPairs(sheet, summary.options, span);
}

/**
 * Each pair of options below them, as the HTML page lists them: the paired
 * difference (first minus second) in the columns of the options' figures, and
 * the share of trials in which the first is cheaper. At one trial that share
 * would be 0% or 100%, a certainty one draw cannot give, so the last column
 * names the option cheaper in that trial instead.
 */
function addOptionPairs(sheet: ExcelJS.Worksheet, comparison: OptionsComparison, span: string) {
  if (comparison.pairs.length === 0) return;
  const oneTrial = comparison.trials === 1;
  sheet.addRow([]);
  sheet.addRow([
    oneTrial ? ONE_TRIAL_PAIRS_LEAD : 'Differences trial by trial, on common draws',
  ]).font = { bold: true };
  const header = [
    'First − second',
    ...SPREAD_LABELS.map((f) => `${span} ${f}`),
    ...(oneTrial
      ? [ONE_TRIAL_CHEAPER_HEADING]
      : ['Share of trials the first is cheaper', 'Share of trials they cost the same']),
  ];
  sheet.addRow(header).font = { bold: true };
  for (const pair of comparison.pairs) {
    const cheaper = oneTrial ? oneTrialCheaperCellOf(pair) : pair.probabilityFirstCheaper;
    const row = sheet.addRow([
      `${pair.first} − ${pair.second}`,
      ...spreadOf(pair.difference),
      cheaper,
      ...(oneTrial ? [] : [pair.probabilityEqual]),
    ]);
    [2, 3, 4, 5].forEach((column, i) => {
      row.getCell(column).numFmt = MONEY(spreadOf(pair.difference)[i] ?? 0);
    });
    if (!oneTrial) [6, 7].forEach((column) => (row.getCell(column).numFmt = PERCENT));
  }
  const widest = Math.max(...comparison.pairs.map((p) => p.first.length + p.second.length + 3));
  sheet.getColumn(1).width = Math.max(sheet.getColumn(1).width ?? 0, widest + 2);
  // The options' rows may have widened column 6 already (their description): keep the wider.
  [6, 7].forEach((column) => {
    const shareWidth = (header[column - 1] ?? '').length + 2;
    const width = sheet.getColumn(column).width ?? 0;
    sheet.getColumn(column).width = Math.max(12, width, shareWidth);
  });
}
