import { buildScenarioSchema } from '../engine/buildScenarioSchema.js';
import { EXIT, type CliIo } from './cliIo.js';

/** `pertask schema`: the JSON Schema of scenario files on stdout. */
export function schemaCommand(io: CliIo): number {
  io.stdout.write(`${JSON.stringify(buildScenarioSchema(), null, 2)}\n`);
  return EXIT.ok;
}
