import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it.each(['Quick start', 'Commands', 'Outputs', 'Scenario reference', 'Known limitations'])(
    'keeps its section "%s"',
    (section) => {
      expect(readme).toContain(`\n## ${section}\n`);
    },
  );

  it('shows the two commands of the quick start', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
