#!/usr/bin/env node
import { availableParallelism } from 'node:os';
import { makeCli } from './makeCli.js';

// A reader that stops early (`pertask run ... | head`) closes the pipe. That
// is not an error: the summary stops there, and the run goes on to write
// every scenario's reports.
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});
const stdout = {
  write: (text: string): boolean => stdoutClosed || process.stdout.write(text),
  isTTY: process.stdout.isTTY,
};

const cli = makeCli(process.argv.slice(2), {
  stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  defaultThreads: availableParallelism(),
});
process.exitCode = await cli.run();
