import { isMap, isScalar, Scalar, type Node } from 'yaml';
import type { ScenarioDocument } from '../loadScenarioDocument.js';
import type { PriceCatalog } from '../priceCatalog.js';
import { parseQuantity } from '../parseQuantity.js';
import { hasErrors, type ScenarioIssue } from '../scenarioIssue.js';
import type { Scenario } from '../scenarioTypes.js';
import { validateScenario } from '../validate/validateScenario.js';
import { checkNotCorrelated } from './checkNotCorrelated.js';
import { findClosestEnd, type ClosestEnd } from './findClosestEnd.js';
import { overrideDocument } from './overrideDocument.js';
import { quantileOf } from './quantileOf.js';
import { simulateVariant } from './simulateVariant.js';
import { SpendOutOfRangeError } from '../spendOutOfRangeError.js';
import { SolveRequestError, type SpendTarget } from './parseTarget.js';

/**
 * A value of the varied key that the scenario refuses (a share of 150%, a
 * negative count): the caller says so in the key's unit, with `reason`, the
 * scenario's own words for what the key may hold.
 */
export class InvalidValueError extends SolveRequestError {
  constructor(
    readonly path: string,
    readonly value: number,
    /** The first error the scenario gives at that value. */
    readonly reason: ScenarioIssue,
    issues: readonly ScenarioIssue[],
  ) {
    super(`with ${path} set to ${value}, the scenario is invalid: ${reason.message}`, issues);
  }
}

/**
 * The spend of a workload grew past what a forecast can hold (10^38 USD a
 * month) with the key at `value`. The message writes the value as a plain
 * number; a caller that writes the key's values in their unit (150% for a
 * share) words it again with spendPastRangeMessageOf.
 */
export class SpendPastRangeError extends SolveRequestError {
  constructor(
    readonly path: string,
    readonly value: number,
    readonly workload: string,
    issues: readonly ScenarioIssue[],
  ) {
    const shown = value.toLocaleString('en-US', { maximumSignificantDigits: 4 });
    super(spendPastRangeMessageOf(path, shown, workload), issues);
  }
}

/** What SpendPastRangeError says, with the value as the caller writes it (`shownValue`). */
export function spendPastRangeMessageOf(path: string, shownValue: string, workload: string) {
  return (
    `with ${path} set to ${shownValue}, the spend of workload \`${workload}\` ` +
    'grows past 10^38 USD a month; search a narrower range with --between, or check ' +
    'its inputs.'
  );
}

/**
 * A path that leads nowhere (a misspelt workload or step): no value makes the
 * scenario valid, so the search stops at once rather than trying other values.
 */
class UnknownPathError extends SolveRequestError {}

export interface SolveRequest {
  readonly source: ScenarioDocument;
  readonly catalog: PriceCatalog;
  /** Dotted key path of the one input to vary; it is set to a plain number. */
  readonly path: string;
  readonly target: SpendTarget;
  /** Range searched; by default a quarter to four times the key's current number. */
  readonly between?: readonly [number, number];
  readonly trials: number;
  readonly seed: number;
}

export interface SolveResult {
  readonly path: string;
  readonly target: string;
  readonly low: number;
  readonly high: number;
  /** The limit: the value nearest the boundary at which the target still holds. */
  readonly limit: number | null;
  /** Whether the target holds below the limit (true) or above it. */
  readonly holdsBelow: boolean | null;
  /** The statistic at the limit, from the final run that confirms it. */
  readonly statisticAtLimit: number | null;
  /** 'found', or why there is no limit inside the range. */
  readonly outcome: 'found' | 'holds-everywhere' | 'holds-nowhere';
  /** The target's statistic at each end of the range. */
  readonly statisticAtLow: number;
  readonly statisticAtHigh: number;
  /** Where a range that holds nowhere comes closest to the target; null otherwise. */
  readonly closest: ClosestEnd | null;
  readonly runs: number;
  readonly trials: number;
  /** The horizon whose spend the target is on: 12 is annual spend. */
  readonly months: number;
}

/** Bisection stops when the bracket is this narrow relative to the range. */
const RELATIVE_WIDTH = 1e-4;
const MAX_STEPS = 40;

/**
 * Goal seek: the limit of one input under which a target on spend over the
 * horizon (annual for 12 months) holds, by bisection. Every run uses the same
 * seed and trials, so the runs differ only in the varied input (common draws)
 * and the statistic moves smoothly with it; bisection assumes it moves one way
 * over the range. The limit found is then run once more, and the target checked on that run.
 * Cost: about log2(1 / RELATIVE_WIDTH) + 3 forecasts.
 */
export function solveTarget(request: SolveRequest): SolveResult {
  checkContinuous(request.path);
  checkNotCorrelated(request.source, request.path);
  const [low, high] = request.between ?? defaultRange(request);
  if (!(low < high)) throw new SolveRequestError(`the range ${low} to ${high} is empty.`);
  // An end the key cannot hold is refused before any forecast is run.
  const [{ months }] = [low, high].map((end) => scenarioWith(request, end)) as [Scenario];
  let runs = 2;
  const holds = (value: number): boolean => {
    runs += 1;
    return meets(request.target, statisticAt(request, value));
  };
  const statisticAtLow = statisticAt(request, low);
  const statisticAtHigh = statisticAt(request, high);
  const atLow = meets(request.target, statisticAtLow);
  const atHigh = meets(request.target, statisticAtHigh);
  const base = {
    path: request.path,
    target: request.target.text,
    low,
    high,
    statisticAtLow,
    statisticAtHigh,
    trials: request.trials,
    months,
  };
  const none = { limit: null, holdsBelow: null, statisticAtLimit: null, closest: null };
  if (atLow && atHigh) return { ...base, ...none, outcome: 'holds-everywhere', runs };
  if (!atLow && !atHigh) {
    const closest = findClosestEnd(
      request.target,
      [low, high],
      [statisticAtLow, statisticAtHigh],
      RELATIVE_WIDTH * (high - low),
      (value) => firstValid(request, [value]) !== undefined,
    );
    return { ...base, ...none, closest, outcome: 'holds-nowhere', runs };
  }
  let [good, bad] = atLow ? [low, high] : [high, low];
  for (
    let step = 0;
    step < MAX_STEPS && Math.abs(bad - good) > RELATIVE_WIDTH * (high - low);
    step += 1
  ) {
    const middle = (good + bad) / 2;
    if (holds(middle)) good = middle;
    else bad = middle;
  }
  runs += 1;
  const statisticAtLimit = statisticAt(request, good);
  if (!meets(request.target, statisticAtLimit)) {
    throw new Error('the final run at the limit does not meet the target it was found for');
  }
  return {
    ...base,
    limit: good,
    holdsBelow: atLow,
    statisticAtLimit,
    closest: null,
    outcome: 'found',
    runs,
  };
}

/** Whether a statistic meets the target (`<=` and `<` alike at a continuous boundary). */
export function meets(target: SpendTarget, value: number): boolean {
  return target.atMost ? value <= target.amount : value >= target.amount;
}

/** The target's statistic of per-task spend over the horizon with the key set to `value`. */
export function statisticAt(request: SolveRequest, value: number): number {
  const scenario = scenarioWith(request, value);
  const annual = simulateAt(request, scenario, value).annualPerTask;
  if (request.target.statistic !== 'mean') return quantileOf(annual, request.target.statistic);
  let sum = 0;
  for (const spend of annual) sum += spend;
  return sum / annual.length;
}

/**
 * The scenario's simulation with the key at `value`. A spend that leaves the
 * range a forecast can hold is refused as `run` refuses it, at the workload,
 * with the value that took it there: no statistic of it can be trusted.
 */
function simulateAt(request: SolveRequest, scenario: Scenario, value: number) {
  try {
    return simulateVariant(scenario, { seed: request.seed, trials: request.trials });
  } catch (error) {
    if (!(error instanceof SpendOutOfRangeError)) throw error;
    const issues = [error.toIssue(request.source)];
    throw new SpendPastRangeError(request.path, value, error.workload, issues);
  }
}

/** Keys that hold a whole number of months, calls or trials, or a month. */
const WHOLE_KEYS = ['ramp', 'max', 'months', 'trials', 'seed'];
const MONTH_KEYS = ['from', 'at', 'by', 'start'];

/**
 * Fails on a key that takes a whole number or a month: bisection tries values
 * between two numbers, which such a key cannot hold, so its answer would be an
 * error about the value tried rather than about the key.
 */
function checkContinuous(path: string): void {
  const key = path.slice(path.lastIndexOf('.') + 1);
  const holds = WHOLE_KEYS.includes(key) ? 'a whole number' : 'a month';
  if (!WHOLE_KEYS.includes(key) && !MONTH_KEYS.includes(key)) return;
  throw new SolveRequestError(
    `--vary ${path}: \`${key}\` takes ${holds}, and solve searches a continuous range, so ` +
      `it cannot vary \`${key}\`; vary a key that holds a number or a share ` +
      '(tokens, calls, tasks_per_month, growth, when, migrate.share).',
  );
}

function overriddenSource(request: SolveRequest, value: number): ScenarioDocument {
  const node = new Scalar(value);
  const variant = overrideDocument(
    request.source,
    [{ path: request.path, keyNode: null, value: node }],
    true,
  );
  if (hasErrors(variant.issues)) {
    // The override fails only on the path itself (no key there): no value can mend it.
    const issue = variant.issues[0]!;
    throw new UnknownPathError(`--vary ${request.path}: ${issue.message} ${issue.hint}`.trim());
  }
  return variant.source;
}

/** The scenario with the varied key set to a number, validated like the file. */
export function scenarioWith(request: SolveRequest, value: number): Scenario {
  const source = overriddenSource(request, value);
  const { scenario, issues } = validateScenario(source, request.catalog);
  // The last key may be new to the document (the override adds it), so the
  // scenario's own check says whether such a key exists at all, naming the nearest.
  const unknown = issues.find((issue) => issue.code === 'unknown-key');
  if (unknown !== undefined) {
    throw new UnknownPathError(`--vary ${request.path}: ${unknown.message} ${unknown.hint}`.trim());
  }
  if (scenario === undefined) {
    const issue = issues.find((candidate) => candidate.severity === 'error')!;
    throw new InvalidValueError(request.path, value, issue, issues);
  }
  return scenario;
}

/**
 * A quarter to four times the key's current value, when that is a number above
 * 0 (from 0 a count or a token size would leave nothing to forecast). Where an
 * end is not valid the range narrows towards the value: a half or the value
 * itself at the low end (a geometric mean of calls is at least 1, so from 3 the
 * range is 1.5 to 12), twice the value or 1 at the high end (a share is at
 * most 100%, so from 50% the range is 12.5% to 100%).
 */
function defaultRange(request: SolveRequest): [number, number] {
  const current = currentNumber(request.source, request.path);
  // No number there may mean no such key: say that first (an UnknownPathError).
  if (current === undefined) firstValid(request, [1]);
  if (current === undefined || !(current > 0)) {
    throw new SolveRequestError(
      `${request.path} is not a single number above 0 in the file; give the range to ` +
        'search with --between <low> <high>.',
    );
  }
  const low = firstValid(request, [current / 4, current / 2]) ?? current;
  const high = firstValid(
    request,
    [4 * current, 2 * current, 1].filter((v) => v > current),
  );
  return [low, high ?? current];
}

/** The first of the values at which the scenario is valid, if any. */
function firstValid(request: SolveRequest, candidates: readonly number[]): number | undefined {
  return candidates.find((candidate) => {
    try {
      scenarioWith(request, candidate);
      return true;
    } catch (error) {
      if (error instanceof SolveRequestError && !(error instanceof UnknownPathError)) return false;
      throw error;
    }
  });
}

function currentNumber(source: ScenarioDocument, path: string): number | undefined {
  let node: unknown = source.document.contents;
  const parts = path.split('.');
  while (parts.length > 0) {
    if (!isMap(node)) return undefined;
    const map = node;
    const take = [...parts.keys()]
      .map((i) => parts.length - i)
      .find((n) => map.has(parts.slice(0, n).join('.')));
    if (take === undefined) return undefined;
    node = map.get(parts.splice(0, take).join('.'), true) as Node;
  }
  // Read as the scenario reads it: `50%` is 0.5 and `2k` is 2000.
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'number') return node.value;
  return typeof node.value === 'string' ? parseQuantity(node.value) : undefined;
}
