import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleReports } from '../../reports/assembleReports.js';
import { buildCharts } from '../../reports/buildCharts.js';
import { loadEmbedScripts } from '../../reports/loadEmbedScripts.js';
import { makeTemporaryFolder } from '../cli/runCli.js';
import { exampleReportInputs } from '../reports/exampleReportInputs.js';
import {
  BROWSER_REQUIRED,
  CHROMIUM,
  hasChromium,
  launchChromium,
  openReport,
  readCharts,
} from './openReport.js';

/** Screenshots for a person to look at; the folder is ignored by git. */
export const SCREENSHOT_FOLDER = 'test-output/screenshots';

const EXAMPLES = readdirSync('scenarios').filter((name) => name.endsWith('.yaml'));

const available = hasChromium();
if (!available && !BROWSER_REQUIRED) {
  // Visible in the test output, so a local run does not pass silently without the browser.
  console.warn(
    `Skipping the browser test: no Chromium at ${CHROMIUM} (apt-get install chromium, ` +
      'or set PERTASK_CHROMIUM). CI sets PERTASK_REQUIRE_BROWSER=1, where this fails instead.',
  );
}

describe.skipIf(!available && !BROWSER_REQUIRED)('the HTML report in Chromium', () => {
  let browser: Browser;
  const folder = makeTemporaryFolder();
  const scripts = loadEmbedScripts();

  beforeAll(async () => {
    if (!available) throw new Error(`PERTASK_REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM}`);
    browser = await launchChromium();
    mkdirSync(SCREENSHOT_FOLDER, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(EXAMPLES)('opens %s offline and draws every chart', async (example) => {
    const { summary, assumptions, changes } = exampleReportInputs(join('scenarios', example), 1000);
    const files = await assembleReports({
      summary,
      scripts,
      assumptions,
      changes,
      formats: new Set(['html']),
    });
    const file = join(folder, `${summary.scenario.name}.html`);
    writeFileSync(file, files.get('report.html') ?? '');
    const report = await openReport(browser, file);
    try {
      expect(report.consoleErrors).toEqual([]);
      expect(report.requests).toEqual([report.fileUrl]);
      const charts = await readCharts(report.page);
      // Every chart the report embeds (the four of every forecast and the decision charts the
      // example has) is on the page, in the order buildCharts gives them.
      const built = buildCharts(summary);
      expect(charts.map((chart) => chart.id)).toEqual(built.map((chart) => `chart-${chart.name}`));
      expect(charts.length).toBeGreaterThanOrEqual(4);
      for (const chart of charts) {
        expect(chart.failure, chart.id).toBe('');
        expect(chart.marks, chart.id).toBeGreaterThan(0);
        expect(chart.width, chart.id).toBeGreaterThan(300);
        // A paired-differences chart of one pair is one short row of bars, about 140 px.
        expect(chart.height, chart.id).toBeGreaterThan(100);
      }
      const screenshot = join(SCREENSHOT_FOLDER, `${summary.scenario.name}.png`);
      await report.page.screenshot({ path: screenshot, fullPage: true });
      // Printing to PDF is what a reader does to forward it; the PDF signature is "%PDF-".
      const pdf = await report.page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await report.page.close();
    }
  });
});
