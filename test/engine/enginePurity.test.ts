import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every TypeScript file under a folder, recursively. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

// The engine takes its inputs as arguments and returns its results: these are
// the ways a file could reach the outside world, a clock or a hidden seed.
const FORBIDDEN = [
  {
    pattern: /from ['"](node:)?(fs|fs\/promises|path|os|child_process|worker_threads)['"]/,
    what: 'a Node I/O module',
  },
  { pattern: /\bprocess\./, what: 'process' },
  { pattern: /\bconsole\./, what: 'the console' },
  { pattern: /Math\.random/, what: 'Math.random' },
  { pattern: /Date\.now|new Date\(/, what: 'the clock' },
];

describe('the engine', () => {
  const files = sourceFiles('engine');

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('keeps %s free of I/O, clocks and hidden randomness', (file) => {
    const text = readFileSync(file, 'utf8');
    for (const { pattern, what } of FORBIDDEN) {
      expect(pattern.test(text), `${file} uses ${what}`).toBe(false);
    }
  });
});
