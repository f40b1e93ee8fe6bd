#!/usr/bin/env node
import { availableParallelism } from 'node:os';
import { makeCli } from './makeCli.js';

// A reader that stops early (`pertask run ... | head`) closes the pipe; that
// ends the output the reader wanted, so it is not an error to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const cli = makeCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  defaultThreads: availableParallelism(),
});
process.exitCode = await cli.run();
