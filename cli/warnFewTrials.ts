import type { CliIo } from './cliIo.js';
import { countOf } from '../engine/countOf.js';

/**
 * Below this many trials the percentiles rest on too few draws to trust. The
 * warning goes to stderr (stdout carries only the result or the JSON) and is
 * silenced by --quiet; `run` also keeps it in the summary's warnings.
 */
const FEW_TRIALS = 1000;

/**
 * Warns on stderr, as `<file>: warning: ...`, when a run of `trials` is too
 * small to trust (unless `quiet`), and returns the message, undefined when the
 * trials are enough. Shared by `run`, `compare`, `solve` and `backtest`, so they say it alike.
 */
export function warnFewTrials(
  trials: number,
  file: string,
  quiet: boolean,
  io: CliIo,
): string | undefined {
  if (trials >= FEW_TRIALS) return undefined;
  const message =
    `Only ${countOf(trials, 'trial')}: ` +
    'the percentiles and chances rest on too few draws to trust; ' +
    `use ${FEW_TRIALS.toLocaleString('en-US')} or more.`;
  if (!quiet) io.stderr.write(`${file}: warning: ${message}\n`);
  return message;
}
