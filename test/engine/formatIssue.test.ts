import { describe, expect, it } from 'vitest';
import { formatIssue, type ScenarioIssue } from '../../engine/scenarioIssue.js';

const ISSUE: ScenarioIssue = {
  code: 'missing-key',
  severity: 'error',
  path: 'workloads.w.steps.s.model',
  message: 'The key `model` is required here.',
  line: 2,
  column: 6,
  length: 40,
  hint: 'add `model:`',
};

describe('formatIssue', () => {
  it('stops the caret at the end of the line for a fault that spans several lines', () => {
    const source = 'steps:\n  s: { input_tokens: 1 }\n  t: {}\n';
    const lines = formatIssue(ISSUE, 'f.yaml', source).split('\n');
    // `  s: { input_tokens: 1 }` is 24 characters; from column 6 that leaves 19.
    expect(lines[3]).toBe(`    | ${' '.repeat(5)}${'^'.repeat(19)}`);
    expect(lines[2]!.length).toBe(lines[3]!.length);
  });

  it('cuts a long source line to a window around the fault, with the caret still under it', () => {
    const long = `${'x'.repeat(300)}BAD${'y'.repeat(300)}`;
    const issue = { ...ISSUE, line: 1, column: 301, length: 3 };
    const lines = formatIssue(issue, 'f.yaml', `${long}\n`).split('\n');
    // The window starts 40 characters before the fault and shows 120, with an ellipsis each side.
    expect(lines[2]).toBe(`  1 | …${'x'.repeat(40)}BAD${'y'.repeat(77)}…`);
    const caret = lines[3]!.indexOf('^');
    expect(lines[2]!.slice(caret, caret + 3)).toBe('BAD');
  });

  it('shows control characters of a binary file as question marks', () => {
    const issue = { ...ISSUE, line: 1, column: 1, length: 1 };
    const lines = formatIssue(issue, 'f.yaml', 'a\u0000b\u0007c\n').split('\n');
    expect(lines[2]).toBe('  1 | a?b?c');
  });
});
