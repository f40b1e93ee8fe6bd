import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCli } from '../../cli/makeCli.js';
import { makeTemporaryFolder, waitFor } from '../cli/runCli.js';
import { BROWSER_REQUIRED, hasChromium, launchChromium } from './openReport.js';

// Skipped without Chromium for the reason report.test.ts prints; CI requires it.
describe.skipIf(!hasChromium() && !BROWSER_REQUIRED)('a watched report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reloads itself after a save, and shows a broken save in a banner', async () => {
    const folder = makeTemporaryFolder();
    const file = join(folder, 'mine.yaml');
    const original = readFileSync('scenarios/code-review.yaml', 'utf8');
    writeFileSync(file, original);
    let stderr = '';
    const controller = new AbortController();
    const io = {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      cwd: folder,
      env: {},
      stopSignal: controller.signal,
    };
    const args = ['run', 'mine.yaml', '--watch', '--trials', '300', '--format', 'html', '-q'];
    const running = makeCli(args, io).run();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await waitFor('the address', () => /Serving reports on http/.test(stderr));
      const url = /(http:\/\/127\.0\.0\.1:\d+\/code-review\/report\.html)/.exec(stderr)?.[1] ?? '';
      await page.goto(url);
      await page.waitForSelector('#chart-index svg');
      expect(await page.textContent('.method')).toContain('(seed 20270103)');
      // The event stream must be open before the save, or the reload would be missed.
      await page.waitForSelector('html[data-live="open"]', { state: 'attached' });

      const reloaded = page.waitForEvent('load', { timeout: 30_000 });
      writeFileSync(file, original.replace(/^seed: .*$/m, 'seed: 7'));
      await reloaded;
      await page.waitForSelector('#chart-index svg');
      expect(await page.textContent('.method')).toContain('(seed 7)');

      writeFileSync(file, original.replace(/^seed: .*$/m, 'seeed: 7'));
      const banner = await page.waitForSelector('#pertask-problem', { timeout: 30_000 });
      expect(await banner.textContent()).toContain('unknown-key');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      controller.abort();
    }
    expect(await running).toBe(0);
  }, 90_000);
});
