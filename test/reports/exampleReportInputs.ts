import { readFileSync } from 'node:fs';
import { describeAssumptions, type Assumption } from '../../engine/describeAssumptions.js';
import {
  describeScheduledChanges,
  type ScheduledChange,
} from '../../engine/describeScheduledChanges.js';
import { forecastScenarioText } from '../../engine/forecast.js';
import { loadScenarioDocument } from '../../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG } from '../../engine/priceCatalog.js';
import type { Summary } from '../../engine/summaryTypes.js';
import { validateScenario } from '../../engine/validate/validateScenario.js';

/**
 * A bundled example forecast at a few trials, with its assumptions and its
 * scheduled changes, as the CLI gets them.
 */
export function exampleReportInputs(
  file: string,
  trials = 500,
): { summary: Summary; assumptions: Assumption[]; changes: ScheduledChange[] } {
  const text = readFileSync(file, 'utf8');
  const outcome = forecastScenarioText(text, { trials });
  if (!outcome.ok) throw new Error(`${file} does not validate`);
  const { scenario } = validateScenario(loadScenarioDocument(text), BUILTIN_CATALOG);
  if (scenario === undefined) throw new Error(`${file} does not validate`);
  return {
    summary: outcome.summary,
    assumptions: describeAssumptions(scenario),
    changes: describeScheduledChanges(scenario),
  };
}
