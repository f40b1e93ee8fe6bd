import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildScenarioSchema } from '../../engine/buildScenarioSchema.js';
import { formatReference } from '../../engine/formatReference.js';
import { DISTRIBUTION_OPTIONS } from '../../engine/validate/distributionFamilies.js';
import { DISCRETE_KEYS } from '../../engine/validate/readDistribution.js';
import { DRIFT_KEYS } from '../../engine/validate/readDrifts.js';
import {
  CURVE_KEYS,
  EVENT_KEYS,
  MODEL_PRICE_KEYS,
  PRICES_KEYS,
} from '../../engine/validate/readPrices.js';
import { CORRELATION_KEYS } from '../../engine/validate/readCorrelations.js';
import { OPTION_KEYS, PLANNED_CHANGE_KEYS } from '../../engine/validate/readOptions.js';
import { STEP_KEYS } from '../../engine/validate/readSteps.js';
import { COMPOSE_KEYS, TOP_LEVEL_KEYS } from '../../engine/validate/validateScenario.js';
import { WORKLOAD_KEYS } from '../../engine/validate/readWorkloads.js';
import { runCli } from '../cli/runCli.js';

type Schema = Record<string, any>;
const schema: Schema = buildScenarioSchema();
const keysOf = (section: Schema): string[] => Object.keys(section.properties).sort();

describe('the scenario JSON Schema', () => {
  it('is committed in schema/ exactly as `pertask schema` prints it', async () => {
    const run = await runCli(['schema']);
    expect(run.code).toBe(0);
    expect(readFileSync('schema/scenario.schema.json', 'utf8')).toBe(run.stdout);
  });

  it.each([
    ['the top level', schema, [...TOP_LEVEL_KEYS, ...COMPOSE_KEYS]],
    ['prices', schema.$defs.prices, PRICES_KEYS],
    ['a correlation', schema.$defs.correlation, CORRELATION_KEYS],
    ['an option', schema.$defs.option, OPTION_KEYS],
    ['a planned change', schema.$defs.plannedChange, PLANNED_CHANGE_KEYS],
    ['a model price', schema.$defs.modelPrice, MODEL_PRICE_KEYS],
    ['the price curve', schema.$defs.curve, CURVE_KEYS],
    ['a price event', schema.$defs.event, EVENT_KEYS],
    ['a workload', schema.$defs.workload, WORKLOAD_KEYS],
    ['a step', schema.$defs.step, STEP_KEYS],
    ['a drift', schema.$defs.drift, DRIFT_KEYS],
    ['a distribution map', schema.$defs.distributionOptions, DISTRIBUTION_OPTIONS],
    ['discrete', schema.$defs.discrete, DISCRETE_KEYS],
    // readMixture reads `weight` and hands every other key to readDistributionMap.
    ['a mixture component', schema.$defs.mixtureComponent, ['weight']],
  ])('lists exactly the keys the validator accepts in %s', (_name, section, keys) => {
    expect(keysOf(section as Schema)).toEqual([...(keys as readonly string[])].sort());
  });

  it('gives every key a unit, a default and an example', () => {
    const sections = [schema, ...Object.values(schema.$defs as Schema)].filter(
      (section) => section['x-section'] !== undefined,
    );
    for (const section of sections) {
      for (const [key, property] of Object.entries(section.properties as Schema)) {
        expect(property['x-unit'], key).toBeTruthy();
        expect(property['x-default'], key).toBeTruthy();
        expect(property.examples?.[0], key).toBeTruthy();
      }
    }
  });
});

/** Keys of a YAML value that the schema's object tree does not allow (it follows $ref). */
function keysOutsideSchema(value: unknown, node: Schema, path: string): string[] {
  const resolved = node.$ref ? schema.$defs[String(node.$ref).split('/').pop()!] : node;
  if (resolved?.type !== 'object' || typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const property =
      resolved.properties?.[key] ??
      (key.startsWith('x-') ? {} : undefined) ??
      (typeof resolved.additionalProperties === 'object'
        ? resolved.additionalProperties
        : undefined);
    if (property === undefined) return [`${path}${key}`];
    return keysOutsideSchema(child, property, `${path}${key}.`);
  });
}

describe('the bundled scenarios', () => {
  const files = readdirSync('scenarios').filter((name) => name.endsWith('.yaml'));

  it.each(files)('%s names the schema in its first line and uses only its keys', (name) => {
    const text = readFileSync(join('scenarios', name), 'utf8');
    expect(text.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../schema/scenario.schema.json',
    );
    expect(keysOutsideSchema(parse(text), schema, '')).toEqual([]);
  });
});

describe("the README's scenario reference", () => {
  it('shows every key of the schema with its unit, default and example', () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('<!-- reference:start -->\n');
    const end = readme.indexOf('<!-- reference:end -->');
    expect(start, 'the README lacks its reference markers').toBeGreaterThan(0);
    const shown = readme.slice(start + '<!-- reference:start -->\n'.length, end);
    expect(shown).toBe(formatReference(schema));
  });
});
