import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../../cli/progressBar.js';
import { paint, paintIssue, useColour } from '../../cli/useColour.js';

function fakeStream() {
  const written: string[] = [];
  return { written, stream: { write: (text: string) => written.push(text), isTTY: true } };
}

describe('createProgressBar', () => {
  it('stays silent for the first second, then draws the share done in place', () => {
    let time = 0;
    const { written, stream } = fakeStream();
    const bar = createProgressBar({
      stream,
      label: 'a.yaml',
      enabled: true,
      colour: false,
      now: () => time,
    });
    time = 500;
    bar.update(1000, 4000);
    expect(written).toEqual([]);
    time = 1200;
    bar.update(3000, 4000);
    expect(written).toHaveLength(1);
    // 3,000 of 4,000 is 75%: 22.5 of 30 cells, rounded to 23.
    expect(written[0]).toBe(
      `\ra.yaml ${'█'.repeat(23)}${'░'.repeat(7)} 75% 3,000/4,000 trials\u001b[K`,
    );
    bar.finish();
    expect(written[1]).toBe('\r\u001b[K');
  });

  it('redraws at most every 100 ms', () => {
    let time = 2000;
    const { written, stream } = fakeStream();
    const bar = createProgressBar({
      stream,
      label: 'a',
      enabled: true,
      colour: false,
      now: () => time,
      delayMs: 0,
    });
    bar.update(1, 10);
    time += 50;
    bar.update(2, 10);
    time += 60;
    bar.update(3, 10);
    expect(written).toHaveLength(2);
  });

  it('draws nothing and erases nothing when disabled', () => {
    const { written, stream } = fakeStream();
    const bar = createProgressBar({ stream, label: 'a', enabled: false, colour: true, delayMs: 0 });
    bar.update(5, 10);
    bar.finish();
    expect(written).toEqual([]);
  });
});

describe('useColour', () => {
  const tty = { write: () => true, isTTY: true };
  const pipe = { write: () => true };

  it('colours a terminal and nothing else', () => {
    expect(useColour(tty, {})).toBe(true);
    expect(useColour(pipe, {})).toBe(false);
  });

  it('turns colour off under NO_COLOR of any non-empty value, and for a dumb terminal', () => {
    expect(useColour(tty, { NO_COLOR: '1' })).toBe(false);
    expect(useColour(tty, { NO_COLOR: '' })).toBe(true);
    expect(useColour(tty, { TERM: 'dumb' })).toBe(false);
  });

  it('paints only when enabled', () => {
    expect(paint('x', 'red', false)).toBe('x');
    expect(paint('x', 'red', true)).toBe('\u001b[31mx\u001b[0m');
  });

  it('colours the severity of an issue line and leaves the rest as it was', () => {
    const issue = 'a.yaml:3:5: error [unknown-key] workloads.x\n  Unknown key.';
    expect(paintIssue(issue, false)).toBe(issue);
    expect(paintIssue(issue, true)).toBe(
      'a.yaml:3:5: \u001b[31merror [unknown-key]\u001b[0m workloads.x\n  Unknown key.',
    );
  });
});
