import { describe, expect, it } from 'vitest';
import {
  buildTornadoChart,
  inputLabelOf,
  researchFirstSentence,
  researchFirstSentenceOf,
} from '../../../reports/charts/buildTornadoChart.js';
import { forecastForTest, TEST_PRICES } from '../../engine/scenarioText.js';

/** 13 months; one sure price cut, one even chance, and uncertain tasks. */
const scenario = (probability: string, tasks: string) => `
scenario: tornado-events
start: 2027-01
months: 13
trials: 2000
seed: 3
${TEST_PRICES}
  curve:
    annual_change: 0%
    events:
      - { at: 2027-03, change: -40% }
      - { at: 2027-07, change: -50%, probability: ${probability} }
workloads:
  flat:
    tasks_per_month: ${tasks}
    growth: 0%
    steps:
      answer:
        model: test-model
        input_tokens: 2000
        output_tokens: 500
`;

type Row = { label: string; path: string; pin: string; valueLabel: string; to: number };

describe('the tornado chart', () => {
  const summary = forecastForTest(scenario('50%', '900 to 1100'));
  const spec = buildTornadoChart(summary)!;
  const rows = (spec.data as { values: Row[] }).values;

  it('names an event in words, keeps its key path, and pins it at its outcomes', () => {
    // events.1 of the scenario is its second event, counted from 1 for a reader.
    const event = rows.filter((row) => row.label === 'price event 2');
    expect(event.map((row) => row.path)).toEqual([
      'prices.curve.events.1.happens',
      'prices.curve.events.1.happens',
    ]);
    expect(event.map((row) => row.valueLabel)).toEqual(['does not happen', 'happens']);
    // A price cut that happens lowers spend: the "happens" end is the lower one.
    expect(event[1]!.to).toBeLessThan(event[0]!.to);
    expect(event.map((row) => row.pin)).toEqual(['Pinned at its P10', 'Pinned at its P90']);
    const subtitle = (spec.title as { subtitle: string[] }).subtitle.join(' ');
    expect(subtitle).toContain(
      'An event (price event 2) pinned at its P10 does not happen; at its P90 it happens.',
    );
  });

  it('keeps legend labels short and uncut, so no renderer ends them in an ellipsis', () => {
    // The longest label is 17 characters, well within a 12-pixel legend line.
    expect(Math.max(...rows.map((row) => row.pin.length))).toBeLessThanOrEqual(20);
    expect(JSON.stringify(spec)).toContain('"labelLimit":0');
  });

  it('lets the money axis drop labels that would touch, with few ticks', () => {
    const layer = (spec as { layer: { encoding: { x: { axis?: object } } }[] }).layer[0]!;
    expect(layer.encoding.x.axis).toMatchObject({ tickCount: 6, labelOverlap: 'greedy' });
  });

  it('leaves the sure event out', () => {
    expect(rows.some((row) => row.label.startsWith('price event 1'))).toBe(false);
  });

  it("speaks of the scenario's horizon, not of a year, over 13 months", () => {
    const title = JSON.stringify(spec.title);
    expect(title).toContain('13-month P50');
    expect(title).not.toContain('annual');
  });

  it('says no input is uncertain, and draws nothing, when nothing is', () => {
    const fixed = forecastForTest(scenario('100%', '1k'));
    expect(fixed.sensitivity!.inputs).toEqual([]);
    expect(researchFirstSentence(fixed.sensitivity!)).toBe(
      'No input is uncertain, so nothing needs researching.',
    );
    expect(buildTornadoChart(fixed)).toBeUndefined();
  });

  it('puts the spread of a fixed scenario with few tasks a month down to those tasks', () => {
    // 900 tasks a month is under FEW_TASKS (1,000), so each month draws task-to-task noise
    // (engine/simulate.ts): the trials differ although no input does.
    // Calls per task vary (geometric), so single tasks differ; no input of the scenario does.
    const calls =
      '        output_tokens: 500\n        calls: { geometric: { mean: 3 }, max: 10 }\n';
    const few = forecastForTest(
      scenario('100%', '900').replace('        output_tokens: 500\n', calls),
    );
    expect(few.scenario.uncertain).toBe(true);
    expect(few.total.annual.perTask.p90).toBeGreaterThan(few.total.annual.perTask.p10);
    expect(few.sensitivity!.inputs).toEqual([]);
    expect(researchFirstSentenceOf(few)).toBe(
      'Every input is fixed, so there is nothing to research: the spread of 13-month ' +
        'spend is task-to-task variation in months of fewer than 1,000 tasks, which no ' +
        'input can narrow.',
    );
  });
});

describe('the tornado with too few trials to rank inputs', () => {
  // SENSITIVITY_MINIMUM_TRIALS is 80: four trials for each of the 20 bins a share is read in.
  it.each([1, 2, 10, 79])(
    'says %i trials are too few and draws nothing, never "no input is uncertain" nor a share of 0',
    (trials) => {
      const few = forecastForTest(scenario('50%', '900 to 1100').replace('2000', String(trials)));
      const sentence = researchFirstSentence(few.sensitivity!);
      expect(few.sensitivity).toMatchObject({ inputs: [], neededTrials: 80 });
      expect(sentence).toBe(
        `Too few trials (${trials}) to rank the uncertain inputs: that needs 80 or more.`,
      );
      expect(buildTornadoChart(few)).toBeUndefined();
    },
  );

  it('ranks the inputs from 80 trials on', () => {
    const enough = forecastForTest(scenario('50%', '900 to 1100').replace('2000', '80'));
    expect(enough.sensitivity!.neededTrials).toBeUndefined();
    expect(enough.sensitivity!.inputs.length).toBeGreaterThan(0);
  });
});

describe('the research-first sentence', () => {
  const bar = { lowValue: 0, highValue: 1, p50AtLow: 2, p50AtHigh: 1, swing: 1 };
  it('says what P10 to P90 means when it names an event', () => {
    const sensitivity = {
      trials: 100,
      baseP50: 1.5,
      inputs: [{ ...bar, input: 'prices.curve.events.0.happens', varianceShare: 0.4 }],
    };
    expect(researchFirstSentence(sensitivity, true, '13-month')).toBe(
      'Research price event 1 first: from P10 to P90 (for an event, from not ' +
        'happening to happening) it moves the 13-month P50 by $1 or more, and on its own ' +
        'it explains 40% of the variance of 13-month spend.',
    );
  });
});

describe('the names of price inputs', () => {
  it('reads each price input in words, events counted from 1', () => {
    expect(inputLabelOf('prices.curve.annual_change')).toBe('annual price change');
    expect(inputLabelOf('prices.curve.events.0.change')).toBe("price event 1's change");
    expect(inputLabelOf('prices.curve.events.2.probability')).toBe("price event 3's probability");
    expect(inputLabelOf('prices.curve.events.1.happens')).toBe('price event 2');
  });

  it('leaves workload inputs as their key paths within the workload', () => {
    expect(inputLabelOf('workloads.review.steps.loop.input_tokens', true)).toBe(
      'loop.input_tokens',
    );
    expect(inputLabelOf('workloads.review.drift.loop.calls')).toBe('loop.calls drift (review)');
  });

  it('puts "the" before the annual price change in the research-first sentence', () => {
    const bar = { lowValue: 0, highValue: 1, p50AtLow: 2, p50AtHigh: 1, varianceShare: 0.3 };
    const sensitivity = {
      trials: 100,
      baseP50: 1.5,
      inputs: [
        { ...bar, input: 'prices.curve.annual_change', swing: 1 },
        { ...bar, input: 'prices.curve.events.0.change', swing: 0.8 },
      ],
    };
    expect(researchFirstSentence(sensitivity, true)).toMatch(
      /^Research the annual price change and price event 1's change first: /,
    );
  });
});
