/**
 * What `solve` is asked to reach, read from its text: a target on annual
 * per-task spend such as `p80 <= budget`, and the error for a request that
 * cannot be read or met as written.
 */
import type { ScenarioIssue } from '../scenarioIssue.js';

/** A target on annual per-task spend: `p80 <= budget`, `mean < $120k`, `p90 >= 50k`. */
export interface SpendTarget {
  /** 'mean', or a percentile level in (0, 1). */
  readonly statistic: 'mean' | number;
  readonly atMost: boolean;
  readonly amount: number;
  /** As written, for messages. */
  readonly text: string;
}

/** A problem with what `solve` was asked, for the user as it stands. */
export class SolveRequestError extends Error {
  override readonly name = 'SolveRequestError';

  constructor(
    message: string,
    /** Issues of a scenario that the varied value made invalid, if that was the cause. */
    readonly issues: readonly ScenarioIssue[] = [],
  ) {
    super(message);
  }
}

const TARGET = /^\s*(mean|p(\d{1,2}(?:\.\d+)?))\s*(<=|<|>=|>)\s*(.+?)\s*$/i;
const AMOUNT = /^\$?\s*(\d+(?:\.\d+)?)\s*([kmb]?)$/i;
const SCALE: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9 };

/** Reads a target such as `p80 <= budget`; `budget` is the scenario's budget. */
export function parseTarget(text: string, budget: number | null): SpendTarget {
  const match = TARGET.exec(text);
  if (match === null) {
    throw new SolveRequestError(
      `cannot read the target \`${text}\`; write e.g. 'p80 <= budget', 'mean < $120k' or ` +
        "'p90 <= 2.5M'.",
    );
  }
  const level = match[2] === undefined ? 'mean' : Number(match[2]) / 100;
  if (level !== 'mean' && !(level > 0 && level < 1)) {
    throw new SolveRequestError(`the percentile in \`${text}\` must lie between p0 and p100.`);
  }
  const amountText = match[4]!;
  let amount: number;
  if (amountText.toLowerCase() === 'budget') {
    if (budget === null)
      throw new SolveRequestError('the target names the budget, but the scenario sets none.');
    amount = budget;
  } else {
    const money = AMOUNT.exec(amountText.replace(/,/g, ''));
    if (money === null)
      throw new SolveRequestError(
        `\`${amountText}\` is not an amount; write e.g. $120k or budget.`,
      );
    amount = Number(money[1]) * SCALE[money[2]!.toLowerCase()]!;
  }
  return { statistic: level, atMost: match[3]!.startsWith('<'), amount, text: text.trim() };
}
