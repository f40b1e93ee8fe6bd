import { CsvError, parse } from 'csv-parse/sync';
import { failUsage, type UsageProblems } from './usageProblems.js';

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
 * hold commas and line breaks, lines may end in CRLF or LF, even mixed in one
 * file, and blank lines are skipped. A row with another
 * number of cells than the header is noted in `problems` and left out, so every
 * such row is reported; a file csv-parse cannot read at all (a quote never
 * closed) throws a UsageReadError at the line it names. Cost: linear in the text.
 */
export function parseCsvTable(text: string, problems: UsageProblems): CsvTable {
  let parsed: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    // csv-parse takes the first line's ending for every row, so a CRLF header over LF rows
    // (a file edited in two tools) read as one long row. Spreadsheet tools accept either
    // ending on any line; ending every line alike keeps lines and columns where they were.
    parsed = parse(text.replace(/\r\n/g, '\n'), {
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = Number((error as CsvError & { lines?: number }).lines ?? 1);
      const hint = 'cells separated by commas; a cell that opens a quote must close it';
      // Keyed `row`, as the cell-count fault is: the row is where the reading stopped.
      throw failUsage(line, 1, 'row', `cannot read the CSV: ${error.message}`, hint);
    }
    throw error;
  }
  const [first, ...rest] = parsed;
  if (first === undefined) {
    throw failUsage(1, 1, 'file', 'the file is empty', 'a header line, then one row a line');
  }
  const header = first.record.map((cell) => cell.trim());
  const rows = rest.map((row) => {
    // csv-parse counts lines to the row's end, and its raw text starts with any
    // blank lines skipped before it.
    const raw = row.raw.replace(/^[\r\n]+/, '');
    const breaks = raw.match(/\n/g)?.length ?? 0;
    return {
      cells: row.record,
      line: row.info.lines - breaks + (raw.endsWith('\n') ? 1 : 0),
      raw,
    };
  });
  return { header, rows: rows.filter((row) => checkCellCount(row, header, problems)) };
}

function checkCellCount(row: CsvRow, header: readonly string[], problems: UsageProblems) {
  if (row.cells.length === header.length) return true;
  // Keyed `row`, as the fault is the row's shape, not one column's value.
  problems.add(
    row.line,
    1,
    'row',
    `this row has ${row.cells.length} cells and the header ${header.length}`,
    `one cell for each column of the header (${header.join(', ')}); ` +
      'quote a cell that holds a comma',
  );
  return false;
}

/**
 * Where a cell sits in its raw row, for a caret: its 1-based column and its
 * length, quotes included; commas inside quotes do not end a cell. Column 1
 * and length 1 when the row has fewer cells.
 */
export function cellPlace(row: CsvRow, index: number): { column: number; length: number } {
  let cell = 0;
  let start = 0;
  let quoted = false;
  for (let position = 0; position <= row.raw.length; position += 1) {
    const character = row.raw[position];
    if (character === '"') quoted = !quoted;
    const ends = position === row.raw.length || (!quoted && /[,\r\n]/.test(character ?? ''));
    if (!ends) continue;
    if (cell === index) {
      const text = row.raw.slice(start, position);
      const lead = text.length - text.trimStart().length;
      return { column: start + lead + 1, length: Math.max(1, text.trim().length) };
    }
    if (character !== ',') break;
    cell += 1;
    start = position + 1;
  }
  return { column: 1, length: 1 };
}
