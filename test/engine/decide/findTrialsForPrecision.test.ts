import { describe, expect, it } from 'vitest';
import { findTrialsForPrecision } from '../../../engine/decide/findTrialsForPrecision.js';
import { reviewScenario, scenarioOf } from './decideScenarios.js';

describe('findTrialsForPrecision with a ceiling below what an error needs', () => {
  const scenario = scenarioOf(reviewScenario().replace('trials: 2000', 'trials: 1'));

  it('reports too few trials, not a precision of 0% met, for one trial', () => {
    // One trial: the P90 interval is that trial alone, so its error would read 0.
    const report = findTrialsForPrecision(scenario, { target: 0.5, ceiling: 3 });
    // trialsForErrorOf(0.9) is 11 (see summarizeSample's tests).
    expect(report).toMatchObject({ trials: 3, ceiling: 3, met: false, neededTrials: 11 });
  });

  it('gives no achieved share (null, not a cut-short figure) when P90 has no error', () => {
    const report = findTrialsForPrecision(scenario, { target: 0.01, ceiling: 5 });
    // Five trials are below trialsForErrorOf(0.9) = 11, so there is nothing to reach.
    expect(report.achieved).toBeNull();
  });

  it('gives no neededTrials once the ceiling allows an estimate', () => {
    const report = findTrialsForPrecision(scenario, { target: 0.5, ceiling: 2000 });
    expect(report.neededTrials).toBeUndefined();
    expect(report.trials).toBeGreaterThanOrEqual(11);
    expect(report.met).toBe(true);
  });
});

describe('findTrialsForPrecision stepping up from too few trials', () => {
  it.each([1, 10])(
    'ends at one block, not two, from a scenario of %i trial(s), too few for an error',
    (start) => {
      const scenario = scenarioOf(reviewScenario().replace('trials: 2000', `trials: ${start}`));
      const report = findTrialsForPrecision(scenario, { target: 0.5, ceiling: 1_000_000 });
      // trialsForErrorOf(0.9) = 11 fits in one block of BLOCK_TRIALS = 1000, and 1000 trials
      // give annual P90 an error near 1% (the CLI's "to 1%"), well inside the 50% asked.
      expect(report).toMatchObject({ trials: 1000, met: true });
    },
  );
});

describe('findTrialsForPrecision and the trials it starts from', () => {
  it('refuses a ceiling below them rather than running fewer than the scenario asks', () => {
    const scenario = scenarioOf(reviewScenario());
    // reviewScenario() sets `trials: 2000`.
    expect(() => findTrialsForPrecision(scenario, { target: 0.01, ceiling: 1000 })).toThrow(
      'the ceiling of 1000 trials is below the 2000 the run starts from',
    );
  });
});
