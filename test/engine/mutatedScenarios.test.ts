import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastScenarioText } from '../../engine/forecast.js';

const EXAMPLES = readdirSync('scenarios')
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => readFileSync(join('scenarios', name), 'utf8'));

// Replacements that a hurried edit or a bad merge could leave behind.
const TOKENS = [
  '-1',
  '0',
  '1e400',
  '.nan',
  '.inf',
  'abc',
  '150%',
  '-150%',
  '$3',
  '',
  '[1, 2]',
  '{ a: 1 }',
  '0 to 0',
  '5 to 1e300',
  '1k to 2k',
  '{ poisson: -1 }',
  '{ geometric: { mean: 0.5 } }',
  '{ normal: { mean: 0, sd: 0 } }',
  '2027-13',
  '2099-01',
  '~',
  'null',
  'true',
  '"x"',
  '{ beta: { mean: 2, sd: 1 } }',
  '{ pert: { min: 3, mode: 1, max: 2 } }',
  '{ gamma: { mean: 1, sd: 1 }, min: 5 }',
  '{ mixture: [] }',
  '{ empirical: [] }',
  '{ discrete: { values: [1], weights: [0] } }',
  'ticket * 150%',
  'a + b',
  '1 / 0',
  '[1, 2] * 3',
  '*missing',
  'extends.yaml',
];

/** Every finite number in a summary, walked recursively. */
function numbersOf(value: unknown, found: number[] = []): number[] {
  if (typeof value === 'number') found.push(value);
  else if (Array.isArray(value)) value.forEach((item) => numbersOf(item, found));
  else if (value !== null && typeof value === 'object') {
    Object.values(value).forEach((item) => numbersOf(item, found));
  }
  return found;
}

const mutation = fc.record({
  example: fc.nat({ max: EXAMPLES.length - 1 }),
  line: fc.nat(),
  kind: fc.constantFrom('replace-value', 'delete-line', 'duplicate-line', 'indent', 'truncate'),
  token: fc.constantFrom(...TOKENS),
});

function mutate(text: string, change: { line: number; kind: string; token: string }): string {
  const lines = text.split('\n');
  const index = change.line % lines.length;
  const line = lines[index]!;
  if (change.kind === 'delete-line') lines.splice(index, 1);
  else if (change.kind === 'duplicate-line') lines.splice(index, 0, line);
  else if (change.kind === 'indent') lines[index] = `  ${line}`;
  else if (change.kind === 'truncate') lines.length = index;
  else lines[index] = line.replace(/:\s.*$/, `: ${change.token}`);
  return lines.join('\n');
}

describe('a mutated example scenario', () => {
  it('ends in scenario issues or a finite forecast, never an exception (property)', () => {
    fc.assert(
      fc.property(mutation, (change) => {
        const text = mutate(EXAMPLES[change.example]!, change);
        const outcome = forecastScenarioText(text, { trials: 40 });
        if (!outcome.ok) {
          expect(outcome.issues.length).toBeGreaterThan(0);
          for (const issue of outcome.issues) expect(issue.message).not.toMatch(/undefined|NaN/);
          return;
        }
        for (const value of numbersOf(outcome.summary)) expect(Number.isFinite(value)).toBe(true);
        expect(outcome.summary.total.annual.perTask.p5).toBeGreaterThanOrEqual(0);
      }),
      { seed: 20261203, numRuns: 400 },
    );
  });
});
