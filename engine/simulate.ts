import { TaskColumnCoster } from './costTaskColumns.js';
import { createRandomStream, type RandomStream } from './createRandomStream.js';
import { imanConover } from './correlation/imanConover.js';
import { drawMany } from './distributions/drawMany.js';
import { normalQuantile } from './distributions/normalQuantile.js';
import { gapOf } from './gapOf.js';
import { createPriceColumns, priceColumns, type PriceColumns } from './priceColumns.js';
import {
  allocateResult,
  DASHBOARD,
  DASHBOARD_FIELDS,
  SERIES_SUMS,
  TILE_SHIFT,
  TILE_TRIALS,
  type SimulationResult,
} from './simulationResult.js';
import { fillDerived, type SimulationPlan } from './simulationPlan.js';

/**
 * Trials are drawn in blocks of this size. Each block's random streams are
 * keyed by the seed, the block's index and the input's path, never by who
 * computes the block, so results do not depend on how blocks are scheduled.
 */
export const BLOCK_TRIALS = 1000;

export interface SimulationRequest {
  readonly seed: number;
  readonly trials: number;
  /**
   * Per workload, the coefficient of variation (sd / mean) of one task's cost
   * in the first and the last month, from simulateTasks; it sizes the noise of
   * months with few tasks. None: no such noise.
   */
  readonly taskNoise?: readonly TaskNoise[];
  /** Called after each block with the trials it simulated, for a progress display. */
  readonly onBlockDone?: (trials: number) => void;
  /**
   * Whether per-workload monthly spend is kept trial by trial (exact
   * percentiles) or sketched; by default, kept when it fits (keepsWorkloadSeries).
   */
  readonly exactWorkloadSeries?: boolean | undefined;
}

export interface TaskNoise {
  readonly first: number;
  readonly last: number;
}

/**
 * Months with fewer tasks than this also carry task-to-task noise: the sum of
 * N task costs varies by sqrt(N) * sd(task) about N * mean, which against the
 * mean is 1 / sqrt(N) of a task's own spread: under 3% of it from 1,000 tasks
 * up, and left out there (README, "The model").
 */
export const FEW_TASKS = 1000;

/**
 * exp(sigma z - sigma^2 / 2) with sigma^2 = ln(1 + cv^2 / n): a factor of mean
 * 1 whose coefficient of variation is cv / sqrt(n), the spread of a sum of n
 * task costs against its mean (lognormal moments). 1 for no tasks.
 */
function lognormalFactor(cv: number, n: number, z: number): number {
  if (!(n > 0) || cv === 0) return 1;
  const variance = Math.log1p((cv * cv) / n);
  return Math.exp(Math.sqrt(variance) * z - variance / 2);
}

/**
 * Runs every trial of a plan: draws the trial's uncertain inputs, then for each
 * workload and month the expected cost of one task (from the task-level
 * distributions' moments) times the tasks that month, for the per-task
 * forecast and, on the same draws, for the per-token forecast.
 *
 * Cost: O(trials * (inputs + steps * months)). Memory: O(trials * (months +
 * workloads)) for the totals the summary needs, plus either every workload's
 * monthly spend, O(trials * workloads * months), when it fits in
 * EXACT_SERIES_BYTES, or its sketches, which do not grow with trials.
 */
export function simulate(plan: SimulationPlan, request: SimulationRequest): SimulationResult {
  const result = allocateResult(
    request.trials,
    plan.months,
    plan.workloads.length,
    undefined,
    request.exactWorkloadSeries,
  );
  const blocks = Array.from({ length: blockCount(request.trials) }, (_, block) => block);
  addBlockSums(result, simulateBlocks(plan, request, result, blocks));
  return result;
}

/** Number of blocks of BLOCK_TRIALS trials that a run of `trials` trials has. */
export function blockCount(trials: number): number {
  return Math.ceil(trials / BLOCK_TRIALS);
}

/**
 * Simulates the given blocks of trials into `result`, and returns each block's
 * sums (the dashboard's, then the sketched series'), in the order of `blocks`.
 */
function simulateBlocks(
  plan: SimulationPlan,
  request: SimulationRequest,
  result: SimulationResult,
  blocks: readonly number[],
): Float64Array[] {
  const simulateBlock = createBlockSimulator(plan, request, result);
  return blocks.map(simulateBlock);
}

/**
 * A function that simulates one block of trials into `result` and returns the
 * block's sums (the dashboard's, then the sketched series'). Threads that share
 * a result in shared memory each make one and call it for the blocks they
 * claim, in any order: each block touches only its own trials, and adds to
 * the result's sketches, if any, which a worker hands back. The scratch space
 * is allocated once here, not once a block.
 */
export function createBlockSimulator(
  plan: SimulationPlan,
  request: SimulationRequest,
  result: SimulationResult,
): (block: number) => Float64Array {
  const kernel = new ChunkKernel(plan, result, request.taskNoise ?? []);
  return (block) => {
    const first = block * BLOCK_TRIALS;
    const count = Math.min(BLOCK_TRIALS, request.trials - first);
    const dashboard = new Float64Array(result.dashboardSums.length + result.seriesSums.length);
    kernel.runBlock(request.seed, block, first, count, dashboard);
    request.onBlockDone?.(count);
    return dashboard;
  };
}

/**
 * Adds the blocks' sums into the result in block order, so that the
 * floating-point sums do not depend on how blocks were scheduled.
 */
export function addBlockSums(result: SimulationResult, byBlock: readonly Float64Array[]): void {
  const { dashboardSums, seriesSums } = result;
  const split = dashboardSums.length;
  for (const partial of byBlock) {
    for (let index = 0; index < split; index += 1) dashboardSums[index]! += partial[index]!;
    for (let index = 0; index < seriesSums.length; index += 1) {
      seriesSums[index]! += partial[split + index]!;
    }
  }
}

/** Copies count values; a loop, since a subarray per month and chunk kept the collector busy. */
function copyRow(
  source: Float64Array,
  from: number,
  target: Float64Array,
  to: number,
  count: number,
): void {
  for (let index = 0; index < count; index += 1) target[to + index] = source[from + index]!;
}

/**
 * Trials computed together: every array of the kernel holds this many trials
 * side by side (month m of trial t at `m * CHUNK_TRIALS + t`), so the loops
 * run over trials innermost and a chunk's arrays stay in the core's cache.
 */
const CHUNK_TRIALS = 128;

/** Per-plan scratch space, allocated once so the trial loops allocate nothing. */
class ChunkKernel {
  /** Every slot's values for the chunk's trials, slot s at `s * CHUNK_TRIALS + t`. */
  private readonly columns: Float64Array;
  /** Scratch for inputs drawn every month, which a stream gives trial by trial. */
  private readonly monthDraws: Float64Array;
  private readonly prices: PriceColumns;
  private readonly coster: TaskColumnCoster;
  private readonly tasks: Float64Array;
  private readonly perTokenTasks: Float64Array;
  /** The normal draw of each month with few tasks, for the current workload. */
  private readonly noiseDraws: Float64Array;
  /** Spend of all workloads per month, both forecasts, with and without few-task noise. */
  private readonly monthPerTask: Float64Array;
  private readonly monthPerToken: Float64Array;
  /**
   * Per month, the cost of the first month's mix of tasks: each workload's
   * expected cost of one task that month (per-task forecast, and the first
   * month's task at that month's prices), weighted by its tasks in the first
   * month. The indices divide these by their first month's.
   */
  private readonly basketPerTask: Float64Array;
  private readonly basketPerToken: Float64Array;
  /** Per trial: the current workload's spend over the horizon, and all workloads'. */
  private readonly workloadSpendPerTask: Float64Array;
  private readonly workloadSpendPerToken: Float64Array;
  private readonly spendPerTask: Float64Array;
  private readonly spendPerToken: Float64Array;
  /** Per trial, the product of (1 + growth) up to the current month. */
  private readonly growth: Float64Array;
  /**
   * When series are sketched: every workload's monthly spend in the block,
   * both forecasts, series s of trial t at `s * BLOCK_TRIALS + t`. Sketches are
   * filled from these once a block, a series at a time, so each sketch's
   * counts are fetched into cache once a block rather than once a chunk.
   */
  private readonly blockPerTask: Float64Array;
  private readonly blockPerToken: Float64Array;
  private readonly gapRow: Float64Array;
  private blockDashboard: Float64Array = new Float64Array(0);

  /** The block's draws of correlated inputs, re-paired, by input index. */
  private correlated: ReadonlyMap<number, Float64Array> = new Map();
  /** One trial's values of the slots expressions read and write, by slot. */
  private readonly derivedRow: Float64Array;
  private readonly derivedSlots: readonly number[];

  /** One stream per workload for the noise of months with few tasks, renewed each block. */
  private noiseStreams: readonly RandomStream[] = [];

  constructor(
    private readonly plan: SimulationPlan,
    private readonly result: SimulationResult,
    private readonly taskNoise: readonly TaskNoise[],
  ) {
    const cells = plan.months * CHUNK_TRIALS;
    const column = (): Float64Array => new Float64Array(cells);
    const trials = (): Float64Array => new Float64Array(CHUNK_TRIALS);
    this.columns = new Float64Array(plan.slotCount * CHUNK_TRIALS);
    plan.fixedSlots.forEach((value, slot) =>
      this.columns.fill(value, slot * CHUNK_TRIALS, (slot + 1) * CHUNK_TRIALS),
    );
    this.monthDraws = new Float64Array(CHUNK_TRIALS * plan.months);
    this.prices = createPriceColumns(plan, CHUNK_TRIALS);
    this.coster = new TaskColumnCoster(plan, this.columns, this.prices);
    this.tasks = column();
    this.perTokenTasks = column();
    this.noiseDraws = column();
    this.monthPerTask = column();
    this.monthPerToken = column();
    this.basketPerTask = column();
    this.basketPerToken = column();
    this.workloadSpendPerTask = trials();
    this.workloadSpendPerToken = trials();
    this.spendPerTask = trials();
    this.spendPerToken = trials();
    this.growth = trials();
    const blockCells =
      result.workloadSketches === null ? 0 : plan.workloads.length * plan.months * BLOCK_TRIALS;
    this.blockPerTask = new Float64Array(blockCells);
    this.blockPerToken = new Float64Array(blockCells);
    this.gapRow = new Float64Array(BLOCK_TRIALS);
    this.derivedRow = new Float64Array(plan.slotCount);
    const read = plan.derived.flatMap((entry) => [...entry.inputSlots, entry.slot]);
    this.derivedSlots = [...new Set(read)];
  }

  runBlock(
    seed: number,
    block: number,
    firstTrial: number,
    count: number,
    dashboard: Float64Array,
  ): void {
    this.blockDashboard = dashboard;
    this.noiseStreams = this.plan.workloads.map((workload) =>
      createRandomStream(seed, 'block', block, 'task-noise', workload.name),
    );
    const streams = this.plan.inputs.map((input) =>
      createRandomStream(seed, 'block', block, input.path),
    );
    this.correlated = drawCorrelated(this.plan, streams, count, seed, block);
    for (let chunk = 0; chunk < count; chunk += CHUNK_TRIALS) {
      const chunkCount = Math.min(CHUNK_TRIALS, count - chunk);
      this.drawChunk(streams, chunkCount, chunk);
      priceColumns(this.plan, this.columns, chunkCount, this.prices);
      this.runChunk(firstTrial + chunk, chunkCount, chunk);
    }
    if (this.result.workloadSketches !== null) this.sketchBlock(count);
  }

  /**
   * Draws the chunk's trials of every input into its column. Each input draws
   * from its own stream in trial order, so how trials are chunked changes
   * nothing.
   */
  private drawChunk(streams: readonly RandomStream[], count: number, chunkStart: number): void {
    const { columns, monthDraws } = this;
    this.plan.inputs.forEach((input, index) => {
      const base = input.slot * CHUNK_TRIALS;
      const correlated = this.correlated.get(index);
      if (correlated !== undefined) {
        columns.set(correlated.subarray(chunkStart, chunkStart + count), base);
        return;
      }
      if (input.count === 1) {
        drawMany(input.dist, streams[index]!, columns, base, count);
        return;
      }
      drawMany(input.dist, streams[index]!, monthDraws, 0, count * input.count);
      for (let month = 0; month < input.count; month += 1) {
        const row = base + month * CHUNK_TRIALS;
        for (let t = 0; t < count; t += 1) columns[row + t] = monthDraws[t * input.count + month]!;
      }
    });
    if (this.plan.derived.length > 0) this.fillDerivedColumns(count);
  }

  /**
   * Expressions over uncertain params, trial by trial: the slots they read
   * are gathered into a row, evaluated in plan order, and written back.
   */
  private fillDerivedColumns(count: number): void {
    const { columns, derivedRow, derivedSlots } = this;
    const derived = this.plan.derived;
    for (let t = 0; t < count; t += 1) {
      for (const slot of derivedSlots) derivedRow[slot] = columns[slot * CHUNK_TRIALS + t]!;
      fillDerived(derived, derivedRow, 0);
      for (const entry of derived) {
        columns[entry.slot * CHUNK_TRIALS + t] = derivedRow[entry.slot]!;
      }
    }
  }

  private runChunk(firstTrial: number, count: number, offsetInBlock: number): void {
    const { plan, result } = this;
    for (const array of [this.monthPerTask, this.monthPerToken]) array.fill(0);
    for (const array of [this.basketPerTask, this.basketPerToken]) array.fill(0);
    this.spendPerTask.fill(0);
    this.spendPerToken.fill(0);
    const trials = result.trials;
    for (let w = 0; w < plan.workloads.length; w += 1) {
      this.projectTasks(w, count);
      this.coster.costOneTask(plan.workloads[w]!, count);
      if (w < this.taskNoise.length) this.drawTaskNoise(w, count);
      this.recordWorkload(w, firstTrial, count, offsetInBlock);
      const { costPerTask } = this.coster;
      const last = (plan.months - 1) * CHUNK_TRIALS;
      for (let t = 0; t < count; t += 1) {
        const at = w * trials + firstTrial + t;
        result.annualWorkloadPerTask[at] = this.workloadSpendPerTask[t]!;
        result.annualWorkloadPerToken[at] = this.workloadSpendPerToken[t]!;
        result.costPerTaskFirst[at] = costPerTask[t]!;
        result.costPerTaskLast[at] = costPerTask[last + t]!;
        this.spendPerTask[t]! += this.workloadSpendPerTask[t]!;
        this.spendPerToken[t]! += this.workloadSpendPerToken[t]!;
      }
    }
    copyRow(this.spendPerTask, 0, result.annualPerTask, firstTrial, count);
    copyRow(this.spendPerToken, 0, result.annualPerToken, firstTrial, count);
    for (let month = 0; month < plan.months; month += 1) {
      const row = month * CHUNK_TRIALS;
      const at = month * trials + firstTrial;
      copyRow(this.monthPerTask, row, result.totalPerTask, at, count);
      copyRow(this.monthPerToken, row, result.totalPerToken, at, count);
    }
    this.recordIndices(firstTrial, count);
  }

  /** Tasks per month: N0 * prod(1 + g) * season, and the per-token forecast's volume. */
  private projectTasks(w: number, count: number): void {
    const workload = this.plan.workloads[w]!;
    const { columns, tasks, perTokenTasks, growth } = this;
    const grow = this.plan.perTokenVolume === 'grow';
    growth.fill(1);
    for (let month = 0; month < this.plan.months; month += 1) {
      const row = month * CHUNK_TRIALS;
      const slot = workload.growthPerMonth ? workload.growthSlot + month : workload.growthSlot;
      const growthBase = slot * CHUNK_TRIALS;
      const season = workload.season[month]!;
      // Tasks drawn every month (`per: month`) read that month's slot.
      const tasksSlot = workload.tasksPerMonth ? workload.tasksSlot + month : workload.tasksSlot;
      const tasksBase = tasksSlot * CHUNK_TRIALS;
      for (let t = 0; t < count; t += 1) {
        if (month > 0) growth[t]! *= 1 + columns[growthBase + t]!;
        tasks[row + t] = columns[tasksBase + t]! * growth[t]! * season;
        perTokenTasks[row + t] = grow ? tasks[row + t]! : tasks[t]!;
      }
    }
  }

  /**
   * The normal draw of every month with few tasks, trial by trial and month by
   * month within a trial: the order in which the workload's stream is read.
   */
  private drawTaskNoise(w: number, count: number): void {
    const { tasks, noiseDraws } = this;
    const stream = this.noiseStreams[w]!;
    for (let t = 0; t < count; t += 1) {
      for (let month = 0; month < this.plan.months; month += 1) {
        const cell = month * CHUNK_TRIALS + t;
        if (tasks[cell]! < FEW_TASKS) noiseDraws[cell] = normalQuantile(stream.next());
      }
    }
  }

  /**
   * Spend of one workload in every month of the chunk's trials, written to the
   * result, with the dashboard's sums, the sketched series' sums and the totals
   * the indices need. One pass over the chunk's cells does it all: separate
   * passes read the same columns again. Every array is held in a local:
   * property loads in this loop cost more than its arithmetic. Sums run over
   * trials in order, chunk after chunk, so they add alike however trials are
   * chunked.
   */
  private recordWorkload(
    w: number,
    firstTrial: number,
    count: number,
    offsetInBlock: number,
  ): void {
    const months = this.plan.months;
    const { tasks, perTokenTasks, noiseDraws } = this;
    const { costPerTask, perTokenCostPerTask } = this.coster;
    const { inputTokens, outputTokens, reasoningTokens } = this.coster;
    const { basketPerTask, basketPerToken } = this;
    const { monthPerTask, monthPerToken } = this;
    const spendPerTask = this.workloadSpendPerTask;
    const spendPerToken = this.workloadSpendPerToken;
    const noise = this.taskNoise[w];
    const { workloadPerTask, workloadPerToken } = this.result;
    const seriesCount = this.plan.workloads.length * months;
    const exact = this.result.workloadSketches === null;
    const { blockPerTask, blockPerToken } = this;
    const sums = this.blockDashboard;
    const seriesSumsBase = this.result.dashboardSums.length;
    spendPerTask.fill(0);
    spendPerToken.fill(0);
    for (let month = 0; month < months; month += 1) {
      const row = month * CHUNK_TRIALS;
      const series = w * months + month;
      // The task's coefficient of variation, between the first and last month's.
      const share = months > 1 ? month / (months - 1) : 0;
      const variation = noise === undefined ? 0 : noise.first + (noise.last - noise.first) * share;
      const base = series * DASHBOARD_FIELDS;
      let taskSum = sums[base + DASHBOARD.tasks]!;
      let tokenSum = sums[base + DASHBOARD.tokens]!;
      let inputSum = sums[base + DASHBOARD.inputPerTask]!;
      let outputSum = sums[base + DASHBOARD.outputPerTask]!;
      let reasoningSum = sums[base + DASHBOARD.reasoningPerTask]!;
      let costSum = sums[base + DASHBOARD.costPerTask]!;
      let perTokenCostSum = sums[base + DASHBOARD.perTokenCostPerTask]!;
      // Sums of the sketched series' values and squares (SERIES_SUMS), unused when kept.
      const at = seriesSumsBase + series * SERIES_SUMS.forecasts * 2;
      let taskSeriesSum = exact ? 0 : sums[at]!;
      let taskSeriesSquares = exact ? 0 : sums[at + 1]!;
      let tokenSeriesSum = exact ? 0 : sums[at + 2]!;
      let tokenSeriesSquares = exact ? 0 : sums[at + 3]!;
      let gapSeriesSum = exact ? 0 : sums[at + 4]!;
      let gapSeriesSquares = exact ? 0 : sums[at + 5]!;
      for (let t = 0; t < count; t += 1) {
        const cell = row + t;
        const taskCount = tasks[cell]!;
        const taskCost = costPerTask[cell]!;
        const tokenCost = perTokenCostPerTask[cell]!;
        let perTask = taskCount * taskCost;
        let perToken = perTokenTasks[cell]! * tokenCost;
        // The first month's tasks weigh this workload in the indices' fixed mix.
        const weight = tasks[t]!;
        basketPerTask[cell]! += weight * taskCost;
        basketPerToken[cell]! += weight * tokenCost;
        if (taskCount < FEW_TASKS && noise !== undefined) {
          // A month of few tasks: its spend is a sum of N task costs, not their
          // expectation: mean N * c, coefficient of variation cv / sqrt(N). It is
          // drawn as a lognormal with that mean and that spread, which stays
          // above 0 and skews right as a sum of a few costs does, without the
          // bias a normal cut at 0 would add to the mean. One normal draw moves
          // both forecasts (common random numbers).
          const z = noiseDraws[cell]!;
          perTask *= lognormalFactor(variation, taskCount, z);
          perToken *= lognormalFactor(noise.first, perTokenTasks[cell]!, z);
        }
        if (exact) {
          const trial = firstTrial + t;
          const stored = ((trial >>> TILE_SHIFT) * seriesCount + series) * TILE_TRIALS;
          workloadPerTask[stored + (trial & (TILE_TRIALS - 1))] = perTask;
          workloadPerToken[stored + (trial & (TILE_TRIALS - 1))] = perToken;
        } else {
          const kept = series * BLOCK_TRIALS + offsetInBlock + t;
          blockPerTask[kept] = perTask;
          blockPerToken[kept] = perToken;
          // Cleared of float noise as the kept series are (gapOf), so both paths agree.
          const gap = gapOf(perTask, perToken);
          taskSeriesSum += perTask;
          taskSeriesSquares += perTask * perTask;
          tokenSeriesSum += perToken;
          tokenSeriesSquares += perToken * perToken;
          gapSeriesSum += gap;
          gapSeriesSquares += gap * gap;
        }
        monthPerTask[cell]! += perTask;
        monthPerToken[cell]! += perToken;
        spendPerTask[t]! += perTask;
        spendPerToken[t]! += perToken;
        const input = inputTokens[cell]!;
        const output = outputTokens[cell]!;
        const reasoning = reasoningTokens[cell]!;
        taskSum += taskCount;
        tokenSum += taskCount * (input + output + reasoning);
        inputSum += input;
        outputSum += output;
        reasoningSum += reasoning;
        costSum += taskCost;
        perTokenCostSum += tokenCost;
      }
      sums[base + DASHBOARD.tasks] = taskSum;
      sums[base + DASHBOARD.tokens] = tokenSum;
      sums[base + DASHBOARD.inputPerTask] = inputSum;
      sums[base + DASHBOARD.outputPerTask] = outputSum;
      sums[base + DASHBOARD.reasoningPerTask] = reasoningSum;
      sums[base + DASHBOARD.costPerTask] = costSum;
      sums[base + DASHBOARD.perTokenCostPerTask] = perTokenCostSum;
      if (exact) continue;
      sums[at] = taskSeriesSum;
      sums[at + 1] = taskSeriesSquares;
      sums[at + 2] = tokenSeriesSum;
      sums[at + 3] = tokenSeriesSquares;
      sums[at + 4] = gapSeriesSum;
      sums[at + 5] = gapSeriesSquares;
    }
  }

  /** Adds the block's per-workload monthly spend to the sketches, trial after trial. */
  private sketchBlock(count: number): void {
    const sketches = this.result.workloadSketches!;
    const { blockPerTask, blockPerToken, gapRow } = this;
    const seriesCount = this.plan.workloads.length * this.plan.months;
    for (let series = 0; series < seriesCount; series += 1) {
      const row = series * BLOCK_TRIALS;
      for (let t = 0; t < count; t += 1)
        gapRow[t] = gapOf(blockPerTask[row + t]!, blockPerToken[row + t]!);
      sketches.perTask[series]!.addMany(blockPerTask, row, count);
      sketches.perToken[series]!.addMany(blockPerToken, row, count);
      sketches.gap[series]!.addMany(gapRow, 0, count);
    }
  }

  /**
   * The headline indices, relative to month 0, over a fixed mix of tasks: each
   * workload weighs in with its tasks in the first month, as a price index
   * keeps its basket (Laspeyres). Cost per task is the per-task forecast's
   * cost of that mix; cost per token is the same mix's first-month tasks at
   * each month's prices, what the vendors' price curve does to the first
   * month's tokens. With weights that followed each month's tasks, a shift
   * toward a costlier workload would read as cost per task rising while every
   * workload's own cost falls. Both from expected costs, before any few-task
   * noise: the indices describe prices and tasks, not how a handful of tasks
   * happened to fall. A trial with no task or no cost in the first month has
   * no base, and its ratios are not numbers (summarizeIndex leaves it out).
   */
  private recordIndices(firstTrial: number, count: number): void {
    const result = this.result;
    const trials = result.trials;
    const { basketPerTask, basketPerToken } = this;
    for (let month = 0; month < this.plan.months; month += 1) {
      const row = month * CHUNK_TRIALS;
      for (let t = 0; t < count; t += 1) {
        const series = month * trials + firstTrial + t;
        result.costPerTokenIndex[series] = basketPerToken[row + t]! / basketPerToken[t]!;
        result.costPerTaskIndex[series] = basketPerTask[row + t]! / basketPerTask[t]!;
      }
    }
  }
}

/**
 * Draws a whole block of every correlated input from its own stream (the same
 * draws it would have alone) and re-pairs them across the block's trials to
 * the target rank correlation (Iman-Conover), shuffling from a stream of the
 * block's own.
 */
function drawCorrelated(
  plan: SimulationPlan,
  streams: readonly RandomStream[],
  count: number,
  seed: number,
  block: number,
): ReadonlyMap<number, Float64Array> {
  const correlation = plan.correlation;
  if (correlation === null) return new Map();
  const columns = correlation.inputIndices.map((index) => {
    const column = new Float64Array(count);
    drawMany(plan.inputs[index]!.dist, streams[index]!, column, 0, count);
    return column;
  });
  imanConover(
    columns,
    correlation.cholesky,
    createRandomStream(seed, 'block', block, 'correlation'),
  );
  return new Map(correlation.inputIndices.map((index, j) => [index, columns[j]!]));
}
