import { formatIssue, hasErrors, type ScenarioIssue } from '../engine/scenarioIssue.js';
import { CliError, EXIT, type CliIo } from './cliIo.js';
import { formatLoadedIssue } from './loadScenarioFile.js';
import { paintIssue, useColour } from './useColour.js';
import { readTextFile } from './readTextFile.js';
import { loadScenarioWithCatalog } from './resolveScenarioCatalog.js';
import { countOf } from '../engine/countOf.js';

export interface ValidateOptions {
  readonly files: readonly string[];
  readonly json: boolean;
  /** Errors only on stderr: no warnings and no line per file (the exit code says it). */
  readonly quiet?: boolean;
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
 * and with --json lists them as data on stdout; --quiet leaves only the errors
 * on stderr (the JSON, which is data, still lists the warnings). Exit 0 when
 * no file has an error, 2 otherwise. Writes nothing.
 */
export async function validateCommand(options: ValidateOptions, io: CliIo): Promise<number> {
  const verdicts: FileVerdict[] = [];
  // Severity in colour on a terminal, as `run` prints the same issues.
  const colour = useColour(io.stderr, io.env);
  for (const file of options.files) {
    const loaded = await loadOrExplain(file, io);
    if ('issues' in loaded && 'texts' in loaded) {
      for (const issue of loaded.issues) {
        if (options.quiet && issue.severity === 'warning') continue;
        io.stderr.write(`${paintIssue(formatLoadedIssue(loaded, issue), colour)}\n`);
      }
      verdicts.push(verdictOf(file, loaded.issues));
    } else {
      io.stderr.write(`${paintIssue(formatIssue(loaded.issue, file, ''), colour)}\n`);
      verdicts.push(verdictOf(file, [loaded.issue]));
    }
  }
  if (options.json) io.stdout.write(`${JSON.stringify(verdicts, null, 2)}\n`);
  else if (!options.quiet) {
    for (const verdict of verdicts) io.stderr.write(`${describeVerdict(verdict)}\n`);
  }
  return verdicts.every((verdict) => verdict.valid) ? EXIT.ok : EXIT.usage;
}

/** The loaded scenario, or the one issue saying why the file could not be read. */
async function loadOrExplain(file: string, io: CliIo) {
  try {
    const text = await readTextFile(file, io, 'scenario');
    // A catalog named by `prices.catalog` is read as `run` reads it; its own
    // problems are printed where it is named.
    return (await loadScenarioWithCatalog(file, text, io)).loaded;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    const issue: ScenarioIssue & { file: string } = {
      file,
      code: 'bad-file',
      severity: 'error',
      path: '',
      message: capitalize(error.message.replace(`${file}: `, '')),
      line: 0,
      column: 0,
      length: 1,
      hint: '',
    };
    return { issue };
  }
}

function verdictOf(file: string, issues: FileVerdict['issues']): FileVerdict {
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  return { file, valid: !hasErrors(issues), errors, warnings: issues.length - errors, issues };
}

function describeVerdict(verdict: FileVerdict): string {
  const counts = `${countOf(verdict.errors, 'error')}, ${countOf(verdict.warnings, 'warning')}`;
  return `${verdict.file}: ${verdict.valid ? 'valid' : 'invalid'} (${counts})`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
