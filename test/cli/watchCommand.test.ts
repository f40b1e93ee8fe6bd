import { get, type IncomingMessage } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCli } from '../../cli/makeCli.js';
import { makeLive } from '../../cli/reportServer.js';
import { makeTemporaryFolder, waitFor } from './runCli.js';

function fetchText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('pertask run --watch', () => {
  it('serves the report, reloads after a save, shows errors without exiting, stops', async () => {
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
    let events = '';
    let stream: IncomingMessage | undefined;
    try {
      await waitFor('the address', () => /Serving reports on http/.test(stderr));
      const address = /(http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1] ?? '';
      expect(stderr).toContain(`${address}/code-review/report.html`);
      // One file named on the command line, extending none: the count is singular.
      expect(stderr).toContain('Watching 1 file (scenario files and the files they extend,');

      const page = await fetchText(`${address}/code-review/report.html`);
      expect(page.status).toBe(200);
      expect(page.body).toContain("new EventSource('/events')");
      expect(page.body).toContain("connect-src 'self'");
      expect((await fetchText(`${address}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);

      stream = await new Promise<IncomingMessage>((resolve) => get(`${address}/events`, resolve));
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (events += chunk));
      await waitFor('the event stream', () => events.includes(': connected'));

      writeFileSync(file, original.replace(/^seed: .*$/m, 'seed: 7'));
      await waitFor('a reload event', () => events.includes('event: reload'));
      const rerun = readFileSync(join(folder, 'out/code-review/report.html'), 'utf8');
      expect(rerun).toContain('(seed 7)');

      writeFileSync(file, original.replace(/^seed: .*$/m, 'seeed: 7'));
      await waitFor('a problem event', () => events.includes('event: problem'));
      expect(events).toContain('unknown-key');
      expect(stderr).toContain('mine.yaml:');
      // The last good report is still served.
      expect((await fetchText(`${address}/code-review/report.html`)).status).toBe(200);
    } finally {
      controller.abort();
      stream?.destroy();
    }
    expect(await running).toBe(0);
    expect(stderr).toContain('Stopped watching.');
  }, 90_000);
});

describe('pertask run --watch over composed files', () => {
  it('runs again when an extended file is saved, and follows a dropped extends', async () => {
    const folder = makeTemporaryFolder();
    mkdirSync(join(folder, 'lib'));
    const base = readFileSync('scenarios/code-review.yaml', 'utf8');
    writeFileSync(join(folder, 'lib', 'base.yaml'), base);
    const child = join(folder, 'child.yaml');
    writeFileSync(child, 'extends: lib/base.yaml\n');
    let stderr = '';
    const controller = new AbortController();
    const io = {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      cwd: folder,
      env: {},
      stopSignal: controller.signal,
    };
    const args = ['run', 'child.yaml', '--watch', '--trials', '300', '--format', 'html'];
    const running = makeCli(args, io).run();
    const report = join(folder, 'out/code-review/report.html');
    try {
      await waitFor('the address', () => /Serving reports on http/.test(stderr));
      // child.yaml and lib/base.yaml.
      expect(stderr).toContain('Watching 2 files (scenario files and the files they extend,');
      writeFileSync(join(folder, 'lib', 'base.yaml'), base.replace(/^seed: .*$/m, 'seed: 7'));
      await waitFor('a run with the base saved', () =>
        readFileSync(report, 'utf8').includes('(seed 7)'),
      );
      // The child no longer extends: only itself is watched from the next run on.
      writeFileSync(child, base.replace(/^seed: .*$/m, 'seed: 8'));
      await waitFor('the smaller set', () => stderr.includes('Now watching 1 file.'));
      const before = stderr.split('Scenario saved').length;
      writeFileSync(join(folder, 'lib', 'base.yaml'), base);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(stderr.split('Scenario saved').length).toBe(before);
    } finally {
      controller.abort();
    }
    expect(await running).toBe(0);
  }, 90_000);
});

describe('makeLive', () => {
  it('adds the live script before the last </body>, not inside an inlined library', () => {
    const page =
      '<meta content="default-src \'none\'; script-src x">' +
      '<body><script>const s = "</body>";</script>\n</body></html>';
    const live = makeLive(page);
    expect(live).toContain('<script>const s = "</body>";</script>');
    expect(live.indexOf("new EventSource('/events')")).toBeGreaterThan(live.indexOf('const s'));
    expect(live.endsWith('})();\n</script>\n</body></html>')).toBe(true);
    expect(live).toContain("default-src 'none'; connect-src 'self'; script-src x");
  });
});
