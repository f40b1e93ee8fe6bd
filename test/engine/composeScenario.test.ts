import { describe, expect, it } from 'vitest';
import { composeScenario, type ScenarioFileReader } from '../../engine/composeScenario.js';
import { loadScenarioDocument } from '../../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG } from '../../engine/priceCatalog.js';
import { validateScenario } from '../../engine/validate/validateScenario.js';

const BASE = `scenario: base
start: 2027-01
x-step: &step
  model: gpt-4o-mini
  output_tokens: 60
workloads:
  support:
    tasks_per_month: 10k
    steps:
      classify:
        <<: *step
        input_tokens: 2k
`;

/** A reader over in-memory files, the way the CLI's reader resolves names. */
function readerOf(files: Record<string, string>): ScenarioFileReader {
  return (_from, name) => {
    const text = files[name];
    return text === undefined ? { reason: 'no such file' } : { file: name, text };
  };
}

function compose(main: string, files: Record<string, string>) {
  const { source } = composeScenario('main.yaml', main, readerOf(files));
  return validateScenario(source, BUILTIN_CATALOG);
}

describe('composeScenario', () => {
  it('merges a base, then includes in order, then the file itself, later winning', () => {
    const main =
      'extends: base.yaml\ninclude: [a.yaml, b.yaml]\nscenario: team\n' +
      'workloads:\n  support:\n    tasks_per_month: 20k\n';
    const files = {
      'base.yaml': BASE,
      'a.yaml': 'months: 6\ntrials: 100\n',
      'b.yaml': 'months: 3\n',
    };
    const { scenario, issues } = compose(main, files);
    expect(issues).toEqual([]);
    expect(scenario?.name).toBe('team');
    expect(scenario?.months).toBe(3);
    expect(scenario?.trials).toBe(100);
    const workload = scenario?.workloads[0];
    expect(workload?.tasksPerMonth).toEqual({ kind: 'fixed', value: 20_000 });
    // The step came whole from the base, its model through the merge key.
    expect(workload?.steps[0]?.model).toBe('gpt-4o-mini');
  });

  it('names the file a fault is in, at its line', () => {
    const bad = BASE.replace('output_tokens: 60', 'output_tokens: -60');
    const { issues } = compose('extends: base.yaml\nscenario: team\n', { 'base.yaml': bad });
    expect(issues[0]).toMatchObject({ file: 'base.yaml', line: 5, code: 'out-of-range' });
  });

  it('reports a file it cannot read at the name, in the file that names it', () => {
    const { issues } = compose(`${BASE}include: [missing.yaml]\n`, {});
    expect(issues[0]).toMatchObject({ file: 'main.yaml', line: 13, code: 'bad-file' });
    expect(issues[0]?.message).toBe('Cannot read `missing.yaml`: no such file.');
  });

  it('reports files that extend each other in a cycle, with the chain', () => {
    const { issues } = compose('extends: a.yaml\n', {
      'a.yaml': 'extends: b.yaml\n',
      'b.yaml': 'extends: a.yaml\n',
    });
    expect(issues[0]?.code).toBe('cycle');
    expect(issues[0]?.message).toMatch(/main.yaml -> a.yaml -> b.yaml -> a.yaml/);
  });

  it('refuses extends in a scenario text validated without the files it names', () => {
    const { issues } = validateScenario(
      loadScenarioDocument(`extends: base.yaml\n${BASE}`),
      BUILTIN_CATALOG,
    );
    expect(issues[0]).toMatchObject({ code: 'not-supported', path: 'extends', line: 1 });
  });

  it('replaces a distribution whole when the extending file names another family', () => {
    const base = BASE.replace(
      'tasks_per_month: 10k',
      'tasks_per_month: { lognormal: { mean: 10k, sd: 3k } }',
    ).replace(
      'input_tokens: 2k',
      'input_tokens: 2k\n        calls: { geometric: { mean: 3 }, max: 10 }',
    );
    const main =
      'extends: base.yaml\nscenario: team\nworkloads:\n  support:\n' +
      '    tasks_per_month: { gamma: { mean: 10k, sd: 3k } }\n' +
      '    steps:\n      classify:\n        calls: { poisson: 3 }\n';
    const { scenario, issues } = compose(main, { 'base.yaml': base });
    expect(issues).toEqual([]);
    const workload = scenario?.workloads[0];
    // The child's own values, as written in `main`: a gamma, and a Poisson of mean 3 with no cap.
    expect(workload?.tasksPerMonth).toMatchObject({ kind: 'uncertain', dist: { family: 'gamma' } });
    expect(workload?.steps[0]?.calls).toMatchObject({ family: 'poisson', max: Infinity });
  });

  it('keeps merging a distribution map that names no family, and maps of names', () => {
    const base = BASE.replace(
      'input_tokens: 2k',
      'input_tokens: 2k\n        calls: { geometric: { mean: 3 } }',
    );
    const main =
      'extends: base.yaml\nscenario: team\nworkloads:\n  support:\n' +
      '    steps:\n      classify:\n        calls: { max: 10 }\n';
    const { scenario, issues } = compose(main, { 'base.yaml': base });
    expect(issues).toEqual([]);
    // `max` from `main` over the base's geometric of mean 3.
    const calls = scenario?.workloads[0]?.steps[0]?.calls;
    expect(calls).toMatchObject({ family: 'geometric', max: 10 });
    // A workload named like a family is a name, not a distribution: the base's is kept.
    const named =
      'extends: base.yaml\nscenario: team\nworkloads:\n  normal:\n    tasks_per_month: 5\n' +
      '    steps: { s: { model: gpt-4o-mini, input_tokens: 1, output_tokens: 1 } }\n';
    const both = compose(named, { 'base.yaml': base });
    expect(both.issues).toEqual([]);
    expect(both.scenario?.workloads.map((w) => w.name)).toEqual(['support', 'normal']);
  });
});

describe('YAML anchors and merge keys', () => {
  it('lets keys written in the map win over merged ones, and keeps the merged places', () => {
    const yaml = BASE.replace('input_tokens: 2k', 'input_tokens: 2k\n        output_tokens: 90');
    const { scenario, issues } = validateScenario(loadScenarioDocument(yaml), BUILTIN_CATALOG);
    expect(issues).toEqual([]);
    expect(scenario?.workloads[0]?.steps[0]?.outputTokens).toEqual({ kind: 'fixed', value: 90 });
  });

  it('reports a fault in merged keys at the anchor', () => {
    const yaml = BASE.replace('output_tokens: 60', 'output_tokens: lots');
    const { issues } = validateScenario(loadScenarioDocument(yaml), BUILTIN_CATALOG);
    expect(issues[0]).toMatchObject({ code: 'not-a-number', line: 5 });
  });
});
