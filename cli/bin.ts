#!/usr/bin/env node
import { availableParallelism } from 'node:os';
import { makeCli } from './makeCli.js';

const cli = makeCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  defaultThreads: availableParallelism(),
});
process.exitCode = await cli.run();
