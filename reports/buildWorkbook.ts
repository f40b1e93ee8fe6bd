/**
 * The report as an Excel workbook (exceljs), for finance teams who rework the
 * numbers: sheets Summary, Monthly percentiles, Workloads, Assumptions (with
 * the scheduled changes under the inputs) and Options. Cells hold the
 * Summary's numbers in full, with a display format ($, %), so a formula over
 * them computes with what the forecast computed.
 */
import ExcelJS from 'exceljs';
import type { Assumption } from '../engine/describeAssumptions.js';
import type { ScheduledChange } from '../engine/describeScheduledChanges.js';
import { isGapPartNoise } from '../engine/gapOf.js';
import type { Summary } from '../engine/summaryTypes.js';
import { addOptionsSheet } from './addOptionsSheet.js';
import { addScheduledChanges } from './addScheduledChanges.js';
import {
  addWorkbookTable,
  type ColumnFormat,
  PERCENT_FORMAT as PERCENT,
  type Row,
  spreadOf,
} from './addWorkbookTable.js';
import { MONTHLY_CSV_HEADER, TOTAL_SCOPE } from './buildMonthlyCsv.js';
import { firstAndLastOf, horizonWordOf, oneTrialBudgetVerbOf } from './charts/chartTheme.js';
import { costPerTaskOf } from './costPerTaskOf.js';
import { countCellFormat } from './countCellFormat.js';
import {
  CORRELATIONS_NOTE,
  CORRELATIONS_TITLE,
  describeCorrelation,
} from './describeCorrelation.js';
import { NOISE_PART_TEXT } from './describeGapShares.js';
import { describeDistribution, describeDrawn, isPercentKey } from './formatAssumptionValue.js';
import { moneyCellFormat } from './moneyCellFormat.js';
import { pinZipTimestamps } from './pinZipTimestamps.js';

/**
 * Money columns take their format cell by cell from the amount (moneyCellFormat),
 * so a cost per task of $0.0046 does not read "$0.00" beside sums in cents.
 */
const MONEY = moneyCellFormat;
/** Counts take their format cell by cell too: no trailing dot on a whole number. */
const COUNT = countCellFormat;

/** The sheet names, in order; tests read the workbook back by these. */
export const SHEETS = {
  summary: 'Summary',
  monthly: 'Monthly percentiles',
  workloads: 'Workloads',
  assumptions: 'Assumptions',
  options: 'Options',
} as const;

function summaryRows(summary: Summary): Row[] {
  const { scenario, total, budget } = summary;
  const rows: Row[] = [
    ['Scenario', scenario.name, null],
    ...(scenario.description === '' ? [] : [['Description', scenario.description, null] as Row]),
    ['First month', scenario.start, null],
    ['Months', scenario.months, null],
    ['Trials', scenario.trials, null],
    ['Seed', scenario.seed, null],
  ];
  const forecasts = [
    ['Per-task forecast', total.annual.perTask],
    ['Per-token forecast', total.annual.perToken],
    ['Gap (per-task minus per-token)', total.annual.gap],
  ] as const;
  for (const [label, d] of forecasts) {
    ['mean', 'P10', 'P50', 'P90'].forEach((statistic, i) => {
      rows.push([`${label} spend, ${statistic}`, spreadOf(d)[i] ?? null, 'USD']);
    });
  }
  if (budget !== null) rows.push(['Budget', budget.amount, 'USD'], ...budgetOddsRows(summary));
  for (const driver of summary.gapAttribution ?? []) {
    // A part within float noise of the spends (isGapPartNoise) is no finding: no figure,
    // and the reason where the unit would be, as the page's table and the terminal say.
    const noise = isGapPartNoise(driver.mean, total.annual);
    const [value, unit] = noise ? [null, NOISE_PART_TEXT] : [driver.mean, 'USD'];
    rows.push([`Gap driver: ${driver.label}, mean`, value, unit]);
  }
  return [...rows, ...precisionRows(summary)];
}

/**
 * The chance that each forecast exceeds the budget; in a run of one trial,
 * whether that trial does, since a share of one trial (0% or 100%) would read
 * as a certainty, as the other reports say too.
 */
function budgetOddsRows(summary: Summary): Row[] {
  const budget = summary.budget!;
  if (summary.scenario.trials === 1) {
    const verb = (share: number) => `${oneTrialBudgetVerbOf(share)} it`;
    return [
      ["Per-task spend in the run's one trial", verb(budget.exceedProbability), null],
      ["Per-token spend in the run's one trial", verb(budget.perTokenExceedProbability), null],
    ];
  }
  return [
    ['Chance per-task spend exceeds the budget', budget.exceedProbability, 'share'],
    ['Chance per-token spend exceeds it', budget.perTokenExceedProbability, 'share'],
  ];
}

/**
 * What `--precision` asked and reached: the standard error of the horizon's
 * P90 as a share of it ("–" when too few trials estimate it), the ceiling, and
 * whether the target was met. Nothing when the run did not ask.
 */
function precisionRows(summary: Summary): Row[] {
  const precision = summary.precision;
  if (precision === undefined) return [];
  const p90 = `${horizonWordOf(summary.months)} P90`;
  const rows: Row[] = [
    [`Precision asked: standard error of ${p90}`, precision.target, 'share'],
    [`Precision reached: standard error of ${p90}`, precision.achieved ?? '–', 'share'],
    ['Precision: trials run', precision.trials, 'trials'],
    ['Precision: trial ceiling', precision.ceiling, 'trials'],
    ['Precision met', precision.met ? 'yes' : 'no, the ceiling was reached', null],
  ];
  if (precision.neededTrials !== undefined) {
    rows.push(['Precision: trials needed to estimate the error', precision.neededTrials, 'trials']);
  }
  return rows;
}

/** Formats the Summary sheet's value cells by the unit written beside each. */
function formatSummarySheet(sheet: ExcelJS.Worksheet): void {
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const unit = row.getCell(3).value;
    const value = row.getCell(2).value;
    if (unit === 'USD' && typeof value === 'number') row.getCell(2).numFmt = MONEY(value);
    if (unit === 'share') row.getCell(2).numFmt = PERCENT;
    if (unit === 'trials' && typeof value === 'number') row.getCell(2).numFmt = COUNT(value);
  });
  sheet.getColumn(1).width = 44;
}

function monthlyRows(summary: Summary): Row[] {
  const scopes = [
    { name: TOTAL_SCOPE, monthly: summary.total.monthly },
    ...summary.workloads.map((w) => ({ name: w.name, monthly: w.monthly })),
  ];
  const statistics = ['mean', 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95'] as const;
  const forecasts = [
    ['per-task', 'perTask'],
    ['per-token', 'perToken'],
    ['gap', 'gap'],
  ] as const;
  return summary.months.flatMap((month, monthIndex) =>
    scopes.flatMap((scope) =>
      forecasts.map(([label, key]): Row => {
        const d = scope.monthly[monthIndex]?.[key];
        return [month, scope.name, label, ...statistics.map((s) => d?.[s] ?? null)];
      }),
    ),
  );
}

/**
 * A row per workload: its forecasts, then cost per task, tokens per task and
 * tasks in the first and last month; over a one-month horizon, that month
 * once, as the other reports give it.
 */
function workloadRows(summary: Summary): Row[] {
  const pairOf = <T>(first: T, last: T): T[] => firstAndLastOf(summary.months, first, last);
  return summary.workloads.map((w) => {
    const [first, last] = [w.months[0], w.months[w.months.length - 1]];
    return [
      w.name,
      ...spreadOf(w.annual.perTask).slice(1),
      ...spreadOf(w.annual.perToken).slice(1),
      w.annual.gap.p50,
      ...pairOf(costPerTaskOf(w, 'first'), costPerTaskOf(w, 'last')),
      ...pairOf(first?.tokensPerTask ?? null, last?.tokensPerTask ?? null),
      ...pairOf(first?.tasks ?? null, last?.tasks ?? null),
    ];
  });
}

function workloadHeaderOf(months: readonly string[]): string[] {
  const pairOf = (what: string, statistic: string) =>
    firstAndLastOf(months, 'first', 'last').map(
      (which) => `${what}, ${which} month (${statistic})`,
    );
  const header = [
    'Workload',
    ...['P10', 'P50', 'P90'].map((p) => `Per-task forecast ${p}`),
    ...['P10', 'P50', 'P90'].map((p) => `Per-token forecast ${p}`),
    'Gap P50',
    ...pairOf('Cost per task', 'P50'),
    ...pairOf('Tokens per task', 'mean'),
    ...pairOf('Tasks per month', 'mean'),
  ];
  // One month is first and last alike: "Cost per task, 2027-01 (P50)", as the page heads it.
  const only = months.length === 1 ? months[0] : undefined;
  return only === undefined ? header : header.map((title) => title.replace('first month', only));
}

function addAssumptionsSheet(
  workbook: ExcelJS.Workbook,
  summary: Summary,
  assumptions: readonly Assumption[],
  changes: readonly ScheduledChange[] | undefined,
) {
  const rows = assumptions.map((a): Row => [
    a.path,
    describeDistribution(a),
    describeDrawn(a.drawn),
    a.p5,
    a.p50,
    a.p95,
  ]);
  const header = ['Input', 'Distribution', 'Drawn', 'P5', 'P50', 'P95'];
  const sheet = addWorkbookTable(workbook, SHEETS.assumptions, header, rows);
  sheet.getColumn(1).width = 60;
  sheet.getColumn(2).width = 40;
  assumptions.forEach((a, i) => {
    [a.p5, a.p50, a.p95].forEach((value, j) => {
      const format = isPercentKey(a.path) ? PERCENT : COUNT(value);
      sheet.getRow(i + 2).getCell(4 + j).numFmt = format;
    });
  });
  if (assumptions.length === 0) sheet.addRow(['Every input is at its default value.']);
  addCorrelations(sheet, summary);
  addScheduledChanges(sheet, changes);
}

/** The correlated inputs under the assumptions, as the HTML page lists them. */
function addCorrelations(sheet: ExcelJS.Worksheet, summary: Summary): void {
  const pairs = summary.scenario.correlations ?? [];
  if (pairs.length === 0) return;
  sheet.addRow([]);
  sheet.addRow([CORRELATIONS_TITLE]).font = { bold: true };
  sheet.addRow([CORRELATIONS_NOTE]);
  sheet.addRow(['Pair', 'First input', 'Second input', 'Rank correlation']).font = { bold: true };
  for (const pair of pairs) {
    sheet.addRow([describeCorrelation(pair), ...pair.between, pair.appliedRank]);
  }
}

/**
 * The workbook as the bytes of an .xlsx file. Its creation date and the ZIP
 * timestamps are pinned, so the same Summary gives the same bytes.
 * Cost: one row per month, scope and forecast; tens of milliseconds.
 */
export async function buildWorkbook(
  summary: Summary,
  assumptions: readonly Assumption[] = [],
  changes?: readonly ScheduledChange[],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pertask';
  workbook.created = new Date(Date.UTC(2000, 0, 1));
  workbook.modified = workbook.created;
  const summarySheet = addWorkbookTable(
    workbook,
    SHEETS.summary,
    ['Figure', 'Value', 'Unit'],
    summaryRows(summary),
  );
  formatSummarySheet(summarySheet);
  const moneyColumns = [null, null, null, ...Array<ColumnFormat>(8).fill(MONEY)];
  addWorkbookTable(
    workbook,
    SHEETS.monthly,
    MONTHLY_CSV_HEADER,
    monthlyRows(summary),
    moneyColumns,
  );
  const perMonth = firstAndLastOf(summary.months, 1, 1).length;
  const workloadFormats = [
    null,
    ...Array<ColumnFormat>(7 + perMonth).fill(MONEY),
    ...Array<ColumnFormat>(2 * perMonth).fill(COUNT),
  ];
  const workloadHeader = workloadHeaderOf(summary.months);
  addWorkbookTable(
    workbook,
    SHEETS.workloads,
    workloadHeader,
    workloadRows(summary),
    workloadFormats,
  );
  addAssumptionsSheet(workbook, summary, assumptions, changes);
  addOptionsSheet(workbook, SHEETS.options, summary);
  return pinZipTimestamps(new Uint8Array(await workbook.xlsx.writeBuffer()));
}
