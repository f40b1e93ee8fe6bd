import { describe, expect, it } from 'vitest';
import { buildMethodNote } from '../../../reports/html/buildMethodNote.js';
import { summaryFixture } from '../summaryFixture.js';

describe('the method note', () => {
  it('says nothing of sketches for a run whose series were kept exactly', () => {
    expect(buildMethodNote(summaryFixture)).not.toContain('sketch');
  });

  it('states the error bound when workload months were sketched', () => {
    const note = buildMethodNote({
      ...summaryFixture,
      workloadMonthlySketch: { relativeError: 2 ** -7, absoluteError: 2 ** -7 },
    });
    // 2^-7 = 0.0078125, printed as a percentage with one decimal.
    expect(note).toContain('quantile sketches, each within 0.8% of the exact value');
  });
});
