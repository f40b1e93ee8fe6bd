import type { ModelPrice } from '../priceCatalog.js';
import type { Step, Value } from '../scenarioTypes.js';

/** Why a step can never cost anything; the wording lives with the warnings (checkPlausibility). */
export type CostlessReason = 'never-runs' | 'no-calls' | 'no-tokens' | 'free-models';

/**
 * Why a step can never cost anything, or undefined when it may. Only values
 * fixed at 0 count: a drawn `when` or token count may be 0 in some trials and
 * not in others, and drift only multiplies a value, so a 0 stays 0 all year.
 * A model is free when it charges $0 for every kind of token the step has;
 * with `months: 'first'` a successor model counts only when the migration
 * starts in the first month. An unknown model is reported on its own, so here
 * it may cost. Cost: a few comparisons.
 */
export function whyStepCostsNothing(
  step: Step,
  prices: ReadonlyMap<string, ModelPrice>,
  months: 'first' | 'any' = 'any',
): CostlessReason | undefined {
  if (isZero(step.when)) return 'never-runs';
  if (isZero(step.calls.mean)) return 'no-calls';
  const tokens = tokenKindsOf(step);
  if (!tokens.input && !tokens.output && !tokens.reasoning) return 'no-tokens';
  const successorCounts = months === 'any' || step.migration?.fromMonth === 0;
  const models = successorCounts ? modelsOfStep(step) : [step.model];
  return models.some((model) => chargesFor(tokens, prices.get(model))) ? undefined : 'free-models';
}

/** The models a step calls over the horizon: its own, then its successor's. */
export function modelsOfStep(step: Step): string[] {
  return step.migration === undefined ? [step.model] : [step.model, step.migration.to];
}

/** The kinds of token a step may send or receive: those not fixed at 0 (context growth: input). */
interface TokenKinds {
  readonly input: boolean;
  readonly output: boolean;
  readonly reasoning: boolean;
}

function tokenKindsOf(step: Step): TokenKinds {
  return {
    input: !isZero(step.inputTokens) || !isZero(step.contextGrowth),
    output: !isZero(step.outputTokens),
    reasoning: !isZero(step.reasoningTokens),
  };
}

/** Whether a model charges for some kind of token the step has. */
function chargesFor(tokens: TokenKinds, price: ModelPrice | undefined): boolean {
  if (price === undefined) return true;
  const inputPriced = price.input > 0 || price.cachedInput > 0 || price.cacheWrite > 0;
  return (
    (tokens.input && inputPriced) ||
    (tokens.output && price.output > 0) ||
    (tokens.reasoning && price.reasoning > 0)
  );
}

/** A value written as 0 (or a param that is 0), the same in every trial and month. */
export function isZero(value: Value): boolean {
  return value.kind === 'fixed' && value.value === 0;
}
