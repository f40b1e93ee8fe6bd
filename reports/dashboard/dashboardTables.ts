/**
 * The dashboard's figures as rows of text cells, shared by the terminal table
 * and the HTML page so both show the same numbers in the same words.
 */
import { countOf } from '../../engine/countOf.js';
import type { Dashboard } from '../../engine/usage/buildDashboard.js';
import { formatChange, formatCount, formatMoney } from '../formatMoney.js';
import { periodLabelOf } from './periodLabelOf.js';

export interface TextTable {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const orDash = (value: number | null, format: (value: number) => string): string =>
  value === null ? '-' : format(value);

function workloadTable(dashboard: Dashboard): TextTable {
  return {
    title: `Workloads, ${dashboard.months[0] ?? '-'} to ${dashboard.months.at(-1) ?? '-'}`,
    header: ['workload', 'tokens', 'tasks', 'tokens/task', 'calls/task', 'spend', 'cost/task'],
    rows: dashboard.workloads.map((w) => [
      w.name,
      formatCount(w.tokens.total),
      orDash(w.tasks, formatCount),
      orDash(w.tokensPerTask, formatCount),
      orDash(w.callsPerTask, (value) => value.toFixed(1)),
      formatMoney(w.spendUsd),
      orDash(w.costPerTaskUsd, formatMoney),
    ]),
  };
}

function vendorTable(dashboard: Dashboard): TextTable {
  return {
    title: 'Vendors: average price paid',
    header: [
      'vendor',
      'input',
      'cached',
      'cache write',
      'output',
      'reasoning',
      'spend',
      'USD/Mtok',
    ],
    rows: dashboard.vendors.map((v) => [
      v.vendor,
      formatCount(v.tokens.input),
      formatCount(v.tokens.cachedInput),
      formatCount(v.tokens.cacheWrite),
      formatCount(v.tokens.output),
      formatCount(v.tokens.reasoning),
      formatMoney(v.spendUsd),
      // Through formatMoney, as the vendor chart's title and tooltip write the same price.
      orDash(v.usdPerMillionTokens, formatMoney),
    ]),
  };
}

function quarterTable(dashboard: Dashboard): TextTable {
  return {
    title: 'Cost per task by quarter',
    header: ['workload', 'quarter', 'tasks', 'spend', 'cost/task'],
    // Quarters of the window in which a workload ran nothing are left out.
    rows: dashboard.workloads.flatMap((w) =>
      w.quarters
        .filter((q) => q.tokens > 0 || q.spendUsd > 0)
        .map((q) => [
          w.name,
          periodLabelOf(q),
          orDash(q.tasks, formatCount),
          formatMoney(q.spendUsd),
          orDash(q.costPerTaskUsd, formatMoney),
        ]),
    ),
  };
}

function billingTable(dashboard: Dashboard): TextTable {
  return {
    title: 'Reported cost against catalog prices',
    header: ['month', 'vendor', 'reported', 'catalog', 'difference'],
    rows: dashboard.billing.map((b) => [
      b.month,
      b.vendor,
      formatMoney(b.reportedUsd),
      formatMoney(b.recomputedUsd),
      orDash(b.difference, formatChange),
    ]),
  };
}

/** Every table of the dashboard, in reading order; empty tables are left out. */
export function buildDashboardTables(dashboard: Dashboard): TextTable[] {
  return [
    workloadTable(dashboard),
    vendorTable(dashboard),
    quarterTable(dashboard),
    billingTable(dashboard),
  ].filter((table) => table.rows.length > 0);
}

/** Notes under the tables: what was left out and why. */
export function buildDashboardNotes(dashboard: Dashboard): string[] {
  const notes: string[] = [];
  if (dashboard.recordsBefore > 0) {
    const before = countOf(dashboard.recordsBefore, 'record');
    const verb = dashboard.recordsBefore === 1 ? 'is' : 'are';
    notes.push(`${before} before ${dashboard.months[0]} ${verb} left out.`);
  }
  for (const { model, tokens } of dashboard.unpricedModels) {
    notes.push(
      `${model}: ${formatCount(tokens)} tokens not in the catalog; only a reported cost counts ` +
        '(import a price map with `pertask prices import` and pass --catalog).',
    );
  }
  if (dashboard.workloads.some((w) => w.tasks === null)) {
    notes.push(
      'Some sources name no tasks (aggregated usage), so their tasks and cost per task are "-".',
    );
  }
  return notes;
}

/** A table as aligned plain text, numbers right-aligned. */
export function renderTextTable(table: TextTable): string {
  const widths = table.header.map((cell, column) =>
    Math.max(cell.length, ...table.rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [table.title, line(table.header), ...table.rows.map(line)].join('\n');
}
