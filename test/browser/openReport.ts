/**
 * Opens a report in Debian's Chromium through playwright-core (whose own
 * browser download is not used), and records what a reader's browser would
 * see: console errors, uncaught errors, every request, and each chart's marks.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.PERTASK_CHROMIUM ?? '/usr/bin/chromium';

/** True when the browser test must run (CI sets it); otherwise it may skip without Chromium. */
export const BROWSER_REQUIRED = process.env.PERTASK_REQUIRE_BROWSER === '1';

export const hasChromium = (): boolean => existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium refuses its sandbox.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/*
 * The two scripts below run in the page. They are written as text because the
 * project compiles without the DOM's types, which would otherwise leak into
 * the engine's and the CLI's.
 */
const EVERY_CHART_SETTLED = `[...document.querySelectorAll('figure.chart > div')].every(
  (div) => div.querySelector('svg') !== null || div.textContent !== '')`;

const MARK_SELECTOR = [
  '.mark-area path',
  '.mark-line path',
  '.mark-rect path',
  '.mark-rule line',
  '.mark-symbol path',
].join(', ');

const READ_CHARTS = `[...document.querySelectorAll('figure.chart > div')].map((div) => {
  const svg = div.querySelector('svg');
  const box = svg === null ? null : svg.getBoundingClientRect();
  return {
    id: div.id,
    marks: svg === null ? 0 : svg.querySelectorAll('${MARK_SELECTOR}').length,
    width: box === null ? 0 : box.width,
    height: box === null ? 0 : box.height,
    failure: svg === null ? div.textContent : '',
  };
})`;

export interface OpenedReport {
  readonly page: Page;
  readonly consoleErrors: string[];
  /** Every URL the page asked for, the report file itself included. */
  readonly requests: string[];
  readonly fileUrl: string;
}

/** Loads the file and waits until every chart container holds a drawing or a failure note. */
export async function openReport(browser: Browser, file: string): Promise<OpenedReport> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  const fileUrl = pathToFileURL(file).href;
  await page.goto(fileUrl, { waitUntil: 'load' });
  await page.waitForFunction(EVERY_CHART_SETTLED, undefined, { timeout: 20_000 });
  return { page, consoleErrors, requests, fileUrl };
}

export interface DrawnChart {
  readonly id: string;
  /** Marks drawn: paths, lines, rects and texts inside the chart's SVG. */
  readonly marks: number;
  readonly width: number;
  readonly height: number;
  /** Text of the chart container when drawing failed. */
  readonly failure: string;
}

/** What each chart container holds after vega-embed ran. */
export function readCharts(page: Page): Promise<DrawnChart[]> {
  return page.evaluate(READ_CHARTS) as Promise<DrawnChart[]>;
}
