import { totalmem } from 'node:os';
import { estimateRunMemory, mostTrialsWithin, type RunShape } from '../engine/estimateRunMemory.js';
import { MAX_TRIALS } from '../engine/validate/validateScenario.js';
import { CliError, EXIT, type CliIo } from './cliIo.js';

/**
 * Share of the machine's memory a run may be estimated to need. The rest is
 * for the system and other programs, and for the estimate's own error.
 */
export const SAFE_MEMORY_SHARE = 0.75;

const GIB = 1024 ** 3;

/**
 * Refuses, exit 2 and before any simulation, a run whose estimated memory
 * (estimateRunMemory) exceeds SAFE_MEMORY_SHARE of the machine's: such a run
 * would fill memory for minutes and be killed without writing anything.
 * `flag` is the option that sets the trials (--trials, or --max-trials for
 * --precision), named in the way out the message offers.
 */
export function checkRunMemory(file: string, shape: RunShape, io: CliIo, flag = '--trials'): void {
  const total = io.totalMemoryBytes ?? totalmem();
  const allowed = total * SAFE_MEMORY_SHARE;
  const needed = estimateRunMemory(shape);
  if (needed <= allowed) return;
  const most = mostTrialsWithin(allowed, shape, Math.min(shape.trials, MAX_TRIALS));
  const wayOut =
    most > 0
      ? `use at most ${most.toLocaleString('en-US')} trials (${flag} ${most})`
      : 'no number of trials fits; run it on a machine with more memory';
  throw new CliError(
    `${file}: ${shape.trials.toLocaleString('en-US')} trials would need about ` +
      `${gibOf(needed)} GiB, more than this machine's ${gibOf(total)} GiB allows ` +
      `(a run may take ${SAFE_MEMORY_SHARE * 100}% of it, ${gibOf(allowed)} GiB); ${wayOut}.`,
    EXIT.usage,
  );
}

/** GiB with one decimal below 10 (0.4, 2.5) and none above (37). */
function gibOf(bytes: number): string {
  const gib = bytes / GIB;
  return gib < 10 ? gib.toFixed(1) : Math.round(gib).toString();
}
