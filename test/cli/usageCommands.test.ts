import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTauBenchUsageLog, TAU_BENCH_PATH } from '../fixtures/usage/tauBenchUsageLog.js';
import { makeTemporaryFolder, runCli } from './runCli.js';

const FIXTURES = 'test/fixtures/usage';

/** Runs `dashboard --json` on one file and returns the parsed dashboard. */
async function dashboardOf(file: string, ...flags: string[]) {
  const out = makeTemporaryFolder();
  const run = await runCli(['dashboard', file, '--out', out, '--json', ...flags]);
  expect(run.stderr).not.toContain('error');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

/** The tau-bench usage log (see its fixture) written into `folder`. */
function writeTauLog(folder: string): string {
  const log = join(folder, 'tau-usage.csv');
  writeFileSync(log, buildTauBenchUsageLog(readFileSync(TAU_BENCH_PATH, 'utf8')));
  return log;
}

/** A fresh folder with the tau-bench log and the scenario calibrated from it. */
async function calibrateTau() {
  const folder = makeTemporaryFolder();
  const log = writeTauLog(folder);
  const scenario = join(folder, 'tau.yaml');
  const calibrate = await runCli(['calibrate', log, '--out', scenario, '--trials', '2000']);
  // A failed calibration would surface later as a missing file; say so here instead.
  if (calibrate.code !== 0) throw new Error(`calibrate failed: ${calibrate.stderr}`);
  return { folder, log, scenario };
}

/** The three commands that read a usage log, each writing (if at all) under `folder/out`. */
function commandsReading(file: string, folder: string): string[][] {
  return [
    ['dashboard', file, '--out', join(folder, 'out')],
    ['calibrate', file, '--out', join(folder, 'out', 'x.yaml')],
    ['backtest', 'scenarios/code-review.yaml', file],
  ];
}

describe('pertask dashboard', () => {
  // Catalog prices (USD per million): gpt-4o 2.50 / 1.25 cached / 10.00 output; o4-mini
  // 1.10 / 4.40; claude-sonnet-4 3.00 / 0.30 cached / 3.75 cache write / 15.00 output.
  it.each([
    // 6,000 x 2.5 + 4,000 x 1.25 + 2,000 x 10 = $0.04; o4-mini 1,000 x 1.1 + 500 x 4.4 = $0.0033.
    ['openai-usage.json', 13_500, 0.0433],
    // 1,500 x 3 + 8,000 x 0.3 + 1,200 x 3.75 + 700 x 15 = $0.0219.
    ['anthropic-usage.json', 11_400, 0.0219],
    // 1,234.5 + 66 cents.
    ['anthropic-costs.json', 0, 13.005],
    // Spend as logged, the duplicate dropped: $0.0215 + $0.01.
    ['litellm-spend.json', 8_000, 0.0315],
    // 400 x 2.5 + 600 x 1.25 + (50 + 30 reasoning) x 10 + 300 x 2.5 + 20 x 10 = $0.0035.
    ['otel-spans.json', 1_400, 0.0035],
    // $12.50 + $3.75 + $20.00 billed for 10M tokens; the compute row is left out.
    ['focus-genai.csv', 10_000_000, 36.25],
    // 78,000 + 22,500 + 22,500 micro-dollars.
    ['generic.jsonl', 42_000, 0.123],
  ])('shows the spend and tokens of %s', async (file, tokens, spend) => {
    const dashboard = await dashboardOf(join(FIXTURES, file));
    const total = dashboard.vendors.reduce(
      (s: number, v: { tokens: { total: number } }) => s + v.tokens.total,
      0,
    );
    expect(total).toBe(tokens);
    expect(dashboard.spendUsd).toBeCloseTo(spend, 10);
  });

  it('tells months in the --tz zone: the New York evening stays in January', async () => {
    const utc = await dashboardOf(join(FIXTURES, 'generic.jsonl'));
    expect(utc.months).toEqual(['2025-01', '2025-02']);
    const newYork = await dashboardOf(join(FIXTURES, 'generic.jsonl'), '--tz', 'America/New_York');
    expect(newYork.months).toEqual(['2025-01']);
    // Two tasks, $0.123: $0.0615 a task.
    expect(newYork.workloads[0].costPerTaskUsd).toBeCloseTo(0.0615, 12);
  });

  it('refuses the public FOCUS sample, which holds no AI rows, and writes nothing', async () => {
    const out = join(makeTemporaryFolder(), 'dash');
    const run = await runCli(['dashboard', '../shared/data/focus-1.0-sample.csv', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'no usage records in ../shared/data/focus-1.0-sample.csv (a FOCUS export keeps only rows ' +
        "whose ServiceCategory is 'AI and Machine Learning' and that count tokens)",
    );
    expect(existsSync(out)).toBe(false);
  });

  it('says a generic CSV with only a header has no rows, not what FOCUS keeps', async () => {
    const folder = makeTemporaryFolder();
    const file = join(folder, 'headeronly.csv');
    writeFileSync(file, 'time,model,input_tokens,output_tokens\n');
    for (const command of commandsReading(file, folder)) {
      const run = await runCli(command);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `no usage records in ${file} (a generic CSV with a header and no rows); ` +
          'nothing was written',
      );
      expect(run.stderr).not.toContain('FOCUS');
      expect(existsSync(join(folder, 'out'))).toBe(false);
    }
  });

  it('warns on stderr about a model the catalog does not price', async () => {
    const folder = makeTemporaryFolder();
    const log = join(folder, 'usage.jsonl');
    const record = {
      time: '2025-03-04T10:00:00Z',
      workload: 'w',
      task: 't1',
      vendor: 'acme',
      model: 'acme-unknown-1',
      input_tokens: 1000,
      output_tokens: 100,
    };
    writeFileSync(log, `${JSON.stringify(record)}\n`);
    const run = await runCli(['dashboard', log, '--out', join(folder, 'out'), '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: acme-unknown-1 is not in the catalog');
    const quiet = await runCli(['dashboard', log, '--out', join(folder, 'out'), '-q']);
    expect(quiet.stderr).not.toContain('warning');
  });

  it('prints tables and writes the HTML report, its charts and the JSON', async () => {
    const out = makeTemporaryFolder();
    const run = await runCli(['dashboard', join(FIXTURES, 'generic.jsonl'), '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Workloads, 2025-01 to 2025-02');
    expect(run.stdout).toContain('Cost per task by quarter');
    for (const file of ['report.html', 'dashboard.json', 'spend.vl.json']) {
      expect(existsSync(join(out, file))).toBe(true);
    }
  });

  it('names the file, line, column and column name of a bad cell and exits 2', async () => {
    const folder = makeTemporaryFolder();
    const file = join(folder, 'usage.csv');
    writeFileSync(
      file,
      'time,model,input_tokens,output_tokens\n2025-01-02T00:00:00Z,gpt-4o,12x,5\n',
    );
    const run = await runCli(['dashboard', file, '--out', join(folder, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:2:29: error [input_tokens]`);
    expect(existsSync(join(folder, 'out'))).toBe(false);
  });

  it('prints every problem of each bad row with a caret, counts the rest, exits 2', async () => {
    const folder = makeTemporaryFolder();
    const file = join(folder, 'usage.csv');
    const bad = 'soon,gpt-4o,12x,5';
    const rows = Array.from({ length: 22 }, () => bad).join('\n');
    writeFileSync(file, `time,model,input_tokens,output_tokens\n${rows}\n`);
    for (const command of commandsReading(file, folder)) {
      const run = await runCli(command);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `${file}:2:1: error [time] \`soon\` is not a time\n` +
          `  2 | ${bad}\n` +
          '    | ^^^^\n' +
          '  hint: ISO 8601, e.g. 2024-09-30T18:45:00Z; without a zone it is a time in --tz\n' +
          `${file}:2:13: error [input_tokens] \`12x\` is not a token count\n`,
      );
      // 20 rows listed with both problems; rows 22 and 23 counted.
      expect(run.stderr.match(/error \[time\]/g)).toHaveLength(20);
      expect(run.stderr).toContain(`${file}: 2 more bad rows with 4 problems not listed;`);
      expect(run.stderr).toMatch(/pertask: nothing was written: fix the usage files above\.\n$/);
      expect(existsSync(join(folder, 'out'))).toBe(false);
    }
  });

  it('refuses an unknown time zone', async () => {
    const run = await runCli(['dashboard', join(FIXTURES, 'generic.jsonl'), '--tz', 'Mars/Base']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--tz Mars/Base is not a time zone');
  });
});

describe('pertask calibrate on the tau-bench usage log', () => {
  it('refuses a --name that cannot name a report folder, saying what is valid', async () => {
    // Before, the calibrated scenario failed its own validation: exit 1, "a bug in pertask".
    const folder = makeTemporaryFolder();
    const scenario = join(folder, 'x.yaml');
    const run = await runCli([
      'calibrate',
      writeTauLog(folder),
      '--out',
      scenario,
      '--name',
      'a b',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'pertask: --name: `a b` cannot name a report folder: a scenario name is ASCII letters ' +
        '(a-z, A-Z), digits, `-`, `_` and `.`, starting with a letter or digit; write it ' +
        'without spaces or slashes, e.g. `support-2027`.\n',
    );
    expect(existsSync(scenario)).toBe(false);
  });

  it('writes a scenario whose run reproduces the last month and its cost per task', async () => {
    const folder = makeTemporaryFolder();
    const log = writeTauLog(folder);
    const scenario = join(folder, 'tau.yaml');
    const calibrate = await runCli(['calibrate', log, '--out', scenario, '--trials', '2000']);
    expect(calibrate.code).toBe(0);
    const again = await runCli(['calibrate', log, '--out', scenario]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `pertask: ${scenario} already exists; add --force to overwrite it, ` +
        'or choose another file with --out.\n',
    );
    const dashboard = await dashboardOf(log);
    const last = dashboard.workloads[0].months.at(-1);
    expect(last.period).toBe('2024-12');
    const run = await runCli(['run', scenario, '--out', join(folder, 'out'), '--json']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.scenario.start).toBe('2024-12');
    // The first month's spend within 5% of the logged month; its cost per task as logged.
    expect(Math.abs(summary.total.monthly[0].perTask.mean / last.spendUsd - 1)).toBeLessThan(0.05);
    const costPerTask = summary.workloads[0].months[0].costPerTask;
    expect(Math.abs(costPerTask / last.costPerTaskUsd - 1)).toBeLessThan(0.005);
  });

  it('says what it needs when the logs name no tasks', async () => {
    const folder = makeTemporaryFolder();
    const run = await runCli([
      'calibrate',
      join(FIXTURES, 'openai-usage.json'),
      '--out',
      join(folder, 'x.yaml'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the logs name no tasks');
    expect(existsSync(join(folder, 'x.yaml'))).toBe(false);
  });
});

describe('pertask backtest', () => {
  it('places each logged month against the forecast and reports both errors', async () => {
    const { log, scenario } = await calibrateTau();
    const run = await runCli(['backtest', scenario, log, '--json']);
    expect(run.code).toBe(0);
    const backtest = JSON.parse(run.stdout);
    // The scenario starts in the log's last month: 2024-12 is compared, the rest are not.
    expect(backtest.months.map((m: { month: string }) => m.month)).toEqual(['2024-12']);
    expect(backtest.unmatched).toEqual(['2024-09', '2024-10', '2024-11']);
    expect(backtest.months[0].inside).toBe(true);
    expect(backtest.perTask.meanAbsoluteShare).toBeLessThan(0.05);
    const text = await runCli(['backtest', scenario, log]);
    // An aligned table, not tabs, and the total's sign said in words.
    expect(text.stdout).not.toContain('\t');
    expect(text.stdout).toMatch(/month +actual +P10 +P50 +P90 +inside +per-token P50/);
    const word = backtest.perTask.totalShare < 0 ? 'below' : 'above';
    expect(text.stdout).toContain(`(${word} the actual)`);
  });

  it('warns about few trials, and judges no month inside a one-trial range', async () => {
    const { log, scenario } = await calibrateTau();
    const run = await runCli(['backtest', scenario, log, '--trials', '1']);
    expect(run.code).toBe(0);
    // The same words as run and compare (warnFewTrials).
    expect(run.stderr).toContain(`${scenario}: warning: Only 1 trial: the percentiles`);
    // One draw makes P10 = P50 = P90, so "0 of 1 month inside" would judge an empty range.
    expect(run.stdout).not.toMatch(/P90: \d+ of/);
    expect(run.stdout).toContain(
      'Inside the per-task P10 to P90: not judged for 1 month: with 1 trial, P10, P50 and P90',
    );
    expect(run.stdout).toMatch(/^2024-12 .* - +\$[\d.]+$/m);
  });
});

describe('pertask prices', () => {
  it('lists the built-in models with the date of each price', async () => {
    const run = await runCli(['prices']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/gpt-4o\s+openai\s+2\.5\s+1\.25\s+10\s+2026-07-24/);
  });

  it('imports the LiteLLM map into a catalog that a scenario can name', async () => {
    const folder = makeTemporaryFolder();
    const catalog = join(folder, 'team-prices.json');
    const imported = await runCli([
      'prices',
      'import',
      '../shared/data/litellm-model-prices.json',
      '--out',
      catalog,
    ]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('skipped 3 non-model keys');
    const listed = await runCli(['prices', '--catalog', catalog, '--json']);
    const models = JSON.parse(listed.stdout) as { model: string; longContext?: unknown }[];
    expect(models.find((m) => m.model === 'claude-sonnet-4-20250514')?.longContext).toEqual({
      thresholdTokens: 200_000,
      input: 6,
      cachedInput: 0.6,
      cacheWrite: 7.5,
      output: 22.5,
      reasoning: 22.5,
    });
    const scenario = join(folder, 'uses-catalog.yaml');
    writeFileSync(
      scenario,
      [
        'scenario: uses-catalog',
        'start: 2027-01',
        'trials: 1000',
        'prices:',
        '  catalog: ./team-prices.json',
        'workloads:',
        '  w:',
        '    tasks_per_month: 1000',
        '    steps:',
        '      s:',
        '        model: claude-sonnet-4-20250514',
        '        input_tokens: 1000',
        '        output_tokens: 100',
        '',
      ].join('\n'),
    );
    const run = await runCli(['run', scenario, '--out', join(folder, 'out'), '--json']);
    // Every format: page, summary, CSV, Markdown, workbook, and a spec, SVG and PNG per chart.
    expect(run.stderr).toBe(`Wrote 17 files to ${join(folder, 'out')}/uses-catalog/\n`);
    // 1,000 tasks x (1,000 x 3 + 100 x 15) micro-dollars = $4.50 a month.
    expect(JSON.parse(run.stdout).total.monthly[0].perTask.mean).toBeCloseTo(4.5, 9);
  });

  it('refuses to replace an existing catalog without --force, as calibrate does', async () => {
    const folder = makeTemporaryFolder();
    const out = join(folder, 'prices.json');
    writeFileSync(out, 'keep me');
    const args = ['prices', 'import', '../shared/data/litellm-model-prices.json', '--out', out];
    const refused = await runCli(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `pertask: ${out} already exists; add --force to overwrite it, ` +
        'or choose another file with --out.\n',
    );
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = await runCli([...args, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain("(the map's last_updated;");
  });

  it('exits 2 naming the map, and writes nothing, when no model in it is usable', async () => {
    const folder = makeTemporaryFolder();
    const map = join(folder, 'images.json');
    writeFileSync(map, JSON.stringify({ 'dall-e-3': { mode: 'image_generation' } }));
    const out = join(folder, 'prices.json');
    const run = await runCli(['prices', 'import', map, '--as-of', '2026-01-01', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${map}: no text model with input and output prices`);
    expect(run.stderr).toContain('1 non-text entry');
    expect(existsSync(out)).toBe(false);
  });

  it('says plainly that a map has no last_updated, and takes the date from --as-of', async () => {
    const folder = makeTemporaryFolder();
    const map = join(folder, 'undated.json');
    const model = { mode: 'chat', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 };
    writeFileSync(map, JSON.stringify({ 'my-model': { ...model, litellm_provider: 'openai' } }));
    const out = join(folder, 'prices.json');
    const undated = await runCli(['prices', 'import', map, '--out', out]);
    expect(undated.code).toBe(2);
    expect(undated.stderr).toContain('the map has no `last_updated` date');
    expect(undated.stderr).toContain('--as-of YYYY-MM-DD');
    expect(undated.stderr).not.toContain('undefined');
    const dated = await runCli(['prices', 'import', map, '--as-of', '2026-01-01', '--out', out]);
    expect(dated.code).toBe(0);
    expect(dated.stderr).toContain('1 model priced as of 2026-01-01 (--as-of;');
  });

  it('refuses an --as-of or a last_updated that is no calendar date, writing nothing', async () => {
    const folder = makeTemporaryFolder();
    const model = { mode: 'chat', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 };
    const entry = { 'my-model': { ...model, litellm_provider: 'openai' } };
    const map = join(folder, 'map.json');
    writeFileSync(map, JSON.stringify({ ...entry, last_updated: '2026-02-30T08:00:00Z' }));
    const out = join(folder, 'prices.json');
    for (const asOf of ['2026-13-45', '2026-02-29']) {
      const run = await runCli(['prices', 'import', map, '--as-of', asOf, '--out', out]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `pertask: --as-of ${asOf} is not a calendar date; write YYYY-MM-DD, e.g. 2026-07-24.\n`,
      );
    }
    const stamped = await runCli(['prices', 'import', map, '--out', out]);
    expect(stamped.code).toBe(2);
    expect(stamped.stderr).toContain(
      "the map's `last_updated` is `2026-02-30T08:00:00Z`, not a calendar date",
    );
    expect(existsSync(out)).toBe(false);
  });

  it('takes --input-share as 75% or 0.75 alike', async () => {
    const fit = ['prices', 'fit', '../shared/data/price-history.csv', '--models'];
    const tier = 'gpt-4-1106-preview,gpt-4o';
    const percent = await runCli([...fit, tier, '--input-share', '75%']);
    const share = await runCli([...fit, tier, '--input-share', '0.75']);
    expect(percent.code).toBe(0);
    expect(percent.stdout).toBe(share.stdout);
    expect((await runCli([...fit, tier, '--input-share', '120%'])).code).toBe(2);
  });

  it('shows where a named catalog cannot be read', async () => {
    const folder = makeTemporaryFolder();
    const scenario = join(folder, 's.yaml');
    const text = 'scenario: s\nstart: 2027-01\nprices:\n  catalog: ./missing.json\nworkloads: {}\n';
    writeFileSync(scenario, text);
    const run = await runCli(['run', scenario, '--out', join(folder, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${scenario}:4:12: error [bad-file] prices.catalog`);
  });

  it('fits an annual change for a tier of the price history, ready to paste', async () => {
    const run = await runCli([
      'prices',
      'fit',
      '../shared/data/price-history.csv',
      '--models',
      'gpt-4-1106-preview,gpt-4o',
    ]);
    expect(run.code).toBe(0);
    // The fit of engine/usage fitPriceChange.test.ts: -37.3% a year.
    expect(run.stdout).toContain('Annual change -37.3%');
    expect(run.stdout).toMatch(/annual_change: -\d+\.\d% to -\d+\.\d%/);
  });

  it('asks for the tier and lists the models the history has', async () => {
    const run = await runCli(['prices', 'fit', '../shared/data/price-history.csv']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--models a,b,c; the history has');
  });

  it('exits 2 naming the horizon and the logged months when none overlaps', async () => {
    const { folder, log, scenario } = await calibrateTau();
    const later = join(folder, 'later.yaml');
    writeFileSync(later, readFileSync(scenario, 'utf8').replace(/^start: .*$/m, 'start: 2030-01'));
    const run = await runCli(['backtest', later, log, '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('(2030-01 to 2030-12); months logged: 2024-09, 2024-10');
  });

  it('warns of workloads in the logs and not in the scenario, and the other way', async () => {
    const { folder, log, scenario } = await calibrateTau();
    const matched = await runCli(['backtest', scenario, log, '--json']);
    expect(matched.stderr).not.toContain('warning');
    const text = readFileSync(scenario, 'utf8');
    const [, logged] = /^workloads:\n {2}([\w-]+):/m.exec(text)!;
    const renamed = join(folder, 'renamed.yaml');
    writeFileSync(renamed, text.replace(/^workloads:\n {2}[\w-]+:/m, 'workloads:\n  other:'));
    const run = await runCli(['backtest', renamed, log, '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`workload \`${logged}\` is in the logs but not in the scenario`);
    expect(run.stderr).toContain('workload `other` is in the scenario but not in the logs');
  });
});
