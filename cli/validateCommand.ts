import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadScenarioDocument } from '../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG } from '../engine/priceCatalog.js';
import { formatIssue, hasErrors, type ScenarioIssue } from '../engine/scenarioIssue.js';
import { validateScenario } from '../engine/validate/validateScenario.js';
import { EXIT, type CliIo } from './cliIo.js';
import { makeFileReader } from './makeFileReader.js';

export interface ValidateOptions {
  readonly files: readonly string[];
  readonly json: boolean;
}

/** One file's verdict, as `validate --json` prints it. */
export interface FileVerdict {
  readonly file: string;
  readonly valid: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly issues: readonly (ScenarioIssue & { readonly file: string })[];
}

/**
 * `pertask validate <files...>`: checks every file without simulating, prints
 * every problem (errors and warnings, sorted by line, with a caret) on stderr,
 * and with --json lists them as data on stdout. Exit 0 when no file has an
 * error, 2 otherwise. Writes nothing.
 */
export async function validateCommand(options: ValidateOptions, io: CliIo): Promise<number> {
  const verdicts: FileVerdict[] = [];
  for (const file of options.files) {
    const verdict = await validateOne(file, io);
    verdicts.push(verdict.verdict);
    for (const issue of verdict.verdict.issues) {
      io.stderr.write(`${formatIssue(issue, file, verdict.text)}\n`);
    }
  }
  if (options.json) io.stdout.write(`${JSON.stringify(verdicts, null, 2)}\n`);
  else {
    for (const verdict of verdicts) io.stderr.write(`${describeVerdict(verdict)}\n`);
  }
  return verdicts.every((verdict) => verdict.valid) ? EXIT.ok : EXIT.usage;
}

async function validateOne(file: string, io: CliIo) {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code;
    const issue: ScenarioIssue & { file: string } = {
      file,
      code: 'bad-file',
      severity: 'error',
      path: '',
      message: `Cannot read the scenario: ${reason}.`,
      line: 0,
      column: 0,
      length: 1,
      hint: '',
    };
    return { text: '', verdict: verdictOf(file, [issue]) };
  }
  const source = loadScenarioDocument(text);
  const { issues } = validateScenario(source, BUILTIN_CATALOG, makeFileReader(file, io.cwd));
  return {
    text,
    verdict: verdictOf(
      file,
      issues.map((issue) => ({ file, ...issue })),
    ),
  };
}

function verdictOf(file: string, issues: FileVerdict['issues']): FileVerdict {
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  return { file, valid: !hasErrors(issues), errors, warnings: issues.length - errors, issues };
}

function describeVerdict(verdict: FileVerdict): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const counts = `${plural(verdict.errors, 'error')}, ${plural(verdict.warnings, 'warning')}`;
  return `${verdict.file}: ${verdict.valid ? 'valid' : 'invalid'} (${counts})`;
}
