import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTemporaryFolder, runCli } from './runCli.js';

const FOLDER = 'test/scenarios/bad';
const FILES = readdirSync(FOLDER)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => join(FOLDER, name));

/** The first line of each bad file: `# expect: <code> <line>:<col> <key path>`. */
function expectationOf(file: string) {
  const first = readFileSync(file, 'utf8').split('\n')[0] ?? '';
  const match = /^# expect: (\S+) (\d+):(\d+) (\S+)$/.exec(first);
  if (match === null) throw new Error(`${file} lacks its "# expect:" line`);
  const [, code, line, column, path] = match;
  return { code: code!, line: Number(line), column: Number(column), path: path! };
}

describe('the catalogue of bad scenario files', () => {
  it('holds at least 40 files', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(FILES)('validate reports %s at its expected place and exits 2', async (file) => {
    const expected = expectationOf(file);
    const run = await runCli(['validate', '--json', file]);
    expect(run.code).toBe(2);
    const [verdict] = JSON.parse(run.stdout);
    const errors = verdict.issues.filter(
      (issue: { severity: string }) => issue.severity === 'error',
    );
    const first = errors[0];
    expect(`${first.code} ${first.line}:${first.column} ${first.path || '(file)'}`).toBe(
      `${expected.code} ${expected.line}:${expected.column} ${expected.path}`,
    );
    // Every problem is printed on stderr with its place, never a stack trace.
    for (const issue of errors) {
      const place = issue.line > 0 ? `${file}:${issue.line}:${issue.column}` : file;
      expect(run.stderr).toContain(`${place}: error [${issue.code}]`);
    }
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // An error without a key path (a YAML syntax error) still has its line, and the kinds
    // below say what would be valid.
    for (const issue of errors) {
      if (issue.code !== 'yaml-syntax' && issue.path !== '') continue;
      expect(issue.line).toBeGreaterThan(0);
    }
    const hinted = ['out-of-range', 'yaml-syntax', 'missing-key', 'wrong-type', 'duplicate-key'];
    for (const issue of errors.filter((i: { code: string }) => hinted.includes(i.code))) {
      expect(issue.hint).not.toBe('');
    }
  });

  it.each(FILES)('run refuses %s, exits 2 and writes nothing', async (file) => {
    const out = makeTemporaryFolder();
    const run = await runCli(['run', file, '--out', out, '--threads', '1']);
    expect(run.code).toBe(2);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('files that begin with a UTF-8 byte-order mark', () => {
  const BOM = '\uFEFF';
  const STEPS = '    steps:\n      s: { model: gpt-4o, input_tokens: 1 }\n';

  it('places a fault on line 1 at the column a reader counts, and echoes no mark', async () => {
    const folder = makeTemporaryFolder();
    const body = `scenario: bad name\nstart: 2027-01\nworkloads:\n  w:\n    tasks_per_month: 10\n`;
    writeFileSync(join(folder, 'bom.yaml'), `${BOM}${body}${STEPS}`);
    writeFileSync(join(folder, 'base.yaml'), `${BOM}${body}${STEPS}`);
    writeFileSync(join(folder, 'child.yaml'), `${BOM}extends: base.yaml\n`);
    for (const [file, named] of [
      ['bom.yaml', 'bom.yaml'],
      ['child.yaml', 'base.yaml'],
    ]) {
      const run = await runCli(['validate', file!], folder);
      expect(run.code).toBe(2);
      // `scenario: ` is 10 characters, so the value starts in column 11.
      expect(run.stderr).toContain(`${named}:1:11: error [out-of-range] scenario`);
      expect(run.stderr).toContain('  1 | scenario: bad name\n    |           ^^^^^^^^\n');
      expect(run.stderr).not.toContain(BOM);
    }
  });

  // This held before the mark was dropped at reading too (the CSV reader trims cells, and
  // trim() drops it); kept so that a reader without the trim would be caught.
  it('reads the header of a CSV that begins with one', async () => {
    const folder = makeTemporaryFolder();
    writeFileSync(join(folder, 'tasks.csv'), `${BOM}n\n100\n120\n`);
    const text =
      'scenario: s\nstart: 2027-01\nworkloads:\n  w:\n' +
      `    tasks_per_month: { empirical: { csv: tasks.csv, column: n } }\n${STEPS}`;
    writeFileSync(join(folder, 's.yaml'), text);
    const run = await runCli(['validate', 's.yaml'], folder);
    expect(run.stderr).toBe('s.yaml: valid (0 errors, 0 warnings)\n');
  });
});
