import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CURVE_KEYS, EVENT_KEYS, MODEL_PRICE_KEYS } from '../engine/validate/readPrices.js';
import { STEP_KEYS } from '../engine/validate/readSteps.js';
import { WORKLOAD_KEYS } from '../engine/validate/readWorkloads.js';
import { COMPOSE_KEYS, TOP_LEVEL_KEYS } from '../engine/validate/validateScenario.js';
import { LITELLM_TASK_KEYS } from '../engine/usage/readLiteLlmSpendLogs.js';

describe('the README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it.each(['Quick start', 'Commands', 'Outputs', 'Scenario reference', 'Known limitations'])(
    'keeps its section "%s"',
    (section) => {
      expect(readme).toContain(`\n## ${section}\n`);
    },
  );

  it('shows the two commands of the quick start', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});

/** The keys in the first column of the first table under `heading`, backticks removed. */
function tableKeysUnder(readme: string, heading: string): string[] {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`the README lacks the heading ${heading}`);
  const lines = readme.slice(start + heading.length + 2).split('\n');
  const first = lines.findIndex((line) => line.startsWith('| key |'));
  const table = lines.slice(first + 2);
  const end = table.findIndex((line) => !line.startsWith('|'));
  return table.slice(0, end).map((line) => /^\| `([^`]+)`/.exec(line)?.[1] ?? line);
}

// The validator's own key lists are the source of what each hand-written table must hold;
// the generated tables under "Every key at a glance" are checked against the schema elsewhere
// (test/engine/buildScenarioSchema.test.ts).
describe("the README's hand-written key tables", () => {
  const readme = readFileSync('README.md', 'utf8');
  const sorted = (keys: readonly string[]) => [...keys].sort();

  it('list every top-level key the validator accepts', () => {
    expect(sorted(tableKeysUnder(readme, '### Top level'))).toEqual(
      sorted([...TOP_LEVEL_KEYS, ...COMPOSE_KEYS]),
    );
  });

  it('list every key of prices, its models, its curve and its events', () => {
    expect(sorted(tableKeysUnder(readme, '### `prices`'))).toEqual(
      sorted([
        'catalog',
        ...MODEL_PRICE_KEYS.map((key) => `models.<name>.${key}`),
        ...CURVE_KEYS.filter((key) => key !== 'events').map((key) => `curve.${key}`),
        ...EVENT_KEYS.map((key) => `curve.events[].${key}`),
      ]),
    );
  });

  it('list every key of a workload and of a step', () => {
    expect(sorted(tableKeysUnder(readme, '### `workloads.<name>`'))).toEqual(sorted(WORKLOAD_KEYS));
    expect(sorted(tableKeysUnder(readme, '#### `workloads.<name>.steps.<step>`'))).toEqual(
      sorted(STEP_KEYS),
    );
  });
});

describe('the README beside the --task-key parser', () => {
  it('offers as values of --task-key exactly the words the parser accepts', () => {
    const readme = readFileSync('README.md', 'utf8');
    const row = readme.split('\n').find((line) => line.startsWith('| `--task-key K` |')) ?? '';
    const meaning = row.split('|')[3] ?? '';
    // Parentheses explain a value; the values offered are the code spans outside them.
    const offered = [...meaning.replace(/\([^)]*\)/g, '').matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(offered).toEqual([...LITELLM_TASK_KEYS]);
  });
});
