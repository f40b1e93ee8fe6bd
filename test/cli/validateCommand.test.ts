import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCommand } from '../../cli/validateCommand.js';
import { makeTemporaryFolder, runCli } from './runCli.js';

const STEP = (model: string) =>
  `workloads:\n  w:\n    tasks_per_month: 1000\n    steps:\n      s:\n        model: ${model}\n` +
  '        input_tokens: 1000\n';

describe('pertask validate', () => {
  it('colours the severity on a terminal and not under NO_COLOR', async () => {
    const folder = makeTemporaryFolder();
    writeFileSync(join(folder, 'a.yaml'), `scenario: a\nstart: 2027-01\n${STEP('gpt-4oo')}`);
    const printed = async (env: Record<string, string>) => {
      const written: string[] = [];
      const stderr = { write: (text: string) => written.push(text), isTTY: true };
      const stdout = { write: () => true };
      const options = { files: [join(folder, 'a.yaml')], json: false };
      const code = await validateCommand(options, { stdout, stderr, cwd: folder, env });
      return { code, text: written.join('') };
    };
    const tty = await printed({});
    expect(tty.code).toBe(2);
    // ANSI red (31) around "error [unknown-model]", as `run` paints it.
    expect(tty.text).toMatch(/\u001b\[31merror \[[a-z-]+\]\u001b\[0m/);
    expect((await printed({ NO_COLOR: '1' })).text).not.toContain('\u001b[');
  });

  it('refuses a model price dated on a day the calendar lacks', async () => {
    const folder = makeTemporaryFolder();
    const prices = 'prices:\n  models:\n    mine: { input: 2, output: 8, as_of: 2026-02-30 }\n';
    writeFileSync(join(folder, 'a.yaml'), `scenario: a\nstart: 2027-01\n${prices}${STEP('mine')}`);
    const run = await runCli(['validate', 'a.yaml'], folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('`2026-02-30` is not a calendar date.');
  });

  it('lists errors and warnings as data with --json, one entry per file', async () => {
    const folder = makeTemporaryFolder();
    writeFileSync(join(folder, 'ok.yaml'), `scenario: ok\nstart: 2027-01\n${STEP('gpt-4o')}`);
    const bad =
      `scenario: bad\nstart: 2027-01\nmonths: 12\n${STEP('gpt-4o')}` +
      '        outptu_tokens: 5\n    growth: 30%\n';
    writeFileSync(join(folder, 'bad.yaml'), bad);
    const run = await runCli(['validate', '--json', 'ok.yaml', 'bad.yaml'], folder);
    expect(run.code).toBe(2);
    const verdicts = JSON.parse(run.stdout);
    expect(verdicts.map((v: { file: string; valid: boolean }) => [v.file, v.valid])).toEqual([
      ['ok.yaml', true],
      ['bad.yaml', false],
    ]);
    const issues = verdicts[1].issues.map((i: { severity: string; code: string; line: number }) =>
      [i.severity, i.code, i.line].join(' '),
    );
    expect(issues).toEqual(['error unknown-key 11', 'warning implausible 12']);
  });

  it('takes --quiet, as the README says, and then prints errors alone', async () => {
    const folder = makeTemporaryFolder();
    // Growth of 30% a month is a warning; `outptu_tokens` an error.
    writeFileSync(
      join(folder, 'warn.yaml'),
      `scenario: w\nstart: 2027-01\n${STEP('gpt-4o')}` + '    growth: 30%\n',
    );
    writeFileSync(
      join(folder, 'bad.yaml'),
      `scenario: b\nstart: 2027-01\n${STEP('gpt-4o')}` + '        outptu_tokens: 5\n',
    );
    const warned = await runCli(['validate', '--quiet', 'warn.yaml'], folder);
    // Before, yargs refused it: "Unknown argument: quiet".
    expect([warned.code, warned.stderr, warned.stdout]).toEqual([0, '', '']);
    const failed = await runCli(['validate', '-q', 'warn.yaml', 'bad.yaml'], folder);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('bad.yaml:10:9: error [unknown-key]');
    expect(failed.stderr).not.toContain('warning');
    expect(failed.stderr).not.toContain('invalid (');
    // JSON is data: it still lists the warning.
    const json = await runCli(['validate', '-q', '--json', 'warn.yaml'], folder);
    expect(JSON.parse(json.stdout)[0].warnings).toBe(1);
    expect(json.stderr).toBe('');
  });

  it('names the file a fault is in when a scenario extends another', async () => {
    const folder = makeTemporaryFolder();
    writeFileSync(join(folder, 'base.yaml'), `start: 2027-01\n${STEP('gpt-4o-mimi')}`);
    writeFileSync(join(folder, 'team.yaml'), 'extends: base.yaml\nscenario: team\n');
    const run = await runCli(['validate', 'team.yaml'], folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('base.yaml:7:16: error [unknown-model]');
  });

  it('names an included file as the main file is named: absolute, or from the cwd', async () => {
    const folder = makeTemporaryFolder();
    writeFileSync(join(folder, 'base.yaml'), `start: 2027-01\n${STEP('gpt-4o-mimi')}`);
    writeFileSync(join(folder, 'team.yaml'), 'extends: base.yaml\nscenario: team\n');
    // Run from another folder: before, the base was named `../../tmp/...` beside an
    // absolute main file.
    const elsewhere = makeTemporaryFolder();
    const absolute = await runCli(['validate', join(folder, 'team.yaml')], elsewhere);
    expect(absolute.stderr).toContain(`${join(folder, 'base.yaml')}:7:16: error [unknown-model]`);
    // Relative from the folder above: the base relative to it too.
    const name = basename(folder);
    const above = await runCli(['validate', join(name, 'team.yaml')], dirname(folder));
    expect(above.stderr).toMatch(new RegExp(`^${name}/base\\.yaml:7:16: error`, 'm'));
    const here = await runCli(['validate', 'team.yaml'], folder);
    expect(here.stderr).toMatch(/^base\.yaml:7:16: error \[unknown-model\]/m);
  });

  it('shows a cycle between two files once round: a -> b -> a', async () => {
    const folder = makeTemporaryFolder();
    writeFileSync(join(folder, 'loop1.yaml'), 'extends: loop2.yaml\nscenario: l1\n');
    writeFileSync(join(folder, 'loop2.yaml'), 'extends: loop1.yaml\n');
    const main = join(folder, 'loop1.yaml');
    const run = await runCli(['validate', main], makeTemporaryFolder());
    expect(run.code).toBe(2);
    // Before: loop1 -> loop2 -> loop1 -> loop2, the main file found again under another name.
    const loop2 = join(folder, 'loop2.yaml');
    expect(run.stderr).toContain(
      `\`loop1.yaml\` is already part of this scenario: ${main} -> ${loop2} -> ${main}.`,
    );
    const typed = await runCli(['validate', './loop1.yaml'], folder);
    expect(typed.stderr).toContain(
      'is already part of this scenario: ./loop1.yaml -> loop2.yaml -> ./loop1.yaml.',
    );
  });

  it('reads the catalog that prices.catalog names, as run does', async () => {
    const folder = makeTemporaryFolder();
    const catalog = join(folder, 'team-prices.json');
    const args = ['prices', 'import', '../shared/data/litellm-model-prices.json', '--out', catalog];
    expect((await runCli(args)).code).toBe(0);
    const text =
      'scenario: s\nstart: 2027-01\nprices:\n  catalog: ./team-prices.json\n' +
      STEP('claude-sonnet-4-20250514');
    writeFileSync(join(folder, 's.yaml'), text);
    const run = await runCli(['validate', 's.yaml'], folder);
    expect(run.stderr).toBe('s.yaml: valid (0 errors, 0 warnings)\n');
    expect(run.code).toBe(0);
  });

  it('reports an unknown name and a rank out of range in one correlation together', async () => {
    const folder = makeTemporaryFolder();
    const text =
      `scenario: s\nstart: 2027-01\n${STEP('gpt-4o')}        output_tokens: 10 to 20\n` +
      'correlations:\n  - between: [tiket, workloads.w.steps.s.output_tokens]\n    rank: 2\n';
    writeFileSync(join(folder, 's.yaml'), text);
    const run = await runCli(['validate', 's.yaml'], folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('s.yaml:12:15: error [correlation] correlations.0.between.0');
    expect(run.stderr).toContain('s.yaml:13:11: error [out-of-range] correlations.0.rank');
    expect(run.stderr).toContain('s.yaml: invalid (2 errors, 0 warnings)');
  });

  it('reports a missing catalog and a missing CSV at once, each at its place', async () => {
    const folder = makeTemporaryFolder();
    const text =
      'scenario: s\nstart: 2027-01\nprices:\n  catalog: missing.json\nworkloads:\n  w:\n' +
      '    tasks_per_month: { empirical: { csv: nothere.csv, column: n } }\n' +
      '    steps:\n      s:\n        model: gpt-4o\n        input_tokens: 1000\n';
    writeFileSync(join(folder, 's.yaml'), text);
    const run = await runCli(['validate', 's.yaml'], folder);
    expect(run.code).toBe(2);
    const blocks = run.stderr.split('\n').filter((line) => / error \[/.test(line));
    expect(blocks).toEqual([
      's.yaml:4:12: error [bad-file] prices.catalog',
      's.yaml:7:42: error [bad-file] workloads.w.tasks_per_month.empirical.csv',
    ]);
    expect(run.stderr).toContain('s.yaml: invalid (2 errors, 0 warnings)');
  });

  it('reports mistakes in steps, drift, options and planned changes in one run', async () => {
    const file = 'test/scenarios/bad/mistakes-in-every-section.yaml';
    const run = await runCli(['validate', '--json', file]);
    expect(run.code).toBe(2);
    const [verdict] = JSON.parse(run.stdout);
    const places = verdict.issues.map(
      (i: { line: number; column: number; code: string; path: string }) =>
        `${i.line}:${i.column} ${i.code} ${i.path}`,
    );
    // Lines and columns as counted in the file; one entry per mistake written there.
    expect(places).toEqual([
      '13:23 not-a-number workloads.support.steps.answer.input_tokens',
      '20:7 unknown-step workloads.support.drift.answr.calls',
      '21:51 out-of-range workloads.support.drift.review.input_tokens.shape',
      '25:7 unknown-key workloads.suport.steps.answer.model',
      '28:52 out-of-range workloads.support.steps.review.input_tokens',
      '30:34 unknown-key planned_changes.0.option',
      '31:17 unknown-key planned_changes.1.workload',
      '31:59 out-of-range planned_changes.1.ramp',
    ]);
  });

  it("names the file and line of an option's mistake in a scenario that extends", async () => {
    const folder = makeTemporaryFolder();
    const base = `start: 2027-01\n${STEP('gpt-4o')}        output_tokens: -100\n`;
    writeFileSync(join(folder, 'base.yaml'), base);
    const team =
      'extends: base.yaml\nscenario: team\noptions:\n  shorter:\n    set:\n' +
      '      workloads.w.steps.s.input_tokens: -5\n  mini:\n    set:\n' +
      '      workloads.v.steps.s.model: gpt-4o-mini\n';
    writeFileSync(join(folder, 'team.yaml'), team);
    const run = await runCli(['validate', 'team.yaml'], folder);
    expect(run.code).toBe(2);
    const places = run.stderr.split('\n').filter((line) => / error \[/.test(line));
    // The base's mistake once, not once more per option; the options' in line order.
    expect(places).toEqual([
      'base.yaml:9:24: error [out-of-range] workloads.w.steps.s.output_tokens',
      'team.yaml:6:41: error [out-of-range] workloads.w.steps.s.input_tokens',
      'team.yaml:9:7: error [unknown-key] workloads.v.steps.s.model',
    ]);
  });

  it('reads the CSV files of a scenario with options for each option too', async () => {
    const folder = makeTemporaryFolder();
    writeFileSync(join(folder, 'tasks.csv'), 'n\n100\n120\n90\n');
    const text =
      'scenario: s\nstart: 2027-01\nworkloads:\n  w:\n' +
      '    tasks_per_month: { empirical: { csv: tasks.csv, column: n } }\n' +
      '    steps:\n      s:\n        model: gpt-4o\n        input_tokens: 1000\n' +
      'options:\n  mini:\n    set:\n      workloads.w.steps.s.model: gpt-4o-mini\n';
    writeFileSync(join(folder, 's.yaml'), text);
    const run = await runCli(['validate', 's.yaml'], folder);
    expect(run.stderr).toBe('s.yaml: valid (0 errors, 0 warnings)\n');
    expect(run.code).toBe(0);
  });

  it('reads a CSV named in an extended file beside that file, options included', async () => {
    const folder = makeTemporaryFolder();
    mkdirSync(join(folder, 'lib'));
    writeFileSync(join(folder, 'lib', 'tasks.csv'), 'n\n100\n120\n90\n');
    const base =
      'start: 2027-01\nworkloads:\n  w:\n' +
      '    tasks_per_month: { empirical: { csv: tasks.csv, column: n } }\n' +
      '    steps:\n      s:\n        model: gpt-4o\n        input_tokens: 1000\n';
    writeFileSync(join(folder, 'lib', 'base.yaml'), base);
    const child =
      'extends: lib/base.yaml\nscenario: s\n' +
      'options:\n  mini:\n    set:\n      workloads.w.steps.s.model: gpt-4o-mini\n';
    writeFileSync(join(folder, 'child.yaml'), child);
    // README, "Composing files": names are relative to the file that names them, so
    // `tasks.csv` is lib/tasks.csv; before, it was looked for beside child.yaml.
    const run = await runCli(['validate', 'child.yaml'], folder);
    expect(run.stderr).toBe('child.yaml: valid (0 errors, 0 warnings)\n');
    expect(run.code).toBe(0);
  });

  it('reads a catalog named in an extended file beside that file', async () => {
    const folder = makeTemporaryFolder();
    mkdirSync(join(folder, 'lib'));
    const catalog = join(folder, 'lib', 'team-prices.json');
    const args = ['prices', 'import', '../shared/data/litellm-model-prices.json', '--out', catalog];
    expect((await runCli(args)).code).toBe(0);
    // ai21.j2-mid-v1 is in the LiteLLM map, not in the built-in catalog.
    const base =
      'start: 2027-01\nprices:\n  catalog: team-prices.json\nworkloads:\n  w:\n' +
      '    tasks_per_month: 10\n    steps:\n      s: { model: ai21.j2-mid-v1, input_tokens: 1 }\n';
    writeFileSync(join(folder, 'lib', 'base.yaml'), base);
    writeFileSync(join(folder, 'child.yaml'), 'extends: lib/base.yaml\nscenario: c\n');
    // Before, the base's `prices.catalog` was not seen: the model was unknown.
    const run = await runCli(['validate', 'child.yaml'], folder);
    expect(run.stderr).toBe('child.yaml: valid (0 errors, 0 warnings)\n');
    writeFileSync(join(folder, 'lib', 'base.yaml'), base.replace('team-prices', 'nope'));
    const missing = await runCli(['validate', 'child.yaml'], folder);
    expect(missing.stderr).toContain('lib/base.yaml:3:12: error [bad-file] prices.catalog');
  });
});
