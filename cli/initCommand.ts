import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkOverwrite } from './checkOverwrite.js';
import { CliError, EXIT, type CliIo } from './cliIo.js';
import { findPackageManifest } from './findPackageManifest.js';
import { SCENARIO_TEMPLATES, type TemplateName } from './templates/scenarioTemplates.js';
import { writeFilesAtomically } from './writeFileAtomic.js';

export interface InitOptions {
  readonly path: string;
  readonly template: TemplateName;
  readonly force: boolean;
}

/**
 * The schema file shipped with the package, beside its package.json, found from
 * this file in the source and in any build; beside cli/'s parent without one.
 */
export function schemaFilePath(): string {
  const root =
    findPackageManifest()?.folder ?? resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return resolve(root, 'schema/scenario.schema.json');
}

/**
 * `pertask init [path]`: writes a commented scenario to start from. It never
 * replaces an existing file unless --force is given.
 */
export async function initCommand(options: InitOptions, io: CliIo): Promise<number> {
  if (options.path.trim() === '') {
    throw new CliError('init needs a file to write: pertask init <path>.', EXIT.usage);
  }
  const target = resolve(io.cwd, options.path);
  const context = { cwd: io.cwd, hint: 'choose another path: pertask init <path>' };
  await checkOverwrite(target, options.force, context);
  const schema = relative(dirname(target), schemaFilePath()).split('\\').join('/');
  const text = SCENARIO_TEMPLATES[options.template].replace('{{schema}}', schema);
  await writeFilesAtomically(new Map([[target, text]]), context);
  io.stderr.write(
    `Wrote ${options.path} (template ${options.template}). ` +
      `Next: pertask validate ${options.path}\n`,
  );
  return EXIT.ok;
}
