import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { CliError, EXIT, type CliIo } from './cliIo.js';
import { countOf } from '../engine/countOf.js';
import { startReportServer } from './reportServer.js';
import { runCommand, validateFiles, type RunOptions } from './runCommand.js';
import { watchedFilesOf } from './watchedFilesOf.js';

export interface WatchOptions extends RunOptions {
  /** Port on 127.0.0.1; 0 for any free port. */
  readonly port: number;
}

/** Saves come in bursts (write, rename, touch): one re-run per burst, this long after its last. */
const SETTLE_MS = 150;

/**
 * `pertask run --watch`: runs once, serves the reports on 127.0.0.1 and runs
 * again whenever a scenario file, or a file one extends, includes or reads, is
 * saved; open report pages reload after each successful run. A scenario with
 * errors prints them (and shows them on the open pages) and the last good
 * reports stay. Any saved file runs every scenario again, not only the one
 * that changed. The set of files is read again after each run, since a save
 * may add or drop an `extends:`. Resolves with exit code 0
 * when `stop` aborts (Ctrl-C).
 */
export async function watchCommand(
  options: WatchOptions,
  io: CliIo,
  stop: AbortSignal,
): Promise<number> {
  const folder = resolve(io.cwd, options.out);
  await runReportingErrors(options, io);
  const server = await startReportServer(folder, options.port);
  // With a broken scenario at the start, the pages' addresses are printed once it is fixed.
  let watched = watchedFilesOf(options.scenarios, io.cwd);
  let announced = await printAddresses(server.address, options, watched.length, io);
  let pending: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const onChange = () => {
    clearTimeout(pending);
    pending = setTimeout(rerun, SETTLE_MS);
  };
  let watchers = watchFiles(watched, onChange);
  const rewatch = () => {
    const now = watchedFilesOf(options.scenarios, io.cwd);
    if (now.join('\n') === watched.join('\n')) return;
    for (const watcher of watchers) watcher.close();
    watched = now;
    watchers = watchFiles(watched, onChange);
    if (!options.quiet) io.stderr.write(`Now watching ${countOf(watched.length, 'file')}.\n`);
  };
  const rerun = () => {
    running = running.then(async () => {
      if (!options.quiet) io.stderr.write('Scenario saved; forecasting again.\n');
      const { code, problems } = await runCapturingProblems(options, io);
      rewatch();
      if (code === EXIT.ok) {
        server.reload();
        if (!announced) {
          announced = await printAddresses(server.address, options, watched.length, io);
        }
      } else server.problem(problems || 'The run failed; see the terminal.');
    });
  };
  await new Promise<void>((done) => {
    if (stop.aborted) done();
    else stop.addEventListener('abort', () => done(), { once: true });
  });
  clearTimeout(pending);
  await running;
  for (const watcher of watchers) watcher.close();
  await server.close();
  io.stderr.write('Stopped watching.\n');
  return EXIT.ok;
}

/**
 * Watches each file's folder rather than the file: an editor that saves by
 * writing a new file and renaming it over the old one would leave a watcher
 * on the file itself watching nothing. A folder that does not exist (a base
 * named in a folder not made yet) is skipped until a run finds it.
 */
function watchFiles(files: readonly string[], onChange: () => void): FSWatcher[] {
  const byFolder = new Map<string, Set<string>>();
  for (const file of files) {
    const names = byFolder.get(dirname(file)) ?? new Set<string>();
    names.add(basename(file));
    byFolder.set(dirname(file), names);
  }
  return [...byFolder]
    .filter(([folder]) => existsSync(folder))
    .map(([folder, names]) =>
      watch(folder, (_event, name) => {
        if (name !== null && names.has(String(name))) onChange();
      }),
    );
}

/** One run whose usage errors are printed rather than thrown, so watching goes on. */
async function runReportingErrors(options: RunOptions, io: CliIo): Promise<number> {
  try {
    return await runCommand(options, io);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr.write(`pertask: ${error.message}\n`);
    return error.exitCode;
  }
}

/** A run whose stderr is also kept, to show its problems on the open pages. */
async function runCapturingProblems(options: RunOptions, io: CliIo) {
  let problems = '';
  const stderr = {
    write: (text: string) => {
      problems += text;
      return io.stderr.write(text);
    },
    isTTY: io.stderr.isTTY,
  };
  const code = await runReportingErrors(options, { ...io, stderr });
  return { code, problems: problems.replace(/\u001b\[[0-9;]*m/g, '') };
}

/** Prints where the reports are served; true when it could name every page. */
async function printAddresses(
  address: string,
  options: RunOptions,
  fileCount: number,
  io: CliIo,
): Promise<boolean> {
  const quiet = { ...io, stderr: { write: () => true } };
  const valid = await validateFiles(options.scenarios, quiet).catch(() => undefined);
  const names = valid?.map((scenario) => scenario.scenario.name) ?? [];
  const pages = names.map((name) => `${address}/${encodeURIComponent(name)}/report.html`);
  const list = pages.length > 0 ? pages.join('\n  ') : `${address}/<scenario>/report.html`;
  io.stderr.write(
    `Serving reports on ${address} (open pages reload after each run):\n  ${list}\n` +
      `Watching ${countOf(fileCount, 'file')} (scenario files and the files they extend, ` +
      'include or read); Ctrl-C stops.\n',
  );
  return pages.length > 0;
}
