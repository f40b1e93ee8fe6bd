import type { QuantileSketch, SketchCounts } from '../engine/quantileSketch.js';
import type { TaskNoise } from '../engine/simulate.js';
import {
  allocateResult,
  RESULT_ARRAYS,
  type ResultAllocator,
  type SimulationResult,
} from '../engine/simulationResult.js';

/** The shape of a result, enough to rebuild its views on another thread. */
export interface ResultShape {
  readonly trials: number;
  readonly months: number;
  readonly workloadCount: number;
  /** Whether per-workload monthly series are kept trial by trial, or sketched. */
  readonly exact: boolean;
}

/** What a worker thread receives. */
export interface WorkerTask {
  readonly text: string;
  /**
   * The scenario file and the folder it is named from, when it came from one:
   * the worker then loads it as the CLI did, with the files it extends,
   * includes and reads.
   */
  readonly from?: { readonly file: string; readonly cwd: string } | undefined;
  readonly trials: number;
  readonly seed: number;
  readonly shape: ResultShape;
  /** The result's arrays' shared memory, in RESULT_ARRAYS order. */
  readonly buffers: readonly SharedArrayBuffer[];
  /** One 32-bit integer: the next block no thread has claimed yet (see claimBlock). */
  readonly nextBlock: SharedArrayBuffer;
  readonly blocks: number;
}

/**
 * The go-ahead a worker waits for once it has planned the scenario: the spread
 * of single tasks per workload (see SimulationRequest.taskNoise), which the
 * main thread computes while the workers start.
 */
export interface WorkerStart {
  readonly taskNoise: readonly TaskNoise[];
}

/**
 * Claims the next block of trials for the calling thread, or undefined when
 * every block is claimed. Threads claim blocks as they go, so one that started
 * late or runs slower takes fewer; which thread simulates a block changes
 * nothing in its numbers.
 */
export function claimBlock(nextBlock: Int32Array, blocks: number): number | undefined {
  const block = Atomics.add(nextBlock, 0, 1);
  return block < blocks ? block : undefined;
}

/** A result whose arrays live in shared memory, and those buffers in RESULT_ARRAYS order. */
export function allocateSharedResult(shape: ResultShape): {
  result: SimulationResult;
  buffers: SharedArrayBuffer[];
} {
  const memory: ResultAllocator = {
    float64: (length) => new Float64Array(new SharedArrayBuffer(length * 8)),
    float32: (length) => new Float32Array(new SharedArrayBuffer(length * 4)),
  };
  const result = allocateResult(
    shape.trials,
    shape.months,
    shape.workloadCount,
    memory,
    shape.exact,
  );
  const buffers = RESULT_ARRAYS.map((name) => result[name].buffer as SharedArrayBuffer);
  return { result, buffers };
}

/** Views over buffers made by allocateSharedResult, on another thread. */
export function viewSharedResult(
  shape: ResultShape,
  buffers: readonly SharedArrayBuffer[],
): SimulationResult {
  let next = 0;
  const take = (): SharedArrayBuffer => buffers[next++]!;
  // allocateResult asks for the arrays in RESULT_ARRAYS order, so handing out
  // the buffers in that order rebuilds the same views.
  const memory: ResultAllocator = {
    float64: () => new Float64Array(take()),
    float32: () => new Float32Array(take()),
  };
  return allocateResult(shape.trials, shape.months, shape.workloadCount, memory, shape.exact);
}

/**
 * What a worker hands back: the blocks it simulated, their sums in the same
 * order, and its sketches when series are sketched.
 */
export interface WorkerReply {
  readonly blocks: number[];
  readonly partials: Float64Array[];
  readonly sketches: SketchCounts[] | null;
}

/** A result's sketches in one list (per task, per token, gap), to cross threads. */
export function listSketches(result: SimulationResult): QuantileSketch[] | null {
  const sketches = result.workloadSketches;
  return sketches === null ? null : [...sketches.perTask, ...sketches.perToken, ...sketches.gap];
}

/**
 * Adds a worker's sketches into the result's. Counts are whole numbers, so
 * the merged sketches are the same in whatever order the workers finish.
 */
export function mergeSketches(result: SimulationResult, from: readonly SketchCounts[]): void {
  listSketches(result)?.forEach((sketch, index) => sketch.merge(from[index]!));
}
