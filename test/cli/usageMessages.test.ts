import { describe, expect, it } from 'vitest';
import { runCli } from './runCli.js';

const FOR_HELP = '\nRun `pertask --help` for usage.\n';

describe('usage errors in the tool’s own words', () => {
  it.each([
    [['run'], 'run needs at least one scenario file: pertask run <scenario.yaml...>'],
    [
      ['validate'],
      'validate needs at least one scenario file: pertask validate <scenario.yaml...>',
    ],
    [
      ['backtest', 'a.yaml'],
      'backtest needs a scenario file and at least one usage file: ' +
        'pertask backtest <scenario.yaml> <logs...>',
    ],
    [
      ['calibrate', 'usage.csv'],
      'calibrate needs at least one usage file and --out: ' +
        'pertask calibrate <logs...> --out <scenario.yaml>',
    ],
    [
      ['prices', 'import', 'map.json'],
      'prices import needs a price map and --out: ' +
        'pertask prices import <map.json> --out <catalog.json>',
    ],
    [['run', 'a.yaml', '--out'], '--out needs a value after it.'],
    [['init', '--template', 'fancy'], '--template takes one of basic, agent; got fancy.'],
  ])('`pertask %s` says what is missing, with exit 2', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`pertask: ${message}${FOR_HELP}`);
  });
});
