import { describe, expect, it } from 'vitest';
import { read } from 'vega';
import type { Summary } from '../../engine/summaryTypes.js';
import {
  MONTHLY_CSV_HEADER,
  buildMonthlyCsv,
  quoteCsvField,
} from '../../reports/buildMonthlyCsv.js';
import { summaryFixture } from './summaryFixture.js';

/** Parsed by Vega's loader (d3-dsv), an RFC 4180 reader independent of the writer. */
function parseCsv(text: string): Record<string, string>[] {
  return read(text, { type: 'csv', parse: {} }) as Record<string, string>[];
}

describe('buildMonthlyCsv', () => {
  it('writes one row per month, scope and forecast after the header', () => {
    const lines = buildMonthlyCsv(summaryFixture).split('\r\n');
    // 12 months * (total + 2 workloads) * (per-task, per-token, gap) = 108, plus the header,
    // plus the empty string after the last CRLF.
    expect(lines).toHaveLength(1 + 108 + 1);
    expect(lines[0]).toBe('month,scope,forecast,mean,p5,p10,p25,p50,p75,p90,p95');
    expect(lines.at(-1)).toBe('');
  });

  it('reads back to the Summary numbers exactly', () => {
    const rows = parseCsv(buildMonthlyCsv(summaryFixture));
    expect(Object.keys(rows[0] ?? {})).toEqual([...MONTHLY_CSV_HEADER]);
    const find = (month: string, scope: string, forecast: string) =>
      rows.find((r) => r.month === month && r.scope === scope && r.forecast === forecast);
    const total = summaryFixture.total.monthly[11];
    const review = summaryFixture.workloads[1]?.monthly[3];
    expect(Number(find('2027-12', 'total', 'per-task')?.p90)).toBe(total?.perTask.p90);
    expect(Number(find('2027-12', 'total', 'gap')?.mean)).toBe(total?.gap.mean);
    expect(Number(find('2027-04', 'code-review', 'per-token')?.p5)).toBe(review?.perToken.p5);
    expect(Number(find('2027-01', 'support-agent', 'gap')?.p50)).toBe(0);
  });

  it('quotes a workload name holding a comma, a quote or a line break', () => {
    const name = 'triage, "hard"\ncases';
    const [first, ...others] = summaryFixture.workloads;
    if (first === undefined) throw new Error('the fixture has workloads');
    const summary: Summary = { ...summaryFixture, workloads: [{ ...first, name }, ...others] };
    const text = buildMonthlyCsv(summary);
    expect(text).toContain('"triage, ""hard""\ncases"');
    const scopes = new Set(parseCsv(text).map((row) => row.scope));
    expect(scopes).toEqual(new Set(['total', name, 'code-review']));
  });

  it('leaves plain fields unquoted', () => {
    expect(quoteCsvField('support-agent')).toBe('support-agent');
    expect(quoteCsvField('a"b')).toBe('"a""b"');
  });

  it('refuses to write a NaN', () => {
    const [first, ...rest] = summaryFixture.total.monthly;
    if (first === undefined) throw new Error('the fixture has months');
    const broken = { ...first, gap: { ...first.gap, p50: Number.NaN } };
    const summary: Summary = {
      ...summaryFixture,
      total: { ...summaryFixture.total, monthly: [broken, ...rest] },
    };
    expect(() => buildMonthlyCsv(summary)).toThrow(/NaN as p50/);
  });
});
