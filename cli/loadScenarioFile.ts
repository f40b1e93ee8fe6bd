import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import {
  composeScenario,
  type ComposedScenario,
  type ScenarioFileReader,
} from '../engine/composeScenario.js';
import type { ScenarioDocument } from '../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG, type PriceCatalog } from '../engine/priceCatalog.js';
import { formatIssue, type ScenarioIssue } from '../engine/scenarioIssue.js';
import type { Scenario } from '../engine/scenarioTypes.js';
import { validateScenario } from '../engine/validate/validateScenario.js';
import { CliError, EXIT } from './cliIo.js';
import { makeFileReader } from './makeFileReader.js';
import { withoutByteOrderMark } from './readTextFile.js';

/** A scenario file loaded with the files it extends and includes, and validated. */
export interface LoadedScenario {
  readonly file: string;
  readonly text: string;
  readonly texts: ReadonlyMap<string, string>;
  readonly source: ScenarioDocument;
  readonly scenario: Scenario | undefined;
  /**
   * The absolute path of every file the scenario is made from: its own, those
   * it extends and includes, and the CSVs it names, read or not.
   */
  readonly files: readonly string[];
  /** Every error and warning, each naming the file it is in. */
  readonly issues: readonly (ScenarioIssue & { readonly file: string })[];
}

/**
 * Reads a scenario file (as named on the command line, relative to `cwd`),
 * composes it with the files its `extends:` and `include:` name, and
 * validates it; CSV files it names are read relative to it.
 */
export function loadScenarioFile(file: string, cwd: string): LoadedScenario {
  return loadScenarioText(file, readScenarioText(file, cwd), cwd, BUILTIN_CATALOG);
}

/** The same, for a scenario whose text is already read, validated against a given catalog. */
export function loadScenarioText(
  file: string,
  text: string,
  cwd: string,
  catalog: PriceCatalog,
): LoadedScenario {
  return validateComposedFile(composeScenarioFile(file, text, cwd), catalog);
}

/** A scenario file composed, not yet validated, with the files read so far. */
export interface ComposedFile extends ComposedScenario {
  readonly file: string;
  readonly text: string;
  readonly cwd: string;
  /** Absolute paths of the files read: the file, those it extends and includes. */
  readonly files: Set<string>;
}

/**
 * The scenario composed with the files it extends and includes, not yet
 * validated: where `prices.catalog` is looked for, in whichever file names it,
 * before validateComposedFile validates it against that catalog.
 */
export function composeScenarioFile(file: string, text: string, cwd: string): ComposedFile {
  const files = new Set([resolve(cwd, file)]);
  const composed = composeScenario(
    file,
    text,
    makeComposeReader(file, cwd, (path) => files.add(path)),
  );
  return { ...composed, file, text, cwd, files };
}

/** Validates a composed file against `catalog`, reading the CSVs it names. */
export function validateComposedFile(
  composed: ComposedFile,
  catalog: PriceCatalog,
): LoadedScenario {
  const { file, text, cwd, files, source, texts } = composed;
  const readFile = makeFileReader(file, cwd, (path) => files.add(path));
  const { scenario, issues } = validateScenario(source, catalog, readFile);
  const located = issues.map((issue) => ({ ...issue, file: issue.file ?? file }));
  return { file, text, texts, source, scenario, files: [...files], issues: located };
}

/** An issue formatted with the source line of the file it is in. */
export function formatLoadedIssue(loaded: LoadedScenario, issue: LoadedScenario['issues'][number]) {
  return formatIssue(issue, issue.file, loaded.texts.get(issue.file) ?? '');
}

/**
 * Reads the files a scenario extends and includes, each named the way the
 * main file is named on the command line: by its absolute path when that was
 * absolute, else relative to the working folder. One rule for every file, so a
 * file always has one name: messages name files alike, and a cycle back to
 * the main file is found at once (`a -> b -> a`).
 */
function makeComposeReader(
  mainFile: string,
  cwd: string,
  onRead: (path: string) => void,
): ScenarioFileReader {
  const main = resolve(cwd, mainFile);
  const nameOf = (target: string): string => {
    if (target === main) return mainFile;
    return isAbsolute(mainFile) ? target : relative(cwd, target) || target;
  };
  return (fromFile, relativePath) => {
    const target = resolve(dirname(resolve(cwd, fromFile)), relativePath);
    const read = makeFileReader(target, cwd, onRead)(target);
    if (typeof read !== 'string') return read;
    return { file: nameOf(target), text: read };
  };
}

function readScenarioText(file: string, cwd: string): string {
  try {
    return withoutByteOrderMark(readFileSync(resolve(cwd, file), 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(code);
    throw new CliError(`${file}: cannot read the scenario: ${reason}.`, EXIT.usage);
  }
}
