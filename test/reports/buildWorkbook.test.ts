import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { forecastScenarioText } from '../../engine/forecast.js';
import type { Summary } from '../../engine/summaryTypes.js';
import { assembleReports } from '../../reports/assembleReports.js';
import { buildWorkbook, SHEETS } from '../../reports/buildWorkbook.js';
import {
  formatScheduledChange,
  SCHEDULED_CHANGES_NOTE,
  SCHEDULED_CHANGES_TITLE,
} from '../../reports/formatScheduledChange.js';
import { moneyCellFormat } from '../../reports/moneyCellFormat.js';
import { buildAssumptionsTable } from '../../reports/html/buildAssumptionsTable.js';
import { escapeHtml } from '../../reports/html/escapeHtml.js';
import { EQUAL_FORECASTS } from '../engine/scenarioText.js';
import { exampleReportInputs } from './exampleReportInputs.js';

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its buffer as the older Node Buffer, which @types/node 20 no longer matches.
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The sheet's rows below the header, as plain arrays of cell values from column A. */
function rowsOf(workbook: ExcelJS.Workbook, name: string): unknown[][] {
  const sheet = workbook.getWorksheet(name);
  if (sheet === undefined) throw new Error(`no sheet ${name}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

describe('buildWorkbook, read back with exceljs', async () => {
  const { summary, assumptions } = exampleReportInputs('scenarios/support-triage.yaml');
  // The figures as summary.json holds them: the workbook must carry the same doubles.
  const json = JSON.parse(JSON.stringify(summary)) as Summary;
  const workbook = await readBack(await buildWorkbook(summary, assumptions));

  it('has the five sheets in order', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(Object.values(SHEETS));
  });

  it('holds the annual spend of summary.json on the Summary sheet, unrounded', () => {
    const figures = new Map(rowsOf(workbook, SHEETS.summary).map(([k, v]) => [k, v]));
    const { perTask, perToken, gap } = json.total.annual;
    expect(figures.get('Per-task forecast spend, P50')).toBe(perTask.p50);
    expect(figures.get('Per-task forecast spend, P90')).toBe(perTask.p90);
    expect(figures.get('Per-token forecast spend, mean')).toBe(perToken.mean);
    expect(figures.get('Gap (per-task minus per-token) spend, P10')).toBe(gap.p10);
    expect(figures.get('Budget')).toBe(json.budget?.amount);
    expect(figures.get('Chance per-task spend exceeds the budget')).toBe(
      json.budget?.exceedProbability,
    );
    expect(figures.get('Trials')).toBe(500);
  });

  it('holds every monthly percentile of summary.json, a row per month, scope and forecast', () => {
    const rows = rowsOf(workbook, SHEETS.monthly);
    expect(rows).toHaveLength(json.months.length * (1 + json.workloads.length) * 3);
    const last = json.months.length - 1;
    const totalGap = rows.find(
      (r) => r[0] === json.months[last] && r[1] === 'total' && r[2] === 'gap',
    );
    const expected = json.total.monthly[last]!.gap;
    expect(totalGap?.slice(3)).toEqual([
      expected.mean,
      expected.p5,
      expected.p10,
      expected.p25,
      expected.p50,
      expected.p75,
      expected.p90,
      expected.p95,
    ]);
  });

  it('holds each workload with its spend, cost per task and tasks per month', () => {
    const rows = rowsOf(workbook, SHEETS.workloads);
    const workload = json.workloads[0]!;
    expect(rows[0]?.[0]).toBe(workload.name);
    expect(rows[0]?.[2]).toBe(workload.annual.perTask.p50);
    expect(rows[0]?.[8]).toBe(workload.costPerTaskFirst.p50);
    expect(rows[0]?.[9]).toBe(workload.costPerTaskLast.p50);
    expect(rows[0]?.[12]).toBe(workload.months[0]?.tasks);
    expect(rows[0]?.[13]).toBe(workload.months[workload.months.length - 1]?.tasks);
  });

  it('lists every assumption with its P5, P50 and P95', () => {
    const rows = rowsOf(workbook, SHEETS.assumptions);
    expect(rows.map((r) => r[0])).toEqual(assumptions.map((a) => a.path));
    expect(rows[0]?.slice(3)).toEqual([
      assumptions[0]?.p5,
      assumptions[0]?.p50,
      assumptions[0]?.p95,
    ]);
  });

  it('says how each input is drawn in the words of the HTML page', () => {
    const drawn = rowsOf(workbook, SHEETS.assumptions)
      .slice(0, assumptions.length)
      .map((r) => r[2]);
    const page = [...buildAssumptionsTable(assumptions).matchAll(/class="text drawn">([^<]*)</g)];
    expect(drawn).toEqual(page.map((match) => match[1]));
    // support-triage draws its volume once per trial and fixes its output tokens per call.
    expect(new Set(drawn)).toEqual(new Set(['per trial', 'known']));
  });

  it('says so on the Options sheet when the scenario has no options', async () => {
    const withoutOptions: Summary = { ...summary, options: undefined };
    const rows = rowsOf(await readBack(await buildWorkbook(withoutOptions)), SHEETS.options);
    expect(rows).toEqual([['This scenario compares no options.']]);
  });

  it('fills the Options sheet, one row per option, when the Summary has options', async () => {
    const withOptions: Summary = {
      ...summary,
      options: {
        trials: summary.scenario.trials,
        options: [
          {
            name: 'baseline',
            description: '',
            annual: summary.total.annual.perTask,
            costPerTask: [],
          },
          {
            name: 'smaller-model',
            description: 'A smaller model',
            annual: summary.total.annual.perToken,
            costPerTask: [],
          },
        ],
        pairs: [],
      },
    };
    const rows = rowsOf(await readBack(await buildWorkbook(withOptions)), SHEETS.options);
    const { perToken } = json.total.annual;
    expect(rows[1]).toEqual([
      'smaller-model',
      perToken.mean,
      perToken.p10,
      perToken.p50,
      perToken.p90,
      'A smaller model',
    ]);
  });

  it("gives the scenario's description on the Summary sheet, as the page's first line", () => {
    const figures = new Map(rowsOf(workbook, SHEETS.summary).map(([k, v]) => [k, v]));
    expect(figures.get('Description')).toBe(json.scenario.description);
    expect(json.scenario.description).not.toBe('');
  });
});

/** The rows of the Assumptions sheet from the scheduled changes' title on; [] without it. */
function changeRowsOf(workbook: ExcelJS.Workbook): unknown[][] {
  const rows = rowsOf(workbook, SHEETS.assumptions);
  const title = rows.findIndex((row) => row[0] === SCHEDULED_CHANGES_TITLE);
  return title < 0 ? [] : rows.slice(title);
}

const NO_SCRIPTS = { vega: '', vegaLite: '', vegaEmbed: '' };

describe('the scheduled changes on the Assumptions sheet', async () => {
  const docs = exampleReportInputs('scenarios/docs-pipeline.yaml', 200);
  // Through assembleReports, as `run` writes report.xlsx, beside the HTML page it writes.
  const files = await assembleReports({
    ...docs,
    scripts: NO_SCRIPTS,
    formats: new Set(['xlsx', 'html']),
  });
  const workbook = await readBack(files.get('report.xlsx') as Uint8Array);
  const [title, note, header, migration, ...rest] = changeRowsOf(workbook);

  it("lists docs-pipeline's migration under the title and note the HTML page shows", () => {
    expect(title).toEqual([SCHEDULED_CHANGES_TITLE]);
    expect(note).toEqual([SCHEDULED_CHANGES_NOTE]);
    expect(header?.[0]).toBe('Scheduled change');
    expect(rest).toEqual([]);
    const html = String(files.get('report.html'));
    expect(html).toContain(`<h3>${SCHEDULED_CHANGES_TITLE}</h3>`);
    expect(html).toContain(escapeHtml(SCHEDULED_CHANGES_NOTE));
  });

  it('states the migration in the sentence of the HTML page, and in columns', () => {
    const sentence = formatScheduledChange(docs.changes[0]!);
    expect(migration?.[0]).toBe(sentence);
    expect(String(files.get('report.html'))).toContain(`<li>${escapeHtml(sentence)}</li>`);
    // scenarios/docs-pipeline.yaml, step revise on gpt-4.1: migrate: { to: gpt-4.1-mini,
    // from: 2027-07, ramp: 3, share: 70% }; a ramp of 3 months from 2027-07 ends in 2027-09.
    expect(migration?.slice(1, 8)).toEqual([
      'model migration',
      'docs-pipeline',
      'revise',
      'gpt-4.1',
      'gpt-4.1-mini',
      '2027-07',
      3,
    ]);
    expect(migration?.[8]).toBeCloseTo(0.7, 12);
    expect(migration?.[9]).toBe('2027-09');
  });

  it("lists support-triage's planned change with the option it moves tasks to", async () => {
    const triage = exampleReportInputs('scenarios/support-triage.yaml', 200);
    const bytes = await buildWorkbook(triage.summary, triage.assumptions, triage.changes);
    const [, , , planned] = changeRowsOf(await readBack(bytes));
    // scenarios/support-triage.yaml: planned_changes: mini-second-pass from 2027-07, ramp 4,
    // all tasks (no share given): 100% from the ramp's last month, 2027-10.
    expect(planned).toEqual([
      formatScheduledChange(triage.changes[0]!),
      'planned change',
      'support-triage',
      '',
      '',
      'mini-second-pass',
      '2027-07',
      4,
      1,
      '2027-10',
    ]);
  });

  it('says none is scheduled for a scenario without any, and nothing when not told', async () => {
    const review = exampleReportInputs('scenarios/code-review.yaml', 200);
    const told = await readBack(await buildWorkbook(review.summary, review.assumptions, []));
    expect(changeRowsOf(told)).toEqual([
      [SCHEDULED_CHANGES_TITLE],
      [SCHEDULED_CHANGES_NOTE],
      ['No model migration or planned change is scheduled.'],
    ]);
    const untold = await readBack(await buildWorkbook(review.summary, review.assumptions));
    expect(changeRowsOf(untold)).toEqual([]);
  });
});

describe('the gaps of the workbook', async () => {
  // Sketched per-workload months (exactWorkloadSeries: false) are where float noise showed:
  // see EQUAL_FORECASTS, whose two forecasts agree in every trial, so every gap is 0.
  const outcome = forecastScenarioText(EQUAL_FORECASTS, {
    trials: 1500,
    exactWorkloadSeries: false,
  });
  if (!outcome.ok) throw new Error('EQUAL_FORECASTS does not validate');
  const json = JSON.parse(JSON.stringify(outcome.summary)) as Summary;
  const workbook = await readBack(await buildWorkbook(outcome.summary));

  it('are the cleared gaps of summary.json, exactly 0 where the forecasts agree', () => {
    expect(json.workloadMonthlySketch).toBeDefined();
    const monthlyGaps = rowsOf(workbook, SHEETS.monthly).filter((row) => row[2] === 'gap');
    expect(monthlyGaps).toHaveLength(json.months.length * (1 + json.workloads.length));
    for (const row of monthlyGaps) {
      const month = json.months.indexOf(String(row[0]));
      const scope = json.workloads.find((w) => w.name === row[1]);
      const gap = (scope?.monthly ?? json.total.monthly)[month]!.gap;
      expect(row.slice(3)).toEqual([
        gap.mean,
        gap.p5,
        gap.p10,
        gap.p25,
        gap.p50,
        gap.p75,
        gap.p90,
        gap.p95,
      ]);
      expect(new Set(row.slice(3))).toEqual(new Set([0]));
    }
    const figures = new Map(rowsOf(workbook, SHEETS.summary).map(([k, v]) => [k, v]));
    expect(figures.get('Gap (per-task minus per-token) spend, mean')).toBe(0);
    expect(rowsOf(workbook, SHEETS.workloads).map((row) => row[7])).toEqual([0, 0]);
  });
});

describe('buildWorkbook over a horizon other than a year', async () => {
  const { summary, assumptions } = exampleReportInputs('scenarios/backtest-2023-2024.yaml', 200);
  const workbook = await readBack(await buildWorkbook(summary, assumptions));

  it('heads the Options sheet with the horizon, 13-month, not "Annual"', () => {
    const header = (workbook.getWorksheet(SHEETS.options)!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Option',
      '13-month mean',
      '13-month P10',
      '13-month P50',
      '13-month P90',
      'What changes',
    ]);
  });
});

describe('the pairs of options on the Options sheet', async () => {
  const { summary } = exampleReportInputs('scenarios/code-review.yaml', 200);
  // The pairs as summary.json holds them: the sheet must carry the same doubles.
  const json = JSON.parse(JSON.stringify(summary)) as Summary;
  const sheet = (await readBack(await buildWorkbook(summary))).getWorksheet(SHEETS.options)!;
  const rowsFrom = (title: string) => {
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((row) => rows.push(row));
    return rows.slice(rows.findIndex((row) => row.getCell(1).value === title) + 1);
  };
  const [header, ...pairRows] = rowsFrom('Differences trial by trial, on common draws');

  it('lists each pair below the options, with its difference and share from summary.json', () => {
    expect((header!.values as unknown[]).slice(1)).toEqual([
      'First − second',
      ...['mean', 'P10', 'P50', 'P90'].map((f) => `Annual ${f}`),
      'Share of trials the first is cheaper',
      'Share of trials they cost the same',
    ]);
    expect(pairRows.map((row) => (row.values as unknown[]).slice(1))).toEqual(
      json.options!.pairs.map((pair) => [
        `${pair.first} − ${pair.second}`,
        ...['mean', 'p10', 'p50', 'p90'].map((k) => pair.difference[k as 'mean']),
        pair.probabilityFirstCheaper,
        pair.probabilityEqual,
      ]),
    );
  });

  it('formats the differences as money and the share as a percent', () => {
    // code-review's three options give three pairs (3 choose 2).
    expect(pairRows).toHaveLength(3);
    for (const row of pairRows) {
      for (const column of [2, 3, 4, 5]) {
        const cell = row.getCell(column);
        expect(cell.numFmt).toBe(moneyCellFormat(cell.value as number));
      }
      for (const column of [6, 7]) expect(row.getCell(column).numFmt).toBe('0.0%');
    }
  });
});

describe('the distribution column of the Assumptions sheet', async () => {
  const { summary, assumptions } = exampleReportInputs('scenarios/code-review.yaml', 200);
  const rows = rowsOf(
    await readBack(await buildWorkbook(summary, assumptions)),
    SHEETS.assumptions,
  );

  it('rounds each figure to three significant digits', () => {
    const elasticity = rows.find((row) => String(row[0]).endsWith('review-loop.elasticity'))!;
    // The scenario's 0.1 to 0.5 as a normal: sd = 0.2 / 1.6449 = 0.1216 (qnorm(0.95) from R).
    expect(elasticity[1]).toBe('normal, mean 0.3, sd 0.122');
  });
});

describe('buildWorkbook bytes', () => {
  it('are the same on every run for the same Summary, a second apart', async () => {
    const { summary } = exampleReportInputs('scenarios/code-review.yaml', 200);
    const first = await buildWorkbook(summary);
    // ZIP times have two-second steps; wait past one so an unpinned stamp would differ.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const second = await buildWorkbook(summary);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    // The first local header's date (APPNOTE 4.3.7, offset 12): 1980-01-01 is 0x0021.
    expect(new DataView(first.buffer, first.byteOffset).getUint16(12, true)).toBe(0x21);
  });
});

/**
 * A money cell as Excel shows it, for the formats the workbook writes:
 * `"$"#,##0.00` and the same with optional decimals (`#`) after the two
 * required ones. Written from ECMA-376 Part 1, 18.8.31 (numFmt): `0` is a
 * digit always shown, `#` a digit shown unless it is a trailing zero, `,`
 * between digits groups thousands; the value is rounded to the last digit
 * place. Independent of the workbook's code, so it can say what a reader sees.
 */
function renderMoneyCell(value: number, numFmt: string): string {
  const match = /^"\$"#,##0\.00(#*)$/.exec(numFmt);
  if (match === null) throw new Error(`not a money format this test reads: ${numFmt}`);
  const [whole = '', fraction = ''] = Math.abs(value)
    .toFixed(2 + (match[1] ?? '').length)
    .split('.');
  const shownFraction = fraction.slice(0, 2) + fraction.slice(2).replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && /[1-9]/.test(whole + fraction) ? '-' : '';
  return `${sign}$${grouped}.${shownFraction}`;
}

/** Every number cell of every sheet whose format has a dollar sign, with where it is. */
function moneyCellsOf(workbook: ExcelJS.Workbook) {
  const cells: { where: string; value: number; numFmt: string }[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row, rowNumber) =>
      row.eachCell((cell, column) => {
        if (typeof cell.value !== 'number' || !String(cell.numFmt).includes('$')) return;
        const where = `${sheet.name}!R${rowNumber}C${column}`;
        cells.push({ where, value: cell.value, numFmt: String(cell.numFmt) });
      }),
    ),
  );
  return cells;
}

describe('the money cells of the workbook', async () => {
  const workbooks = await Promise.all(
    ['support-triage', 'backtest-2023-2024', 'code-review'].map(async (name) => {
      const { summary, assumptions } = exampleReportInputs(`scenarios/${name}.yaml`, 300);
      return { name, summary, workbook: await readBack(await buildWorkbook(summary, assumptions)) };
    }),
  );

  it('show a cost per task of a fraction of a cent with three figures, not $0.00', () => {
    for (const { name, summary, workbook } of workbooks) {
      const sheet = workbook.getWorksheet(SHEETS.workloads)!;
      summary.workloads.forEach((workload, index) => {
        const row = sheet.getRow(index + 2);
        // Columns 9 and 10: cost per task in the first and last month (P50).
        for (const column of [9, 10]) {
          const cell = row.getCell(column);
          const value = cell.value as number;
          expect(value).toBe(
            column === 9 ? workload.costPerTaskFirst.p50 : workload.costPerTaskLast.p50,
          );
          const shown = renderMoneyCell(value, String(cell.numFmt));
          expect(shown, `${name} ${workload.name}`).not.toBe('$0.00');
          // Three significant figures, as Number.toPrecision(3) rounds the value.
          if (value < 1) expect(Number(shown.slice(1))).toBe(Number(value.toPrecision(3)));
        }
      });
    }
  });

  it("find the reviewer's cases: support-triage and the backtest cost under a cent a task", () => {
    // The review saw $0.00455 and $0.00139 (support-triage) and $0.0018 (the backtest's
    // fixed prices and tokens), all shown as $0.00: each is below half a cent.
    const costs = workbooks
      .filter(({ name }) => name !== 'code-review')
      .flatMap(({ summary }) =>
        summary.workloads.flatMap((w) => [w.costPerTaskFirst.p50, w.costPerTaskLast.p50]),
      );
    expect(costs.filter((cost) => cost > 0 && cost < 0.005).length).toBeGreaterThanOrEqual(3);
  });

  it('never show an amount that is not 0 as $0.00 on any sheet', () => {
    for (const { name, workbook } of workbooks) {
      const hidden = moneyCellsOf(workbook).filter(
        (cell) => cell.value !== 0 && /^-?\$0\.00$/.test(renderMoneyCell(cell.value, cell.numFmt)),
      );
      expect(hidden, name).toEqual([]);
    }
  });

  it('keep sums of a dollar and more in cents with thousands separators', () => {
    const cents = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    for (const { workbook } of workbooks) {
      const large = moneyCellsOf(workbook).filter((cell) => Math.abs(cell.value) >= 1);
      expect(large.length).toBeGreaterThan(0);
      for (const cell of large) {
        expect(cell.numFmt, cell.where).toBe('"$"#,##0.00');
        const sign = cell.value < 0 ? '-' : '';
        expect(renderMoneyCell(cell.value, cell.numFmt)).toBe(
          `${sign}$${cents.format(Math.abs(cell.value))}`,
        );
      }
    }
  });
});
