/**
 * The scheduled changes (model migrations and planned changes) on the
 * workbook's Assumptions sheet, below the inputs, as the HTML page lists them.
 */
import type ExcelJS from 'exceljs';
import type { ScheduledChange } from '../engine/describeScheduledChanges.js';
import { PERCENT_FORMAT as PERCENT } from './addWorkbookTable.js';
import {
  formatScheduledChange,
  SCHEDULED_CHANGES_NOTE,
  SCHEDULED_CHANGES_TITLE,
} from './formatScheduledChange.js';

const CHANGES_HEADER = [
  'Scheduled change',
  'Kind',
  'Workload',
  'Step',
  'From model',
  'To',
  'First month',
  'Ramp months',
  'Largest share moved',
  'At that share from',
];

/**
 * The scheduled changes under the assumptions, as the HTML page lists them:
 * its title, its note, then a row per change with the page's sentence first
 * and the same facts in columns a formula can read. Nothing is written when
 * the caller gives no list, since then the workbook cannot know.
 */
export function addScheduledChanges(
  sheet: ExcelJS.Worksheet,
  changes: readonly ScheduledChange[] | undefined,
): void {
  if (changes === undefined) return;
  sheet.addRow([]);
  sheet.addRow([SCHEDULED_CHANGES_TITLE]).font = { bold: true };
  sheet.addRow([SCHEDULED_CHANGES_NOTE]);
  if (changes.length === 0) {
    sheet.addRow(['No model migration or planned change is scheduled.']);
    return;
  }
  sheet.addRow(CHANGES_HEADER).font = { bold: true };
  CHANGES_HEADER.forEach((title, index) => {
    const column = sheet.getColumn(index + 1);
    // Model names run to about 20 characters; the assumptions' widths are kept where wider.
    column.width = Math.max(column.width ?? 0, title.length + 2, 22);
  });
  for (const change of changes) {
    const row = sheet.addRow([
      formatScheduledChange(change),
      change.kind === 'model-migration' ? 'model migration' : 'planned change',
      change.workload,
      change.step ?? '',
      change.fromModel ?? '',
      change.to,
      change.startMonth,
      change.rampMonths,
      change.share,
      change.fullMonth ?? '',
    ]);
    // The sentence is longer than the column: wrapped, it stays in view beside its facts.
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(9).numFmt = PERCENT;
  }
}
