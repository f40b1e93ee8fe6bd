import { CsvError, parse } from 'csv-parse/sync';
import { failUsage } from './usageProblems.js';

export interface CsvRow {
  readonly cells: readonly string[];
  /** Line of the row's first character in the text, from 1. */
  readonly line: number;
  /** The row as written, to place a column's caret. */
  readonly raw: string;
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

/**
 * Parses CSV text with csv-parse: a byte-order mark is dropped, quoted cells may
 * hold commas and line breaks, blank lines are skipped, and every row must have
 * the header's number of cells. A malformed file throws a UsageReadError at the
 * line csv-parse names. Cost: linear in the text.
 */
export function parseCsvTable(text: string): CsvTable {
  let parsed: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    parsed = parse(text, {
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = Number((error as CsvError & { lines?: number }).lines ?? 1);
      throw failUsage(line, 1, '', `cannot read the CSV: ${error.message}`);
    }
    throw error;
  }
  const [first, ...rest] = parsed;
  if (first === undefined) throw failUsage(1, 1, '', 'the file is empty');
  return {
    header: first.record.map((cell) => cell.trim()),
    rows: rest.map((row) => {
      // csv-parse counts lines to the row's end, and its raw text starts with any
      // blank lines skipped before it.
      const raw = row.raw.replace(/^[\r\n]+/, '');
      const breaks = raw.match(/\n/g)?.length ?? 0;
      return {
        cells: row.record,
        line: row.info.lines - breaks + (raw.endsWith('\n') ? 1 : 0),
        raw,
      };
    }),
  };
}

/** 1-based character column of a cell in its raw row, for a caret; 1 when not found. */
export function columnOf(row: CsvRow, index: number): number {
  let position = 0;
  for (let cell = 0; cell < index; cell += 1) {
    const next = row.raw.indexOf(',', position);
    if (next < 0) return 1;
    position = next + 1;
  }
  return position + 1;
}
