import { isMap, isScalar } from 'yaml';
import { readPlainNumber } from './readValue.js';
import { entryOf, type MapEntry, type ValidationContext } from './validationContext.js';

/** Most observations an empirical distribution takes: a scenario holds a sample, not a data set. */
export const MAX_EMPIRICAL_VALUES = 100_000;

/**
 * The observations of `empirical:`: an inline list (`[12, 15, 9, 31]`), or a
 * column of a CSV file next to the file naming it (`{ csv: tokens.csv, column:
 * input_tokens }`). The file's text comes from the reader the caller injected;
 * the engine itself never touches the file system.
 */
export function readEmpiricalSample(
  context: ValidationContext,
  family: MapEntry,
): number[] | undefined {
  if (isMap(family.value)) return readCsvColumn(context, family);
  const items = context.itemsOf(family.value, family.path, '`empirical`');
  if (items === undefined) return undefined;
  const values = items.map((item, index) =>
    readPlainNumber(context, item, `${family.path}.${index}`),
  );
  if (values.some((value) => value === undefined)) return undefined;
  return checkSize(context, family, values as number[]);
}

function checkSize(context: ValidationContext, family: MapEntry, values: number[]) {
  if (values.length === 0 || values.length > MAX_EMPIRICAL_VALUES) {
    const message =
      `An empirical distribution takes 1 to ${MAX_EMPIRICAL_VALUES} values; ` +
      `found ${values.length}.`;
    const hint =
      `list between 1 and ${MAX_EMPIRICAL_VALUES} observed values, ` + 'or read them with `csv:`';
    context.error(family.value, family.path, 'out-of-range', message, hint);
    return undefined;
  }
  return values;
}

function readCsvColumn(context: ValidationContext, family: MapEntry): number[] | undefined {
  const entries = context.entriesOf(family.value, family.path, '`empirical`') ?? [];
  context.rejectUnknownKeys(entries, ['csv', 'column'], '`empirical`');
  for (const key of ['csv', 'column']) context.requireKey(entries, key, family.value, family.path);
  const file = entryOf(entries, 'csv');
  const column = entryOf(entries, 'column');
  if (file === undefined || column === undefined) return undefined;
  const fileName = isScalar(file.value) ? String(file.value.value) : '';
  const columnName = isScalar(column.value) ? String(column.value.value) : '';
  // Relative to the file that names it: a base scenario's CSV sits beside the base.
  const text = context.readFile(fileName, context.fileOf(file.value));
  if (typeof text !== 'string') {
    const message = `Cannot read \`${fileName}\`: ${text.reason}.`;
    context.error(
      file.value,
      file.path,
      'bad-file',
      message,
      'give a path relative to the file that names it',
    );
    return undefined;
  }
  const parsed = parseCsvColumn(text, columnName);
  if (typeof parsed === 'string') {
    context.error(column.value, column.path, 'bad-file', `${fileName}: ${parsed}`);
    return undefined;
  }
  return checkSize(context, family, parsed);
}

/**
 * The numbers of one column of a simple CSV (a header row, commas, optional
 * double quotes without embedded commas), or a sentence saying what is wrong.
 */
export function parseCsvColumn(text: string, column: string): number[] | string {
  const rows = text.split(/\r?\n/).filter((row) => row.trim() !== '');
  const unquote = (cell: string): string => cell.trim().replace(/^"(.*)"$/, '$1');
  const header = (rows[0] ?? '').split(',').map(unquote);
  const index = header.indexOf(column);
  if (index < 0) return `no column \`${column}\`; the columns are ${header.join(', ')}.`;
  const values: number[] = [];
  for (let row = 1; row < rows.length; row += 1) {
    const cell = unquote(rows[row]!.split(',')[index] ?? '');
    const value = cell === '' ? Number.NaN : Number(cell);
    if (!Number.isFinite(value))
      return `row ${row + 1} of \`${column}\` is not a number: \`${cell}\`.`;
    values.push(value);
  }
  return values;
}
