import { describe, expect, it } from 'vitest';
import { precisionCeilingOf } from '../../cli/precisionCeilingOf.js';
import type { ValidScenario } from '../../cli/runCommand.js';
import { DEFAULT_PRECISION_CEILING } from '../../engine/decide/findTrialsForPrecision.js';

/** Only the file and the scenario's trials are read. */
const startingAt = (trials: number) =>
  ({ file: 'big.yaml', scenario: { trials } }) as unknown as ValidScenario;

describe('the ceiling of --precision', () => {
  it('is the default 1,000,000 when the run starts below it', () => {
    const ceiling = precisionCeilingOf(startingAt(20_000), undefined, {
      target: 0.01,
      ceiling: undefined,
    });
    expect(ceiling).toBe(DEFAULT_PRECISION_CEILING);
  });

  it('rises to the start when a scenario asks for more trials than the default', () => {
    const ceiling = precisionCeilingOf(startingAt(2_000_000), undefined, {
      target: 0.01,
      ceiling: undefined,
    });
    expect(ceiling).toBe(2_000_000);
  });

  it('is --max-trials as given when it is at least the start, --trials before the file', () => {
    const request = { target: 0.01, ceiling: 5000 };
    expect(precisionCeilingOf(startingAt(20_000), 4000, request)).toBe(5000);
    expect(() => precisionCeilingOf(startingAt(20_000), undefined, request)).toThrow(
      "--max-trials 5,000 is below the 20,000 trials the run starts from (big.yaml's `trials:`)",
    );
  });
});
