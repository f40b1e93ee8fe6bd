/**
 * `npm run bench`: the speed and memory targets, measured. Each case runs in
 * a child process of its own (see runBenchCase.ts), so one case's heap does
 * not count against the next. Prints a table and writes it as JSON to
 * out/bench.json. Targets are checked here, not in unit tests, since shared
 * machines make timings noisy; a missed target is printed, not an error.
 *
 * Cases: the large generated scenario (LARGE_SHAPE) on one thread and on all
 * threads, then a million trials of every bundled scenario on all threads.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import type { BenchCaseResult } from './runBenchCase.js';
import { LARGE_SHAPE } from './generateLargeScenario.js';

const TARGET_SECONDS = 5;
const TARGET_BYTES = 1024 ** 3;
const MILLION = 1_000_000;
const OUTPUT = join('out', 'bench.json');

interface BenchCase {
  readonly name: string;
  readonly source: string;
  readonly trials: number;
  readonly threads: number;
  /** Whether the case has the time target (the large one on one thread has none). */
  readonly timed: boolean;
}

function listCases(): BenchCase[] {
  const threads = availableParallelism();
  const { workloads, steps, months } = LARGE_SHAPE;
  const large = `large: ${workloads} x ${steps} steps, ${months} months`;
  const bundled = readdirSync('scenarios')
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => ({
      name: name.replace(/\.yaml$/, ''),
      source: join('scenarios', name),
      trials: MILLION,
      threads,
      timed: true,
    }));
  return [
    { name: large, source: 'large', trials: LARGE_SHAPE.trials, threads: 1, timed: false },
    { name: large, source: 'large', trials: LARGE_SHAPE.trials, threads, timed: true },
    ...bundled,
  ];
}

function runCase(benchCase: BenchCase): BenchCaseResult {
  const output = execFileSync(
    process.execPath,
    [
      join('dist', 'bench', 'runBenchCase.js'),
      benchCase.source,
      String(benchCase.trials),
      String(benchCase.threads),
    ],
    { encoding: 'utf8', maxBuffer: 1024 ** 2 },
  );
  return JSON.parse(output) as BenchCaseResult;
}

function main(): void {
  const rows = listCases().map((benchCase) => {
    const result = runCase(benchCase);
    const met =
      (!benchCase.timed || result.seconds <= TARGET_SECONDS) && result.peakBytes <= TARGET_BYTES;
    const row = { ...benchCase, ...result, met };
    process.stderr.write(
      `${benchCase.name} on ${benchCase.threads}: ${result.seconds.toFixed(2)} s\n`,
    );
    return row;
  });
  const [oneThread, allThreads] = rows;
  const table = [
    ['case', 'trials', 'threads', 'seconds', 'CPU seconds', 'peak MiB', 'percentiles', 'targets'],
    ...rows.map((row) => [
      row.name,
      row.trials.toLocaleString('en-US'),
      String(row.threads),
      row.seconds.toFixed(2),
      row.cpuSeconds.toFixed(2),
      (row.peakBytes / 1024 ** 2).toFixed(0),
      row.sketched ? 'sketched' : 'exact',
      (row.met ? 'met' : 'MISSED') + (row.timed ? '' : ' (memory only)'),
    ]),
  ];
  const widths = table[0]!.map((_, column) =>
    Math.max(...table.map((line) => line[column]!.length)),
  );
  for (const line of table) {
    process.stdout.write(
      `${line.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}\n`,
    );
  }
  const identical = oneThread!.summaryHash === allThreads!.summaryHash;
  process.stdout.write(
    `targets: ${TARGET_SECONDS} s on all threads, ${TARGET_BYTES / 1024 ** 2} MiB peak; ` +
      `large scenario on 1 and ${allThreads!.threads} threads byte-identical: ` +
      `${identical ? 'yes' : 'NO'}\n`,
  );
  mkdirSync('out', { recursive: true });
  const document = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    targets: { seconds: TARGET_SECONDS, peakBytes: TARGET_BYTES },
    identicalAcrossThreads: identical,
    cases: rows,
  };
  writeFileSync(OUTPUT, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`wrote ${OUTPUT}\n`);
}

main();
