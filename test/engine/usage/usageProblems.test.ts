import { describe, expect, it } from 'vitest';
import { readUsageText, type ReadUsageOptions } from '../../../engine/usage/readUsageText.js';
import { MAX_LISTED_ROWS } from '../../../engine/usage/usageProblems.js';
import { formatUsageProblem, UsageReadError } from '../../../engine/usage/usageRecord.js';

/** The error a bad file is refused with; fails the test when the file reads. */
function refusalOf(text: string, format?: ReadUsageOptions['format']): UsageReadError {
  try {
    readUsageText(text, { zone: 'UTC', format });
  } catch (error) {
    if (error instanceof UsageReadError) return error;
    throw error;
  }
  throw new Error('expected a UsageReadError');
}

/** Each problem as `line:column key`, the way a test can compare them. */
const placesOf = (error: UsageReadError) =>
  error.problems.map((problem) => `${problem.line}:${problem.column} ${problem.key}`);

const CSV_HEADER = 'time,model,input_tokens,output_tokens,calls,cost_usd,currency';

/** A good first line of a generic JSON Lines log, so that the format is told from it. */
const JSONL_OK =
  '{"time":"2025-01-01T00:00:00Z","model":"gpt-4o","input_tokens":1,"output_tokens":1}\n';

describe('a bad row of a usage log', () => {
  it('reports every problem of the row at once, each at its cell with what would do', () => {
    const error = refusalOf(
      `${CSV_HEADER}\n2025-01-02T00:00:00Z,gpt-4o,1,1,1,1,USD\nyesterday,,12x,-5,many,$abc,EUR\n`,
    );
    // Columns counted by hand in "yesterday,,12x,-5,many,$abc,EUR".
    expect(placesOf(error)).toEqual([
      '3:1 time',
      '3:11 model',
      '3:12 input_tokens',
      '3:16 output_tokens',
      '3:19 calls',
      '3:24 cost_usd',
      '3:29 currency',
    ]);
    for (const problem of error.problems) {
      expect(problem.hint).not.toBe('');
      expect(problem.sourceLine).toBe('yesterday,,12x,-5,many,$abc,EUR');
    }
    expect(error.problems[2]).toMatchObject({ message: '`12x` is not a token count', length: 3 });
  });

  it('reports a row with the wrong number of cells and goes on to the rows after it', () => {
    const error = refusalOf(
      `${CSV_HEADER}\n2025-01-02T00:00:00Z,gpt-4o,1\n2025-01-02T00:00:00Z,gpt-4o,x,1,1,1,USD\n`,
    );
    // "2025-01-02T00:00:00Z,gpt-4o," is 28 characters: x is in column 29.
    expect(placesOf(error)).toEqual(['2:1 row', '3:29 input_tokens']);
    expect(error.problems[0]?.message).toBe('this row has 3 cells and the header 7');
  });

  it('reads a CRLF header over LF rows, as spreadsheet tools do, placing a later fault', () => {
    // Before, the header's CRLF was taken for every row, and the LF rows ran together as
    // one row of 13 cells. Row 3 is the second data row; its x is in column 29 as above.
    const rows =
      '2025-01-02T00:00:00Z,gpt-4o,1,1,1,1,USD\n2025-01-02T00:00:00Z,gpt-4o,x,1,1,1,USD\n';
    const error = refusalOf(`${CSV_HEADER}\r\n${rows}`);
    expect(placesOf(error)).toEqual(['3:29 input_tokens']);
    expect(error.problems[0]?.sourceLine).toBe('2025-01-02T00:00:00Z,gpt-4o,x,1,1,1,USD');
  });

  it(`lists every problem of the first ${MAX_LISTED_ROWS} bad rows and counts the rest`, () => {
    const bad = 'not a time,gpt-4o,x,1,1,,';
    const rows = Array.from({ length: MAX_LISTED_ROWS + 5 }, () => bad);
    const error = refusalOf(`${CSV_HEADER}\n${rows.join('\n')}\n`);
    // Two problems a row (time, input_tokens): 20 rows listed, 5 rows and 10 problems counted.
    expect(error.problems).toHaveLength(2 * MAX_LISTED_ROWS);
    expect(error.problems.at(-1)?.line).toBe(MAX_LISTED_ROWS + 1);
    expect(error.unlisted).toEqual({ rows: 5, problems: 10 });
  });

  it('in JSON Lines, names the keys a line lacks beside its bad values, with their columns', () => {
    const error = refusalOf(
      '{"time":"2025-01-01T00:00:00Z","model":"gpt-4o","input_tokens":1,"output_tokens":1}\n' +
        '{"time":"x","model":"gpt-4o","input_tokens":"1k"}\nnot json\n',
    );
    expect(placesOf(error)).toEqual([
      '2:1 output_tokens',
      '2:9 time',
      '2:45 input_tokens',
      '3:1 line',
    ]);
    expect(error.problems[0]?.message).toBe('the row has no `output_tokens`');
    expect(error.problems[3]?.message).toMatch(/^this line is not JSON: expected a value/);
  });

  it('in a FOCUS export, reports the time, quantity, cost and currency of a row together', () => {
    const header =
      'BilledCost,BillingCurrency,ChargePeriodStart,ChargeDescription,ConsumedQuantity,' +
      'ConsumedUnit,ServiceCategory';
    const row = 'lots,EUR,someday,gpt-4o input tokens,many,1K Tokens,AI and Machine Learning';
    const error = refusalOf(`${header}\n${row}\n`);
    // "lots," 5, "EUR," 4, "someday," 8 and "gpt-4o input tokens," 20 characters.
    expect(placesOf(error)).toEqual([
      '2:1 BilledCost',
      '2:6 BillingCurrency',
      '2:10 ChargePeriodStart',
      '2:38 ConsumedQuantity',
    ]);
    expect(error.problems[0]?.message).toBe('`lots` is not an amount');
  });
});

describe('a bad record of a JSON export', () => {
  it('is placed at the line and column of the value, named by its dotted path', () => {
    const page = {
      data: [
        {
          start_time: 'monday',
          results: [
            {
              object: 'organization.usage.completions.result',
              input_tokens: 'lots',
              input_cached_tokens: 0,
              output_tokens: -2,
            },
          ],
        },
      ],
    };
    const text = JSON.stringify(page, null, 2);
    const error = refusalOf(text);
    expect(placesOf(error)).toEqual([
      '4:21 data.0.start_time',
      '8:27 data.0.results.0.input_tokens',
      '10:28 data.0.results.0.output_tokens',
    ]);
    // The caret's line is the file's own: JSON.stringify puts each key on a line of its own.
    expect(error.problems[1]?.sourceLine).toBe('          "input_tokens": "lots",');
    expect(error.problems[1]?.length).toBe('"lots"'.length);
  });

  it('reports every problem of a LiteLLM row, and every bad row of the list', () => {
    const row = { startTime: '2025-03-01T00:00:00Z', prompt_tokens: 10, spend: 0.1, model: 'm' };
    const rows = [
      row,
      { ...row, startTime: 'soon', prompt_tokens: 5.5, spend: 'cheap' },
      { ...row, spend: 'free' },
    ];
    const error = refusalOf(JSON.stringify(rows));
    expect(error.problems.map((problem) => problem.key)).toEqual([
      '1.startTime',
      '1.prompt_tokens',
      '1.spend',
      '2.spend',
    ]);
    expect(error.problems.every((problem) => problem.line === 1)).toBe(true);
    // Columns of the values in the one-line text, found by indexOf as an independent check.
    const text = JSON.stringify(rows);
    expect(error.problems[0]?.column).toBe(text.indexOf('"soon"') + 1);
    expect(error.problems[3]?.column).toBe(text.indexOf('"free"') + 1);
  });

  it('reports an OpenTelemetry count at the attribute value that holds it', () => {
    const span = {
      spanId: 's1',
      startTimeUnixNano: '1741000000000000000',
      attributes: [{ key: 'gen_ai.usage.input_tokens', value: { intValue: '1k' } }],
    };
    const text = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] });
    const [problem] = refusalOf(text).problems;
    expect(problem?.key).toBe('resourceSpans.0.scopeSpans.0.spans.0.attributes.0.value.intValue');
    expect(problem?.message).toBe(
      'gen_ai.usage.input_tokens of span s1: `1k` is not a token count',
    );
    expect(problem?.column).toBe(text.indexOf('"1k"') + 1);
  });

  it('places a syntax error of a whole-file document where the text stops being JSON', () => {
    const error = refusalOf('{\n  "data": [1, 2,]\n}\n');
    // `  "data": [1, 2,]`: the comma after 2 is the 16th character.
    expect(placesOf(error)).toEqual(['2:16 file']);
    expect(error.problems[0]?.message).toBe('not valid JSON: a comma before `]`');
  });
});

/**
 * Every problem of a usage log is labelled in brackets, `file:line:col: error
 * [label] message`, as the cell-count fault is labelled [row]: a column's name
 * for a bad value, else what is at fault, the file, a row or a line.
 */
describe('the label of a usage-log problem that names no column', () => {
  const cases: [string, string, ReadUsageOptions['format'], string][] = [
    ['an empty file', '\n\n', undefined, '1:1 file'],
    ['an empty CSV read as the generic CSV', '', 'generic-csv', '1:1 file'],
    // csv-parse stops at the quote left open on line 2 and names that line.
    ['a CSV with a quote left open', `${CSV_HEADER}\n"2025-01-02,gpt-4o\n`, undefined, '2:1 row'],
    ['a JSON Lines file with a line that is not JSON', JSONL_OK + 'oops\n', undefined, '2:1 line'],
    ['a JSON Lines line that is not an object', JSONL_OK + '[1]\n', undefined, '2:1 line'],
    ['a JSON file of no known format', '{"colour":"blue"}\n', undefined, '1:1 format'],
  ];

  it.each(cases)('labels %s', (_name, text, format, place) => {
    const error = refusalOf(text, format);
    expect(placesOf(error)).toEqual([place]);
    const formatted = formatUsageProblem(error.problems[0]!, 'usage.log');
    expect(formatted).toMatch(/^usage\.log:\d+:\d+: error \[[a-z]+\] /);
  });
});
