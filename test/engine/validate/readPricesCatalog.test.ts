import { describe, expect, it } from 'vitest';
import { loadScenarioDocument } from '../../../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG, createPriceCatalog } from '../../../engine/priceCatalog.js';
import { validateScenario } from '../../../engine/validate/validateScenario.js';

const scenario = (catalogLine: string, model = 'gpt-4o') => `scenario: s
start: 2027-01
prices:
  ${catalogLine}
workloads:
  w:
    tasks_per_month: 100
    steps:
      s: { model: ${model}, input_tokens: 10, output_tokens: 1 }
`;

describe('prices.catalog', () => {
  it('is accepted as a path, the catalog itself coming in as data', () => {
    const team = createPriceCatalog([
      ...BUILTIN_CATALOG.models.values(),
      { ...BUILTIN_CATALOG.models.get('gpt-4o')!, model: 'team-model', input: 1 },
    ]);
    const text = scenario('catalog: ./team-prices.json', 'team-model');
    const { scenario: valid, issues } = validateScenario(loadScenarioDocument(text), team);
    expect(issues).toEqual([]);
    expect(valid?.prices.get('team-model')?.input).toBe(1);
  });

  it('must name a file', () => {
    const text = scenario('catalog: { file: x }');
    const { issues } = validateScenario(loadScenarioDocument(text), BUILTIN_CATALOG);
    expect(issues.map((issue) => [issue.path, issue.line, issue.message])).toEqual([
      ['prices.catalog', 4, 'No catalog file named.'],
    ]);
  });
});
