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
});
