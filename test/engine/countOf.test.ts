import { describe, expect, it } from 'vitest';
import { countOf } from '../../engine/countOf.js';

describe('countOf', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(countOf(1, 'file')).toBe('1 file');
    expect(countOf(0, 'file')).toBe('0 files');
    expect(countOf(2, 'duplicate request')).toBe('2 duplicate requests');
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
    expect(countOf(3, 'entry', 'entries')).toBe('3 entries');
  });

  it('separates thousands', () => {
    expect(countOf(12_000, 'record')).toBe('12,000 records');
  });
});
