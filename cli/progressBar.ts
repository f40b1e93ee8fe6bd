import type { TextSink } from './cliIo.js';
import { paint } from './useColour.js';

export interface ProgressBarOptions {
  readonly stream: TextSink;
  /** What is being done, e.g. the scenario's file name. */
  readonly label: string;
  /** Draw only when true: stderr is a terminal, and neither --quiet nor --json is set. */
  readonly enabled: boolean;
  readonly colour: boolean;
  /** Milliseconds since some fixed origin; performance.now by default, a fake in tests. */
  readonly now?: () => number;
  /** A run that finishes sooner than this never shows a bar. */
  readonly delayMs?: number;
}

export interface ProgressBar {
  update(done: number, total: number): void;
  /** Erases the bar, if it was drawn, so the next line starts clean. */
  finish(): void;
}

const WIDTH = 30;
/** Redraws at most this often: a terminal cannot show faster changes, and each costs a write. */
const REDRAW_MS = 100;

/**
 * A one-line progress bar on stderr, redrawn in place with a carriage return.
 * It appears only after `delayMs` (one second by default), so short runs print
 * nothing, and only when enabled; the caller decides that from the stream.
 */
export function createProgressBar(options: ProgressBarOptions): ProgressBar {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const delay = options.delayMs ?? 1000;
  let drawn = false;
  let lastDraw = -Infinity;
  return {
    update(done, total) {
      if (!options.enabled || total <= 0) return;
      const time = now();
      if (time - started < delay || time - lastDraw < REDRAW_MS) return;
      lastDraw = time;
      drawn = true;
      options.stream.write(`\r${lineOf(options, done, total)}\u001b[K`);
    },
    finish() {
      if (drawn) options.stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}

function lineOf(options: ProgressBarOptions, done: number, total: number): string {
  const share = Math.min(1, done / total);
  const filled = Math.round(share * WIDTH);
  const bar = paint('█'.repeat(filled), 'green', options.colour) + '░'.repeat(WIDTH - filled);
  const count = `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} trials`;
  return `${options.label} ${bar} ${Math.floor(share * 100)}% ${count}`;
}
